import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function findSchedule(db: Kysely<DB>, reportId: number) {
  return db.selectFrom('reportSchedules').selectAll().where('reportId', '=', reportId).executeTakeFirst();
}

export type ScheduleRow = NonNullable<Awaited<ReturnType<typeof findSchedule>>>;

export async function saveSchedule(
  db: Kysely<DB>,
  row: Omit<ScheduleRow, 'createdAt' | 'lastSentAt' | 'lastError'>,
): Promise<void> {
  const { reportId, ...values } = row;
  await db
    .insertInto('reportSchedules')
    .values({ ...row, lastSentAt: null, lastError: null, createdAt: row.updatedAt })
    .onConflict((oc) => oc.column('reportId').doUpdateSet(values))
    .execute();
}

export async function deleteSchedule(db: Kysely<DB>, reportId: number): Promise<void> {
  await db.deleteFrom('reportSchedules').where('reportId', '=', reportId).execute();
}

/** The schedules due by `now`, their report's owner with them. */
export function dueSchedules(db: Kysely<DB>, now: string) {
  return db
    .selectFrom('reportSchedules')
    .innerJoin('reports', 'reports.id', 'reportSchedules.reportId')
    .select([
      'reportSchedules.reportId',
      'reportSchedules.frequency',
      'reportSchedules.weekday',
      'reportSchedules.monthDay',
      'reportSchedules.hour',
      'reportSchedules.recipientIds',
      'reportSchedules.nextRunAt',
    ])
    .where('reportSchedules.enabled', '=', 1)
    .where('reportSchedules.nextRunAt', '<=', now)
    .orderBy('reportSchedules.nextRunAt')
    .execute();
}

/**
 * Moves a due schedule on to its next run, when it is still due at `dueAt`: true for the one instance
 * (or sweep) that takes it, false for any other.
 */
export async function takeDueRun(db: Kysely<DB>, reportId: number, dueAt: string, nextRunAt: string) {
  const taken = await db
    .updateTable('reportSchedules')
    .set({ nextRunAt })
    .where('reportId', '=', reportId)
    .where('nextRunAt', '=', dueAt)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export async function recordDelivery(db: Kysely<DB>, reportId: number, sentAt: string, error: string | null) {
  await db
    .updateTable('reportSchedules')
    .set(error === null ? { lastSentAt: sentAt } : { lastError: error })
    .where('reportId', '=', reportId)
    .execute();
}

/** Clears the last failure when a run starts. */
export async function clearDeliveryError(db: Kysely<DB>, reportId: number) {
  await db.updateTable('reportSchedules').set({ lastError: null }).where('reportId', '=', reportId).execute();
}

/** The users among `ids` who are active, with their address and language. */
export function activeRecipients(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'email', 'locale', 'displayName'])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
}

/** A saved report's name and definition, whoever owns it. */
export function reportToSend(db: Kysely<DB>, reportId: number) {
  return db
    .selectFrom('reports')
    .select(['id', 'name', 'definition', 'ownerId'])
    .where('id', '=', reportId)
    .executeTakeFirst();
}

export async function localeOf(db: Kysely<DB>, userId: number): Promise<string | null> {
  const user = await db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
  return user?.locale ?? null;
}
