import type { Kysely } from 'kysely';
import type { Dialect } from './database.ts';
import type { DB } from './schema.ts';

export async function loadDemoData(_db: Kysely<DB>, _dialect: Dialect): Promise<void> {}
