import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The notices already sent that a year's statutory schedule is missing: to whom, for which year. */
export function calendarNoticesSent(db: Kysely<DB>) {
  return db.selectFrom('notifications').select(['userId', 'entityId']).where('kind', '=', 'calendarUnknown').execute();
}
