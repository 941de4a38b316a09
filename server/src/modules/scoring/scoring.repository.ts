import type { ScoringEntity } from '@relate/common';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, ScoreEventTable, ScoringGroupTable, ScoringRuleTable } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

export type GroupRow = Awaited<ReturnType<typeof listGroups>>[number];
export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];
export type EventRow = Awaited<ReturnType<typeof openEventsOf>>[number];

export function listGroups(db: Kysely<DB>) {
  return db.selectFrom('scoringGroups').selectAll().orderBy('isDefault', 'desc').orderBy('id').execute();
}

export function findGroup(db: Kysely<DB>, id: number) {
  return db.selectFrom('scoringGroups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDefaultGroup(db: Kysely<DB>) {
  return db.selectFrom('scoringGroups').selectAll().where('isDefault', '=', 1).orderBy('id').executeTakeFirst();
}

export async function insertGroup(db: Kysely<DB>, row: Insertable<ScoringGroupTable>): Promise<number> {
  return (await db.insertInto('scoringGroups').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateGroup(db: Kysely<DB>, id: number, values: Updateable<ScoringGroupTable>) {
  return db.updateTable('scoringGroups').set(values).where('id', '=', id).execute();
}

export function clearDefaultGroup(db: Kysely<DB>, exceptId: number) {
  return db.updateTable('scoringGroups').set({ isDefault: 0 }).where('id', '<>', exceptId).execute();
}

export async function deleteGroup(db: Kysely<DB>, id: number, at: string) {
  await db
    .updateTable('scoreEvents')
    .set({ endedAt: at })
    .where('groupId', '=', id)
    .where('endedAt', 'is', null)
    .execute();
  await db.deleteFrom('scoringRules').where('groupId', '=', id).execute();
  await db.deleteFrom('scoringGroups').where('id', '=', id).execute();
}

export function listRules(db: Kysely<DB>) {
  return db.selectFrom('scoringRules').selectAll().orderBy('groupId').orderBy('id').execute();
}

export function listActiveRules(db: Kysely<DB>) {
  return db.selectFrom('scoringRules').selectAll().where('active', '=', 1).orderBy('id').execute();
}

export function findRule(db: Kysely<DB>, id: number) {
  return db.selectFrom('scoringRules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRule(db: Kysely<DB>, row: Insertable<ScoringRuleTable>): Promise<number> {
  return (await db.insertInto('scoringRules').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateRule(db: Kysely<DB>, id: number, values: Updateable<ScoringRuleTable>) {
  return db.updateTable('scoringRules').set(values).where('id', '=', id).execute();
}

export function deleteRule(db: Kysely<DB>, id: number) {
  return db.deleteFrom('scoringRules').where('id', '=', id).execute();
}

/** The kind of reason a record's own doing gives. */
const behaviour = 'behaviour';

const recordColumn = (entity: ScoringEntity) => (entity === 'leads' ? 'leadId' : 'contactId');

/** The fields field rules read, of the live records among `ids`. */
export async function recordFields(
  db: Kysely<DB>,
  entity: ScoringEntity,
  ids: number[],
): Promise<Array<{ id: number } & Record<string, unknown>>> {
  if (!ids.length) return [];
  if (entity === 'leads')
    return db
      .selectFrom('leads')
      .select([
        'id',
        'industry',
        'source',
        'status',
        'province',
        'city',
        'district',
        'company',
        'title',
        'email',
        'mobile',
        'phone',
        'wechat',
      ])
      .where('id', 'in', ids)
      .where('deletedAt', 'is', null)
      .execute();
  return db
    .selectFrom('contacts')
    .select(['id', 'title', 'department', 'decisionRole', 'gender', 'email', 'mobile', 'phone', 'wechat'])
    .where('id', 'in', ids)
    .where('deletedAt', 'is', null)
    .execute();
}

/** The next ids of live records after `afterId`, in id order. */
export async function recordIdsAfter(
  db: Kysely<DB>,
  entity: ScoringEntity,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom(entity)
    .select('id')
    .where('id', '>', afterId)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** When each of the records last did anything: created, a follow-up (leads), a behaviour recorded. */
export async function lastActivities(
  db: Kysely<DB>,
  entity: ScoringEntity,
  ids: number[],
): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  if (!ids.length) return result;
  const column = recordColumn(entity);
  if (entity === 'leads') {
    const rows = await db
      .selectFrom('leads')
      .select(['id', 'createdAt', 'lastFollowupAt'])
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) result.set(r.id, [r.createdAt, ...(r.lastFollowupAt ? [r.lastFollowupAt] : [])]);
  } else {
    const rows = await db.selectFrom('contacts').select(['id', 'createdAt']).where('id', 'in', ids).execute();
    for (const r of rows) result.set(r.id, [r.createdAt]);
  }
  const events = await db
    .selectFrom('scoreEvents')
    .select([column, (eb) => eb.fn.max('occurredAt').as('last')])
    .where(column, 'in', ids)
    .where('kind', '=', behaviour)
    .groupBy(column)
    .execute();
  for (const e of events) {
    const id = e[column as 'leadId'] as number;
    if (e.last) result.get(id)?.push(String(e.last));
  }
  return result;
}

/** The reasons still counting of the records among `ids`. */
export function openEventsOf(db: Kysely<DB>, entity: ScoringEntity, ids: number[]) {
  return db
    .selectFrom('scoreEvents')
    .selectAll()
    .where(recordColumn(entity), 'in', ids.length ? ids : [0])
    .where('endedAt', 'is', null)
    .orderBy('id')
    .execute();
}

export async function insertEvents(db: Kysely<DB>, rows: Array<Insertable<ScoreEventTable>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('scoreEvents')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function endEvents(db: Kysely<DB>, ids: number[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('scoreEvents')
      .set({ endedAt: at })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('endedAt', 'is', null)
      .execute();
}

export function setCurrentPoints(db: Kysely<DB>, id: number, currentPoints: number, decaySteps: number) {
  return db.updateTable('scoreEvents').set({ currentPoints, decaySteps }).where('id', '=', id).execute();
}

/** Points a rule gave one record since `since` (its cap per period). */
export async function rulePointsSince(
  db: Kysely<DB>,
  entity: ScoringEntity,
  recordId: number,
  ruleId: number,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('scoreEvents')
    .select((eb) => eb.fn.sum<number | string | null>('points').as('total'))
    .where(recordColumn(entity), '=', recordId)
    .where('ruleId', '=', ruleId)
    .where('occurredAt', '>=', since)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Each record's score: its default group's open reasons, added up by the database. */
export async function refreshScores(db: Kysely<DB>, entity: ScoringEntity, ids: number[], defaultGroupId: number) {
  const column = entity === 'leads' ? sql.ref('e.lead_id') : sql.ref('e.contact_id');
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable(entity)
      .set({
        score: sql<number>`coalesce((select sum(e.current_points) from score_events e
          where ${column} = ${sql.ref(`${entity}.id`)} and e.group_id = ${defaultGroupId} and e.ended_at is null), 0)`,
      })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}

/** Whether the caller's scope shows this live record. */
export async function recordInScope(db: Kysely<DB>, entity: ScoringEntity, scope: Scope, id: number) {
  const row = await whereInScope(db.selectFrom(entity).select(`${entity}.id`), entity, scope)
    .where(`${entity}.id`, '=', id)
    .where(`${entity}.deletedAt`, 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

export async function recordScore(db: Kysely<DB>, entity: ScoringEntity, id: number): Promise<number> {
  const row = await db.selectFrom(entity).select('score').where('id', '=', id).executeTakeFirst();
  return Number(row?.score ?? 0);
}

/** Each group's total of a record's open reasons. */
export async function groupTotals(db: Kysely<DB>, entity: ScoringEntity, id: number) {
  const rows = await db
    .selectFrom('scoreEvents')
    .select(['groupId', (eb) => eb.fn.sum<number | string>('currentPoints').as('total')])
    .where(recordColumn(entity), '=', id)
    .where('endedAt', 'is', null)
    .groupBy('groupId')
    .execute();
  return new Map(rows.map((r) => [r.groupId, Number(r.total)]));
}

/** Whether a recompute of every record is queued or running. */
export async function recomputeQueued(
  db: Kysely<DB>,
  kind: string,
  statuses: Array<'pending' | 'running'>,
): Promise<boolean> {
  const row = await db
    .selectFrom('scheduledJobs')
    .select('id')
    .where('kind', '=', kind)
    .where('status', 'in', statuses)
    .executeTakeFirst();
  return Boolean(row);
}
