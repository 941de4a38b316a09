import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { instalmentRows } from './instalments.repository.ts';

export type ReceivableFilter = { customerId?: number; orderId?: number };

function receivableInstalments(db: Kysely<DB>, scope: Scope, filter: ReceivableFilter) {
  let qb = whereInScope(instalmentRows(db), 'instalments', scope);
  if (filter.customerId) qb = qb.where('instalments.customerId', '=', filter.customerId);
  if (filter.orderId) qb = qb.where('instalments.orderId', '=', filter.orderId);
  return qb;
}

/** Per currency, over every instalment in scope: how many, planned, received, outstanding and overdue on `today`. */
export function receivableSums(db: Kysely<DB>, scope: Scope, filter: ReceivableFilter, today: string) {
  const open = sql<number>`case when ${sql.ref('instalments.received')} < ${sql.ref('instalments.amount')} then ${sql.ref('instalments.amount')} - ${sql.ref('instalments.received')} else 0 end`;
  return receivableInstalments(db, scope, filter)
    .clearSelect()
    .select([
      'instalments.currency',
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(${sql.ref('instalments.amount')}), 0)`.as('planned'),
      sql<number>`coalesce(sum(${sql.ref('instalments.received')}), 0)`.as('received'),
      sql<number>`coalesce(sum(${open}), 0)`.as('outstanding'),
      sql<number>`coalesce(sum(case when ${sql.ref('instalments.dueDate')} < ${today} then ${open} else 0 end), 0)`.as(
        'overdue',
      ),
    ])
    .groupBy('instalments.currency')
    .execute();
}

/** A page of the instalments in scope, by due date. */
export function receivablePage(
  db: Kysely<DB>,
  scope: Scope,
  filter: ReceivableFilter,
  window: { limit: number; offset: number },
) {
  return receivableInstalments(db, scope, filter)
    .orderBy('instalments.dueDate')
    .orderBy('instalments.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

const groups = {
  customer: { key: 'instalments.customerId', join: 'customers', on: 'customers.id', name: 'customers.name' },
  owner: { key: 'instalments.ownerId', join: 'users', on: 'users.id', name: 'users.displayName' },
  department: { key: 'instalments.departmentId', join: 'departments', on: 'departments.id', name: 'departments.name' },
} as const;
export type AgingGroup = keyof typeof groups;

/** The days that bound the aging buckets: today, and 30, 60 and 90 days before it (YYYY-MM-DD). */
export type AgingDays = { today: string; before30: string; before60: string; before90: string };

/** Open instalments in scope, of one customer when given. */
function openInstalments(db: Kysely<DB>, scope: Scope, customerId: number | undefined) {
  let qb = whereInScope(db.selectFrom('instalments'), 'instalments', scope).whereRef(
    'instalments.received',
    '<',
    'instalments.amount',
  );
  if (customerId) qb = qb.where('instalments.customerId', '=', customerId);
  return qb;
}

function agingFigures(days: AgingDays) {
  const { today, before30, before60, before90 } = days;
  const open = sql<number>`(${sql.ref('instalments.amount')} - ${sql.ref('instalments.received')})`;
  const due = sql.ref('instalments.dueDate');
  const bucket = (condition: ReturnType<typeof sql>) =>
    sql<number>`sum(case when ${condition} then ${open} else 0 end)`;
  return [
    bucket(sql`${due} >= ${today}`).as('current'),
    // Aliases without underscores: result names are turned into camel case.
    bucket(sql`${due} < ${today} and ${due} >= ${before30}`).as('overdue30'),
    bucket(sql`${due} < ${before30} and ${due} >= ${before60}`).as('overdue60'),
    bucket(sql`${due} < ${before60} and ${due} >= ${before90}`).as('overdue90'),
    bucket(sql`${due} < ${before90}`).as('overdueMore'),
    sql<number>`sum(${open})`.as('total'),
  ];
}

// Summed per key and currency (the partial index on open instalments is already in key order), then named.
function agingSums(db: Kysely<DB>, scope: Scope, customerId: number | undefined, groupBy: AgingGroup, days: AgingDays) {
  const group = groups[groupBy];
  return openInstalments(db, scope, customerId)
    .select([sql<number | null>`${sql.ref(group.key)}`.as('key'), 'instalments.currency', ...agingFigures(days)])
    .groupBy([sql.ref(group.key), 'instalments.currency']);
}

/** A page of the aging groups (key and currency) with their names, largest total first. */
export function agingGroups(
  db: Kysely<DB>,
  scope: Scope,
  customerId: number | undefined,
  groupBy: AgingGroup,
  days: AgingDays,
  window: { limit: number; offset: number },
) {
  const group = groups[groupBy];
  return db
    .selectFrom(agingSums(db, scope, customerId, groupBy, days).as('g'))
    .leftJoin(`${group.join} as named` as 'customers as named', 'named.id' as 'named.id', 'g.key')
    .selectAll('g')
    .select(sql<string | null>`${sql.ref(`named.${group.name.split('.')[1]}`)}`.as('name'))
    .orderBy('g.total', 'desc')
    .orderBy('g.key')
    .orderBy('g.currency')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

export async function countAgingGroups(
  db: Kysely<DB>,
  scope: Scope,
  customerId: number | undefined,
  groupBy: AgingGroup,
  days: AgingDays,
): Promise<number> {
  const { n } = await db
    .selectFrom(agingSums(db, scope, customerId, groupBy, days).as('g'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The aging buckets per currency over every open instalment in scope. */
export function agingTotals(db: Kysely<DB>, scope: Scope, customerId: number | undefined, days: AgingDays) {
  return openInstalments(db, scope, customerId)
    .select(['instalments.currency', ...agingFigures(days)])
    .groupBy('instalments.currency')
    .orderBy('instalments.currency')
    .execute();
}
