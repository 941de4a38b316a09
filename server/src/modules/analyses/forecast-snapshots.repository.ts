import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/**
 * Each owner's (and department's) open opportunities expected to close between two dates, per currency:
 * their amount and the amount weighted by probability (hundredths of minor units).
 */
export function openForecastOf(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('opportunities')
    .select([
      sql<number>`owner_id`.as('ownerId'),
      'departmentId',
      'currency',
      sql<string | number>`coalesce(sum(amount), 0)`.as('pipeline'),
      sql<string | number>`coalesce(sum(amount * probability), 0)`.as('weightedHundredths'),
      sql<string | number>`count(*)`.as('count'),
    ])
    .where('status', '=', 'open')
    .where('deletedAt', 'is', null)
    .where('ownerId', 'is not', null)
    .where('expectedCloseDate', '>=', from)
    .where('expectedCloseDate', '<', to)
    .groupBy(['ownerId', 'departmentId', 'currency'])
    .execute();
}

/** Marks a month's forecast as taken; false when it already was (by another instance or run). */
export async function claimMonth(db: Kysely<DB>, month: string, currency: string, takenAt: string) {
  const inserted = await db
    .insertInto('forecastMonths')
    .values({ month, currency, takenAt })
    .onConflict((oc) => oc.column('month').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function insertSnapshots(db: Kysely<DB>, rows: DB['forecastSnapshots'][]) {
  if (rows.length) await db.insertInto('forecastSnapshots').values(rows).execute();
}

export function monthsTaken(db: Kysely<DB>, from: string, to: string) {
  return db.selectFrom('forecastMonths').selectAll().where('month', '>=', from).where('month', '<', to).execute();
}

type Filter = { ownerId?: number; departmentIds?: number[] };

/** The snapshots of months in [from, to) within a scope, per month and owner. */
export function snapshotsOf(db: Kysely<DB>, scope: Scope, from: string, to: string, filter: Filter) {
  let qb = whereInScope(db.selectFrom('forecastSnapshots'), 'forecast_snapshots', scope)
    .select([
      'month',
      'ownerId',
      sql<string | number>`sum(weighted)`.as('weighted'),
      sql<string | number>`sum(pipeline)`.as('pipeline'),
    ])
    .where('month', '>=', from)
    .where('month', '<', to);
  if (filter.ownerId) qb = qb.where('ownerId', '=', filter.ownerId);
  if (filter.departmentIds) qb = qb.where('departmentId', 'in', filter.departmentIds);
  return qb.groupBy(['month', 'ownerId']).execute();
}

/**
 * What each owner won per month (by close time, between instants), per currency, within a scope:
 * `period` is the index of the month among `bounds`.
 */
export function wonByMonth(db: Kysely<DB>, scope: Scope, bounds: string[], filter: Filter) {
  const closedAt = sql.ref('opportunities.closed_at');
  const cases = bounds.slice(1, -1).map((bound, i) => sql`when ${closedAt} < ${bound} then ${sql.lit(i)}`);
  const period = sql<number>`case ${sql.join(cases, sql` `)} else ${sql.lit(bounds.length - 2)} end`;
  let qb = whereInScope(db.selectFrom('opportunities'), 'opportunities', scope)
    .where('opportunities.deletedAt', 'is', null)
    .where('opportunities.status', '=', 'won')
    .where('opportunities.ownerId', 'is not', null)
    .where('opportunities.closedAt', '>=', bounds[0])
    .where('opportunities.closedAt', '<', bounds[bounds.length - 1]);
  if (filter.ownerId) qb = qb.where('opportunities.ownerId', '=', filter.ownerId);
  if (filter.departmentIds) qb = qb.where('opportunities.departmentId', 'in', filter.departmentIds);
  const won = qb.select([
    sql<number>`${sql.ref('opportunities.owner_id')}`.as('ownerId'),
    'opportunities.currency',
    'opportunities.amount',
    period.as('period'),
  ]);
  return db
    .selectFrom(won.as('w'))
    .select([
      'w.period',
      'w.ownerId',
      'w.currency',
      sql<string | number>`coalesce(sum(${sql.ref('w.amount')}), 0)`.as('amount'),
    ])
    .groupBy(['w.period', 'w.ownerId', 'w.currency'])
    .execute();
}

export function ownerNames(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute();
}
