import type { OpportunityQuery } from '@relate/common';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type {
  DB,
  OpportunityCompetitorTable,
  OpportunityContactTable,
  OpportunityProductTable,
  OpportunityStageHistoryTable,
  OpportunityTable,
} from '../../db/schema.ts';
import { listPage, listsByDepartment } from '../../platform/list-page.ts';
import { keysetOf, type ListPageQuery, orderBySpec, type SortColumns, sortSpec } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains, normalizeSearchText, searchTargets, whereIndexHolds } from '../../platform/search.ts';
import type { Dialect } from '../../db/database.ts';

const sortColumns: SortColumns = {
  code: { column: 'opportunities.code' },
  name: { column: 'opportunities.name' },
  amount: { column: 'opportunities.amount', nullable: true },
  expectedCloseDate: { column: 'opportunities.expectedCloseDate', nullable: true },
  probability: { column: 'opportunities.probability' },
  createdAt: { column: 'opportunities.createdAt' },
  updatedAt: { column: 'opportunities.updatedAt' },
};

const base = (db: Kysely<DB>) => db.selectFrom('opportunities');

function withColumns(qb: ReturnType<typeof base>) {
  return qb
    .innerJoin('customers', 'customers.id', 'opportunities.customerId')
    .innerJoin('pipelineStages as stage', 'stage.id', 'opportunities.stageId')
    .leftJoin('users as owner', 'owner.id', 'opportunities.ownerId')
    .selectAll('opportunities')
    .select(['customers.name as customerName', 'stage.code as stageCode', 'owner.displayName as ownerName']);
}

export type OpportunityRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;
export type OpportunityFilter = Omit<OpportunityQuery, 'page' | 'pageSize' | 'sort'>;

/** The active opportunities of a scope that match the filters; a search goes through the bigram index when `dialect` is given and `searchIndex` is not false. */
export function filteredOpportunities(
  db: Kysely<DB>,
  scope: Scope,
  filter: OpportunityFilter,
  dialect?: Dialect,
  searchIndex: boolean | 'firstOnly' = true,
) {
  let qb = whereInScope(base(db), 'opportunities', scope).where('opportunities.deletedAt', 'is', null);
  if (filter.customerId) qb = qb.where('opportunities.customerId', '=', filter.customerId);
  if (filter.pipelineId) qb = qb.where('opportunities.pipelineId', '=', filter.pipelineId);
  if (filter.stageId?.length) qb = qb.where('opportunities.stageId', 'in', filter.stageId);
  if (filter.status?.length) qb = qb.where('opportunities.status', 'in', filter.status);
  if (filter.ownerId?.length) qb = qb.where('opportunities.ownerId', 'in', filter.ownerId);
  if (filter.departmentId?.length) qb = qb.where('opportunities.departmentId', 'in', filter.departmentId);
  if (filter.closeFrom) qb = qb.where('opportunities.expectedCloseDate', '>=', filter.closeFrom);
  if (filter.closeTo) qb = qb.where('opportunities.expectedCloseDate', '<=', filter.closeTo);
  if (filter.q) {
    qb = qb.where(contains('opportunities.searchText', normalizeSearchText(filter.q)));
    if (dialect && searchIndex)
      qb = whereIndexHolds(qb, dialect, searchTargets.opportunities, filter.q, {
        firstOnly: searchIndex === 'firstOnly',
      });
  }
  return qb;
}

export function listOpportunities(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  query: OpportunityQuery & ListPageQuery,
) {
  const keyset = keysetOf(query, sortSpec(query.sort, sortColumns, 'updatedAt:desc'));
  const sorted = (rows: ReturnType<typeof filteredOpportunities>) => orderBySpec(withColumns(rows), keyset.spec);
  return listPage(
    db,
    dialect,
    searchTargets.opportunities,
    query.q,
    (index) => filteredOpportunities(db, scope, query, dialect, index),
    sorted,
    { ...query, keyset },
    {
      narrowScope: scope.kind === 'own',
      gatherable: Boolean(query.ownerId?.length),
      byDepartment: listsByDepartment(scope, (departments) => filteredOpportunities(db, departments, query, dialect)),
    },
  );
}

export function findOpportunity(db: Kysely<DB>, scope: Scope, id: number) {
  return withColumns(whereInScope(base(db), 'opportunities', scope))
    .where('opportunities.id', '=', id)
    .where('opportunities.deletedAt', 'is', null)
    .executeTakeFirst();
}

