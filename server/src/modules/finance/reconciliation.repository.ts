import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** A month, from its first day up to (not including) the first day of the next. */
export type Period = { from: string; to: string };
export type GroupBy = 'owner' | 'department';

const groupColumn = (table: string, groupBy: GroupBy) =>
  `${table}.${groupBy === 'owner' ? 'owner_id' : 'department_id'}`;

/** Sums an amount per rep or department and currency, and per currency over all of them — each by the database. */
async function sumBy<T extends keyof DB>(
  qb: SelectQueryBuilder<DB, T, object>,
  table: string,
  groupBy: GroupBy,
  amountColumn: string,
) {
  const keyColumn = groupColumn(table, groupBy);
  const currency = `${table}.currency`;
  const amount = sql<number | string>`coalesce(sum(${sql.ref(amountColumn)}), 0)`.as('amount');
  const [rows, totals] = await Promise.all([
    qb
      .select([
        sql<number | null>`${sql.ref(keyColumn)}`.as('key'),
        sql<string>`${sql.ref(currency)}`.as('currency'),
        amount,
      ])
      .groupBy([sql.ref(keyColumn), sql.ref(currency)])
      .execute(),
    qb
      .select([sql<string>`${sql.ref(currency)}`.as('currency'), amount])
      .groupBy(sql.ref(currency))
      .execute(),
  ]);
  return { rows, totals };
}

export type AmountSums = Awaited<ReturnType<typeof sumBy>>;

export function sumContractsSigned(db: Kysely<DB>, scope: Scope, { from, to }: Period, groupBy: GroupBy) {
  return sumBy(
    whereInScope(db.selectFrom('contracts'), 'contracts', scope)
      .where('contracts.deletedAt', 'is', null)
      .where('contracts.status', 'in', ['in_force', 'expired', 'terminated'])
      .where('contracts.signedOn', '>=', from)
      .where('contracts.signedOn', '<', to),
    'contracts',
    groupBy,
    'contracts.amount',
  );
}

/** Orders delivered or completed whose last delivery falls in the period. */
export function sumOrdersDelivered(db: Kysely<DB>, scope: Scope, { from, to }: Period, groupBy: GroupBy) {
  return sumBy(
    whereInScope(db.selectFrom('orders'), 'orders', scope)
      .where('orders.deletedAt', 'is', null)
      .where('orders.status', 'in', ['delivered', 'completed'])
      .where((eb) =>
        eb(
          eb
            .selectFrom('deliveries')
            .select((d) => d.fn.max('deliveries.deliveredOn').as('last'))
            .whereRef('deliveries.orderId', '=', 'orders.id'),
          '>=',
          from,
        ),
      )
      .where((eb) =>
        eb(
          eb
            .selectFrom('deliveries')
            .select((d) => d.fn.max('deliveries.deliveredOn').as('last'))
            .whereRef('deliveries.orderId', '=', 'orders.id'),
          '<',
          to,
        ),
      ),
    'orders',
    groupBy,
    'orders.total',
  );
}

export function sumReceiptsConfirmed(db: Kysely<DB>, scope: Scope, { from, to }: Period, groupBy: GroupBy) {
  return sumBy(
    whereInScope(db.selectFrom('receipts'), 'receipts', scope)
      .where('receipts.status', '=', 'confirmed')
      .where('receipts.receivedOn', '>=', from)
      .where('receipts.receivedOn', '<', to),
    'receipts',
    groupBy,
    'receipts.amount',
  );
}

export function sumInvoicesIssued(db: Kysely<DB>, scope: Scope, { from, to }: Period, groupBy: GroupBy) {
  return sumBy(
    whereInScope(db.selectFrom('invoices'), 'invoices', scope)
      .where('invoices.status', '=', 'issued')
      .where('invoices.issuedOn', '>=', from)
      .where('invoices.issuedOn', '<', to),
    'invoices',
    groupBy,
    'invoices.amount',
  );
}

export function listUserNames(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('users').select(['id', 'displayName as name']).where('id', 'in', ids).execute();
}

export function listDepartmentNames(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute();
}
