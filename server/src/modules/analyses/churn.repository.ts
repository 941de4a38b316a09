import { openTicketStatuses } from '@relate/common';
import { type Insertable, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { daysBetween, wholeDaysUntil } from '../../db/elapsed.ts';
import type { ChurnRunTable, DB } from '../../db/schema.ts';
import { orderBySpec, pageWindow, type SortSpec } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { boughtStatuses } from './rfm.repository.ts';

/**
 * Finds, in one statement over every customer, those whose order rhythm broke and those holding open
 * receivables or tickets, and replaces the table of them. A customer's rhythm: the whole days between
 * each two bought orders in a row (gaps under a day left out: orders of one purchase), their median —
 * the middle gap, or the two middle ones added and halved — and the limit, twice that median, kept as
 * the sum of the one or two middle gaps doubled or not so that it stays a whole number. At least two
 * gaps (three orders a day apart) make a rhythm; it broke when the days since the last order pass the
 * limit. Open: instalments not received in full of orders not cancelled or in the recycle bin (their
 * amount summed in `currency`), tickets in an open status.
 */
export async function computeChurnRisks(
  db: Kysely<DB>,
  dialect: Dialect,
  run: { currency: string; at: string },
): Promise<void> {
  await db.deleteFrom('churnRisks').execute();
  const sinceLastOrder = wholeDaysUntil(dialect, sql.ref('last_orders.last_order_at'), run.at);
  await sql`
    insert into churn_risks (customer_id, bought_orders, last_order_at, rhythm_limit_days, days_since_order,
      order_rhythm, open_receivable, open_instalments, open_tickets, computed_at)
    with bought as (
      select customer_id, created_at,
        lag(created_at) over (partition by customer_id order by created_at, id) as previous_at
      from orders
      where deleted_at is null and status in (${sql.join(boughtStatuses)})
    ), gaps as (
      select customer_id, ${daysBetween(dialect, sql.ref('previous_at'), sql.ref('created_at'))} as gap
      from bought
      where previous_at is not null
    ), ranked as (
      select customer_id, gap,
        row_number() over (partition by customer_id order by gap) as place,
        count(*) over (partition by customer_id) as gap_count
      from gaps
      where gap >= 1
    ), rhythm as (
      select customer_id, sum(gap) * (case when max(gap_count) % 2 = 1 then 2 else 1 end) as limit_days
      from ranked
      where gap_count >= 2 and (place = (gap_count + 1) / 2 or place = (gap_count + 2) / 2)
      group by customer_id
    ), last_orders as (
      select customer_id, count(*) as bought_orders, max(created_at) as last_order_at
      from bought
      group by customer_id
    ), owed as (
      select instalments.customer_id, count(*) as open_instalments,
        sum(case when instalments.currency = ${run.currency}
          then instalments.amount - instalments.received else 0 end) as open_receivable
      from instalments
      inner join orders on orders.id = instalments.order_id
      where instalments.received < instalments.amount and orders.deleted_at is null and orders.status <> 'cancelled'
      group by instalments.customer_id
    ), open_tickets as (
      select customer_id, count(*) as open_tickets
      from tickets
      where customer_id is not null and deleted_at is null and status in (${sql.join([...openTicketStatuses])})
      group by customer_id
    ), candidates as (
      select customer_id from rhythm
      union select customer_id from owed
      union select customer_id from open_tickets
    ), figures as (
      select candidates.customer_id, coalesce(last_orders.bought_orders, 0) as bought_orders,
        last_orders.last_order_at, rhythm.limit_days,
        case when last_orders.last_order_at is null then null else ${sinceLastOrder} end as days_since_order,
        coalesce(owed.open_receivable, 0) as open_receivable,
        coalesce(owed.open_instalments, 0) as open_instalments,
        coalesce(open_tickets.open_tickets, 0) as open_tickets
      from candidates
      inner join customers on customers.id = candidates.customer_id and customers.deleted_at is null
      left join last_orders on last_orders.customer_id = candidates.customer_id
      left join rhythm on rhythm.customer_id = candidates.customer_id
      left join owed on owed.customer_id = candidates.customer_id
      left join open_tickets on open_tickets.customer_id = candidates.customer_id
    )
    select customer_id, bought_orders, last_order_at, limit_days, days_since_order,
      case when days_since_order > limit_days then 1 else 0 end, open_receivable, open_instalments, open_tickets,
      ${run.at}
    from figures
    where days_since_order > limit_days or open_instalments > 0 or open_tickets > 0`.execute(db);
}

export function insertRun(db: Kysely<DB>, values: Insertable<ChurnRunTable>) {
  return db.insertInto('churnRuns').values(values).execute();
}

export function latestRun(db: Kysely<DB>) {
  return db
    .selectFrom('churnRuns')
    .selectAll()
    .orderBy('computedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** How many customers' order rhythm broke, over every customer: what a run records. */
export async function countOrderRhythm(db: Kysely<DB>): Promise<number> {
  const { n } = await db
    .selectFrom('churnRisks')
    .where('orderRhythm', '=', 1)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export type ChurnFilter = {
  scope: Scope;
  ownerIds?: number[];
  /** A customer with open receivables or tickets is silent when not followed up (nor created) since. */
  silentSince: string;
};

const rhythmBroke = sql<boolean>`${sql.ref('r.orderRhythm')} = 1`;
const silent = (since: string) =>
  sql<boolean>`(${sql.ref('r.openInstalments')} > 0 or ${sql.ref('r.openTickets')} > 0)
    and coalesce(${sql.ref('customers.lastFollowupAt')}, ${sql.ref('customers.createdAt')}) < ${since}`;
const asFlag = (condition: RawBuilder<boolean>) => sql<number>`case when ${condition} then 1 else 0 end`;

/** The stored rows of the live customers in scope (and of the owners asked), with their customer and owner. */
function riskRows(db: Kysely<DB>, filter: ChurnFilter) {
  let qb = db
    .selectFrom('churnRisks as r')
    .innerJoin('customers', 'customers.id', 'r.customerId')
    .leftJoin('users as owner', 'owner.id', 'customers.ownerId')
    .where('customers.deletedAt', 'is', null);
  if (filter.ownerIds?.length) qb = qb.where('customers.ownerId', 'in', filter.ownerIds);
  return whereInScope(qb, 'customers', filter.scope);
}

/** One page of the customers at risk for any of `reasons`, in `sort`'s order. */
export function churnRiskPage(
  db: Kysely<DB>,
  filter: ChurnFilter,
  reasons: { orderRhythm: boolean; silentWithOpen: boolean },
  sort: SortSpec,
  page: { page: number; pageSize: number },
) {
  const silentNow = silent(filter.silentSince);
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  const wanted = [...(reasons.orderRhythm ? [rhythmBroke] : []), ...(reasons.silentWithOpen ? [silentNow] : [])];
  const qb = riskRows(db, filter)
    .where(sql<boolean>`(${sql.join(wanted, sql` or `)})`)
    .select([
      'customers.id',
      'customers.name',
      'customers.ownerId',
      'owner.displayName as ownerName',
      'customers.lastFollowupAt',
      'r.boughtOrders',
      'r.lastOrderAt',
      'r.rhythmLimitDays',
      'r.daysSinceOrder',
      'r.orderRhythm',
      'r.openReceivable',
      'r.openTickets',
      asFlag(silentNow).as('silentWithOpen'),
    ]);
  return orderBySpec(qb, sort).limit(limit).offset(offset).execute();
}

/**
 * Over every stored row in scope (the reasons aside): the customers at risk for any reason, for each
 * reason, and what those at risk owe — one aggregate the database adds up.
 */
export async function churnRiskTotals(db: Kysely<DB>, filter: ChurnFilter) {
  const silentNow = silent(filter.silentSince);
  const atRisk = sql<boolean>`(${rhythmBroke} or ${silentNow})`;
  const row = await riskRows(db, filter)
    .select([
      sql<number>`coalesce(sum(${asFlag(atRisk)}), 0)`.as('customers'),
      sql<number>`coalesce(sum(${asFlag(rhythmBroke)}), 0)`.as('orderRhythm'),
      sql<number>`coalesce(sum(${asFlag(silentNow)}), 0)`.as('silentWithOpen'),
      sql<number>`coalesce(sum(case when ${atRisk} then ${sql.ref('r.openReceivable')} else 0 end), 0)`.as(
        'openReceivable',
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    customers: Number(row.customers),
    orderRhythm: Number(row.orderRhythm),
    silentWithOpen: Number(row.silentWithOpen),
    openReceivable: Number(row.openReceivable),
  };
}