/** Per stage and currency of a pipeline: how many opportunities, their amount and weighted amount (minor units), for the board. */
export async function stageTotals(db: Kysely<DB>, scope: Scope, pipelineId: number, filter: OpportunityFilter) {
  // Grouping by department as well lets the database read a department's totals straight from its
  // index in order; without it the planner may prefer walking the whole pipeline.
  const byDepartment = scope.kind === 'departments' || Boolean(filter.departmentId?.length);
  const qb = filteredOpportunities(db, scope, { ...filter, pipelineId }).select((eb) => [
    'opportunities.stageId',
    'opportunities.currency',
    eb.fn.countAll<number>().as('count'),
    eb.fn.coalesce(eb.fn.sum<number>('opportunities.amount'), sql<number>`0`).as('amount'),
    eb.fn
      .coalesce(
        eb.fn.sum<number>(sql`${sql.ref('opportunities.amount')} * ${sql.ref('opportunities.probability')}`),
        sql<number>`0`,
      )
      .as('weightedHundredths'),
  ]);
  const rows = await (
    byDepartment
      ? qb.groupBy(['opportunities.departmentId', 'opportunities.stageId', 'opportunities.currency'])
      : qb.groupBy(['opportunities.stageId', 'opportunities.currency'])
  ).execute();
  const totals = new Map<
    string,
    { stageId: number; currency: string; count: number; amount: number; weightedHundredths: number }
  >();
  for (const row of rows) {
    const key = `${row.stageId} ${row.currency}`;
    const total = totals.get(key) ?? {
      stageId: row.stageId,
      currency: row.currency,
      count: 0,
      amount: 0,
      weightedHundredths: 0,
    };
    total.count += Number(row.count);
    total.amount += Number(row.amount);
    total.weightedHundredths += Number(row.weightedHundredths);
    totals.set(key, total);
  }
  return [...totals.values()];
}

