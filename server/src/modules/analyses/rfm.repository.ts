import { type Insertable, type Kysely, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { daysSince } from '../../db/elapsed.ts';
import type { DB, RfmRunTable } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** Orders that count as bought: approved and on their way, delivered or completed. */
export const boughtStatuses = ['approved', 'partially_delivered', 'delivered', 'completed'];

/**
 * Scores every customer with a bought order in the window, in one statement the database runs over all
 * of them: recency (the last order), frequency (orders) and monetary value (their totals in the
 * currency), each in quintiles of the customers scored (1–5, ties sharing a score: the share of
 * customers at or below the value, times five, rounded up, in whole numbers), and the class from each
 * score against the average. The table is replaced as a whole.
 */
export async function scoreCustomers(
  db: Kysely<DB>,
  dialect: Dialect,
  run: { since: string; currency: string; at: string },
): Promise<void> {
  await db.deleteFrom('customerValues').execute();
  const quintile = (order: ReturnType<typeof sql>) =>
    sql`(5 * count(*) over (order by ${order}) + count(*) over () - 1) / count(*) over ()`;
  const high = (score: string, average: string) => sql`${sql.ref(score)} > ${sql.ref(average)}`;
  await sql`
    insert into customer_values (customer_id, class, recency_score, frequency_score, monetary_score,
      last_order_at, recency_days, frequency, monetary, scored_at)
    with stats as (
      select customer_id, max(created_at) as last_order_at, count(*) as frequency, sum(total) as monetary
      from orders
      where deleted_at is null and currency = ${run.currency} and created_at >= ${run.since}
        and status in (${sql.join(boughtStatuses)})
      group by customer_id
    ), scored as (
      select customer_id, last_order_at, frequency, monetary,
        ${quintile(sql`last_order_at`)} as r, ${quintile(sql`frequency`)} as f, ${quintile(sql`monetary`)} as m
      from stats
    ), average as (
      select avg(r) as ar, avg(f) as af, avg(m) as am from scored
    )
    select customer_id,
      case
        when ${high('m', 'am')} then case
          when ${high('r', 'ar')} and ${high('f', 'af')} then 'importantValue'
          when ${high('r', 'ar')} then 'importantDevelop'
          when ${high('f', 'af')} then 'importantKeep'
          else 'importantRetain' end
        else case
          when ${high('r', 'ar')} and ${high('f', 'af')} then 'generalValue'
          when ${high('r', 'ar')} then 'generalDevelop'
          when ${high('f', 'af')} then 'generalKeep'
          else 'generalRetain' end
      end,
      r, f, m, last_order_at, ${daysSince(dialect, sql.ref('last_order_at'), run.at)}, frequency, monetary, ${run.at}
    from scored cross join average`.execute(db);
}

/** Each class's customers and value over every scored customer: what a run records. */
export async function classTotals(db: Kysely<DB>) {
  return db
    .selectFrom('customerValues')
    .select([
      'class',
      (eb) => eb.fn.countAll<number>().as('customers'),
      (eb) => eb.fn.sum<number>('monetary').as('monetary'),
    ])
    .groupBy('class')
    .execute();
}

/** Each class of the customers in a scope: how many, their value, and their average recency and frequency. */
export async function classFigures(db: Kysely<DB>, scope: Scope) {
  const qb = db
    .selectFrom('customerValues as v')
    .innerJoin('customers', 'customers.id', 'v.customerId')
    .where('customers.deletedAt', 'is', null)
    .select([
      'v.class',
      sql<number>`count(*)`.as('customers'),
      sql<number>`coalesce(sum(v.monetary), 0)`.as('monetary'),
      sql<number>`avg(v.frequency)`.as('averageFrequency'),
      sql<number>`avg(v.recency_days)`.as('averageRecencyDays'),
    ])
    .groupBy('v.class');
  return whereInScope(qb, 'customers', scope).execute();
}

/** The customers in a scope with no score: no bought order in the window. */
export async function unscoredCount(db: Kysely<DB>, scope: Scope): Promise<number> {
  const qb = db
    .selectFrom('customers')
    .where('customers.deletedAt', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('customerValues as v').select('v.customerId').whereRef('v.customerId', '=', 'customers.id'),
        ),
      ),
    )
    .select(sql<number>`count(*)`.as('n'));
  return Number((await whereInScope(qb, 'customers', scope).executeTakeFirstOrThrow()).n);
}

export function insertRun(db: Kysely<DB>, values: Insertable<RfmRunTable>) {
  return db.insertInto('rfmRuns').values(values).execute();
}

/** The latest runs, newest first. */
export function latestRuns(db: Kysely<DB>, limit: number) {
  return db
    .selectFrom('rfmRuns')
    .selectAll()
    .orderBy('computedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
