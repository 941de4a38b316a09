/**
 * `npm run bench -- --rfm`: customer value (RFM) scored over the whole dataset (1 M customers, 1 M
 * orders), as the daily job runs it, beside the raw SQL of its core: the per-customer aggregate of the
 * orders in the window. Target: ≤ 60 s for 1 M customers.
 */
import { sql } from 'kysely';
import type { Dialect } from '../server/src/db/database.ts';
import { recomputeRfm } from '../server/src/modules/analyses/rfm.service.ts';
import { boughtStatuses } from '../server/src/modules/analyses/rfm.repository.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import type { BenchDatabase } from './dataset.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchRfm(database: BenchDatabase, dialect: Dialect, runs: number, log: (l: string) => void) {
  const ctx = { db: database.db, dialect } as AppContext;
  const since = new Date(Date.now() - 365 * 86_400_000).toISOString();
  const raw: number[] = [];
  const whole: number[] = [];
  let scored = 0;
  for (let i = 0; i < runs; i++) {
    let started = Date.now();
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from (
        select customer_id, max(created_at), count(*), sum(total) from orders
        where deleted_at is null and currency = 'CNY' and created_at >= ${since}
          and status in (${sql.join(boughtStatuses)})
        group by customer_id) as stats`.execute(database.db);
    raw.push(Date.now() - started);
    started = Date.now();
    const run = await recomputeRfm(ctx, { windowDays: 365 });
    whole.push(Date.now() - started);
    scored = run.customers;
    log(
      `  run ${i + 1}: ${Number(rows[0].n).toLocaleString()} customers aggregated in ${seconds(raw.at(-1)!)}, scored in ${seconds(whole.at(-1)!)}`,
    );
  }
  return [
    '| work | customers scored | time (median of ' + runs + ') | raw SQL of the aggregate | ratio |',
    '|---|---|---|---|---|',
    `| score every customer (RFM), replace the scores, record the run | ${scored.toLocaleString()} | ${seconds(median(whole))} | ${seconds(median(raw))} | ${(median(whole) / Math.max(1, median(raw))).toFixed(1)}× |`,
  ];
}