/** The newest cards of one stage of the board. */
export function stageCards(
  db: Kysely<DB>,
  scope: Scope,
  pipelineId: number,
  stageId: number,
  filter: OpportunityFilter,
  limit: number,
) {
  // The pipeline narrows nothing, but lets the (pipeline, stage, updated) index serve the order.
  return withColumns(filteredOpportunities(db, scope, { ...filter, pipelineId, stageId: [stageId] }))
    .orderBy('opportunities.updatedAt', 'desc')
    .orderBy('opportunities.id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertOpportunity(db: Kysely<DB>, row: Insertable<OpportunityTable>): Promise<number> {
  return (await db.insertInto('opportunities').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateOpportunity(db: Kysely<DB>, id: number, values: Updateable<OpportunityTable>) {
  return db.updateTable('opportunities').set(values).where('id', '=', id).execute();
}

/** A user who may be made an opportunity's owner, with what the check needs. */
export function findOwnerCandidate(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').select(['id', 'departmentId', 'status']).where('id', '=', userId).executeTakeFirst();
}

export async function replaceOpportunityContacts(
  db: Kysely<DB>,
  opportunityId: number,
  rows: Insertable<OpportunityContactTable>[],
) {
  await db.deleteFrom('opportunityContacts').where('opportunityId', '=', opportunityId).execute();
  if (rows.length) await db.insertInto('opportunityContacts').values(rows).execute();
}

export async function replaceOpportunityCompetitors(
  db: Kysely<DB>,
  opportunityId: number,
  rows: Insertable<OpportunityCompetitorTable>[],
) {
  await db.deleteFrom('opportunityCompetitors').where('opportunityId', '=', opportunityId).execute();
  if (rows.length) await db.insertInto('opportunityCompetitors').values(rows).execute();
}

export async function replaceOpportunityProducts(
  db: Kysely<DB>,
  opportunityId: number,
  rows: Insertable<OpportunityProductTable>[],
) {
  await db.deleteFrom('opportunityProducts').where('opportunityId', '=', opportunityId).execute();
  if (rows.length) await db.insertInto('opportunityProducts').values(rows).execute();
}

export function insertStageHistory(db: Kysely<DB>, row: Insertable<OpportunityStageHistoryTable>) {
  return db.insertInto('opportunityStageHistory').values(row).execute();
}

export function listOpportunityContacts(db: Kysely<DB>, opportunityId: number) {
  return db
    .selectFrom('opportunityContacts')
    .innerJoin('contacts', 'contacts.id', 'opportunityContacts.contactId')
    .select(['opportunityContacts.contactId', 'contacts.name', 'opportunityContacts.role'])
    .where('opportunityId', '=', opportunityId)
    .execute();
}

export function listOpportunityCompetitors(db: Kysely<DB>, opportunityId: number) {
  return db
    .selectFrom('opportunityCompetitors')
    .selectAll()
    .where('opportunityId', '=', opportunityId)
    .orderBy('id')
    .execute();
}

export function listOpportunityProducts(db: Kysely<DB>, opportunityId: number) {
  return db
    .selectFrom('opportunityProducts')
    .selectAll()
    .where('opportunityId', '=', opportunityId)
    .orderBy('sortOrder')
    .execute();
}

export function listStageHistory(db: Kysely<DB>, opportunityId: number) {
  return db
    .selectFrom('opportunityStageHistory')
    .leftJoin('users', 'users.id', 'opportunityStageHistory.changedBy')
    .select(['fromStageId', 'toStageId', 'changedAt', 'users.displayName as changedByName', 'secondsInPrevious'])
    .where('opportunityId', '=', opportunityId)
    .orderBy('opportunityStageHistory.id')
    .execute();
}

/** The index of the period a value falls in, given the periods' ascending boundaries (first start … last end). */
function periodIndex(column: string, bounds: string[]) {
  const ref = sql.ref(column);
  const cases = bounds.slice(1, -1).map((bound, i) => sql`when ${ref} < ${bound} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.join(cases, sql` `)} else ${sql.lit(bounds.length - 2)} end`;
}

/**
 * Sums per period and currency (minor units): won amounts by close time, open amounts and
 * probability-weighted amounts (hundredths) by expected close date. Summed in the database, so a
 * department-wide year costs one pass over its opportunities and returns a few dozen rows.
 */
export function forecastFigures(
  db: Kysely<DB>,
  scope: Scope,
  filter: { ownerId?: number; departmentIds?: number[]; dateBounds: string[]; timeBounds: string[] },
) {
  let qb = whereInScope(base(db), 'opportunities', scope).where('opportunities.deletedAt', 'is', null);
  if (filter.ownerId) qb = qb.where('opportunities.ownerId', '=', filter.ownerId);
  if (filter.departmentIds) qb = qb.where('opportunities.departmentId', 'in', filter.departmentIds);
  const won = qb
    .select([
      'opportunities.currency',
      'opportunities.amount',
      periodIndex('opportunities.closed_at', filter.timeBounds).as('period'),
    ])
    .where('opportunities.status', '=', 'won')
    .where('opportunities.closedAt', '>=', filter.timeBounds[0])
    .where('opportunities.closedAt', '<', filter.timeBounds[filter.timeBounds.length - 1]);
  const open = qb
    .select([
      'opportunities.currency',
      'opportunities.amount',
      'opportunities.probability',
      periodIndex('opportunities.expected_close_date', filter.dateBounds).as('period'),
    ])
    .where('opportunities.status', '=', 'open')
    .where('opportunities.expectedCloseDate', '>=', filter.dateBounds[0])
    .where('opportunities.expectedCloseDate', '<', filter.dateBounds[filter.dateBounds.length - 1]);
  const sum = (expression: ReturnType<typeof sql>) => sql<string | number | null>`coalesce(sum(${expression}), 0)`;
  return Promise.all([
    db
      .selectFrom(won.as('w'))
      .select([
        'w.period',
        'w.currency',
        sum(sql.ref('w.amount')).as('amount'),
        sql<string | number>`count(*)`.as('count'),
      ])
      .groupBy(['w.period', 'w.currency'])
      .execute(),
    db
      .selectFrom(open.as('o'))
      .select([
        'o.period',
        'o.currency',
        sum(sql.ref('o.amount')).as('amount'),
        sum(sql`${sql.ref('o.amount')} * ${sql.ref('o.probability')}`).as('weightedHundredths'),
        sql<string | number>`count(*)`.as('count'),
      ])
      .groupBy(['o.period', 'o.currency'])
      .execute(),
  ]);
}
