/**
 * `npm run bench -- --reports`: reports of one or two groupings over the whole dataset, over HTTP as the
 * administrator and as a sales rep, beside the raw SQL of the same grouping (written here). Target: p95
 * ≤ 1 s for a report with up to two groupings over one source.
 */
import type { ReportDefinitionInput } from '@relate/common';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../server/src/db/schema.ts';
import type { BenchServer, Role } from './server.ts';
import { ms, percentile } from './stats.ts';

type Case = { name: string; definition: ReportDefinitionInput; raw: RawBuilder<unknown> };

/** Asia/Shanghai (+08:00 since 1991): the raw SQL labels periods as the reports do in a zone of one offset. */
const cases = (): Case[] => [
  {
    name: 'orders by month, total',
    definition: {
      source: 'orders',
      groupBy: [{ field: 'createdAt', unit: 'month' }],
      measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'total' }],
    },
    raw: sql`select strftime('%Y-%m', created_at, '+480 minutes') as m, count(*), sum(total) from orders
      where deleted_at is null and currency = 'CNY' group by m`,
  },
  {
    name: 'orders by customer province and status',
    definition: {
      source: 'orders',
      groupBy: [{ field: 'customerProvince' }, { field: 'status' }],
      measures: [{ aggregate: 'sum', field: 'total' }],
    },
    raw: sql`select c.province, o.status, sum(o.total) from orders o left join customers c on c.id = o.customer_id
      where o.deleted_at is null and o.currency = 'CNY' group by c.province, o.status`,
  },
  {
    name: 'customers by level and industry',
    definition: {
      source: 'customers',
      groupBy: [{ field: 'level' }, { field: 'industry' }],
      measures: [{ aggregate: 'count' }],
    },
    raw: sql`select level, industry, count(*) from customers where deleted_at is null group by level, industry`,
  },
  {
    name: 'tickets by week and type, this year',
    definition: {
      source: 'tickets',
      filters: [{ field: 'createdAt', op: 'within', value: 'thisYear' }],
      groupBy: [{ field: 'createdAt', unit: 'week' }, { field: 'type' }],
      measures: [{ aggregate: 'count' }],
    },
    raw: sql`select strftime('%G-W%V', created_at, '+480 minutes') as w, type, count(*) from tickets
      where deleted_at is null and created_at >= ${`${new Date().getUTCFullYear()}-01-01`} group by w, type`,
  },
  {
    name: 'contacts by customer province',
    definition: { source: 'contacts', groupBy: [{ field: 'customerProvince' }], measures: [{ aggregate: 'count' }] },
    raw: sql`select c.province, count(*) from contacts k left join customers c on c.id = k.customer_id
      where k.deleted_at is null group by c.province`,
  },
  {
    name: 'opportunities by owner, won ratio',
    definition: {
      source: 'opportunities',
      groupBy: [{ field: 'ownerId' }],
      measures: [
        { aggregate: 'count', where: [{ field: 'status', op: 'eq', value: 'won' }] },
        { aggregate: 'count' },
        { aggregate: 'ratio', of: [0, 1] },
      ],
    },
    raw: sql`select owner_id, sum(case when status = 'won' then 1 else 0 end), count(*) from opportunities
      where deleted_at is null group by owner_id`,
  },
];

/** A write that changes nothing, to the table a report reads: its kept answer no longer counts. */
const touch = (db: Kysely<DB>, definition: ReportDefinitionInput) =>
  sql`update ${sql.table(definition.source)} set updated_at = updated_at where id = (select min(id) from ${sql.table(definition.source)})`.execute(
    db,
  );

export async function benchReports(db: Kysely<DB>, server: BenchServer, runs: number, log: (l: string) => void) {
  const lines = [
    '| report | as | p50 | p95 | kept answer p50 | p95 | raw SQL (p50) | ratio |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const c of cases()) {
    const raw: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await c.raw.execute(db);
      raw.push(performance.now() - started);
    }
    for (const role of ['admin', 'rep'] as Role[]) {
      const timed = async () => {
        const started = performance.now();
        await server.post(role, '/api/v1/reports/run', c.definition);
        return performance.now() - started;
      };
      // Each run after a write to its source: computed from the tables.
      const cold: number[] = [];
      for (let i = 0; i < runs; i++) {
        await touch(db, c.definition);
        cold.push(await timed());
      }
      // Then again and again with nothing written: the answer kept since the last of those.
      const kept: number[] = [];
      for (let i = 0; i < runs; i++) kept.push(await timed());
      const p50 = percentile(cold, 50);
      const line = `| ${c.name} | ${role} | ${ms(p50)} | ${ms(percentile(cold, 95))} | ${ms(percentile(kept, 50))} | ${ms(percentile(kept, 95))} | ${ms(percentile(raw, 50))} | ${(p50 / Math.max(0.1, percentile(raw, 50))).toFixed(2)}× |`;
      log(line);
      lines.push(line);
    }
  }
  return lines;
}
