import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** One person's calendar day: [from, to], both instants included. */
export type Day = { userId: number; from: string; to: string };

const followupsOfDay = (db: Kysely<DB>, { userId, from, to }: Day) =>
  db
    .selectFrom('followups')
    .innerJoin('customers', 'customers.id', 'followups.customerId')
    .where('followups.ownerId', '=', userId)
    .where('followups.deletedAt', 'is', null)
    .where('followups.occurredAt', '>=', from)
    .where('followups.occurredAt', '<=', to);

const tasksDoneOfDay = (db: Kysely<DB>, { userId, from, to }: Day) =>
  db
    .selectFrom('tasks')
    .where('ownerId', '=', userId)
    .where('deletedAt', 'is', null)
    .where('status', '=', 'done')
    .where('completedAt', '>=', from)
    .where('completedAt', '<=', to);

/** Stage moves the person made on live opportunities. */
const stageMovesOfDay = (db: Kysely<DB>, { userId, from, to }: Day) =>
  db
    .selectFrom('opportunityStageHistory as h')
    .innerJoin('opportunities as o', 'o.id', 'h.opportunityId')
    .innerJoin('pipelineStages as toStage', 'toStage.id', 'h.toStageId')
    .leftJoin('pipelineStages as fromStage', 'fromStage.id', 'h.fromStageId')
    .where('h.changedBy', '=', userId)
    .where('o.deletedAt', 'is', null)
    .where('h.changedAt', '>=', from)
    .where('h.changedAt', '<=', to);

type DayQuery = ReturnType<typeof followupsOfDay | typeof tasksDoneOfDay | typeof stageMovesOfDay>;
const count = (qb: DayQuery) =>
  (qb as ReturnType<typeof tasksDoneOfDay>)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

export function listFollowupsOfDay(db: Kysely<DB>, day: Day, limit: number) {
  return followupsOfDay(db, day)
    .select([
      'followups.id',
      'followups.customerId',
      'customers.name as customerName',
      'followups.type',
      'followups.occurredAt',
      'followups.content',
    ])
    .orderBy('followups.occurredAt')
    .limit(limit)
    .execute();
}

export function listTasksDoneOfDay(db: Kysely<DB>, day: Day, limit: number) {
  return tasksDoneOfDay(db, day).select(['id', 'subject', 'completedAt']).orderBy('completedAt').limit(limit).execute();
}

export function listStageMovesOfDay(db: Kysely<DB>, day: Day, limit: number) {
  return stageMovesOfDay(db, day)
    .select(['o.id', 'o.name', 'fromStage.code as fromStage', 'toStage.code as toStage', 'h.changedAt'])
    .orderBy('h.changedAt')
    .limit(limit)
    .execute();
}

export const countFollowupsOfDay = (db: Kysely<DB>, day: Day) => count(followupsOfDay(db, day));
export const countTasksDoneOfDay = (db: Kysely<DB>, day: Day) => count(tasksDoneOfDay(db, day));
export const countStageMovesOfDay = (db: Kysely<DB>, day: Day) => count(stageMovesOfDay(db, day));
