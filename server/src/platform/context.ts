import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/** What every module needs from the running application. */
export type AppContext = { db: Kysely<DB>; dialect: Dialect; config: Config };
