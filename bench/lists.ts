/**
 * `npm run bench -- --lists`: the lists as the screens ask for them (the sorts are those their columns
 * offer; the default order besides), sampled with a fixed seed over
 * (list, role, filters, sort, direction, page) and measured over HTTP; p50/p99 overall and per list, and
 * the slowest combinations with the plans of their slowest statements. Targets: p99 ≤ 50 ms and
 * p50 ≤ 20 ms. Beside them, the four requests the peer comparison is made on.
 */
import { readFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../server/src/db/schema.ts';
import { seededRandom } from '../server/src/db/sample-data.ts';
import type { BenchServer, Role } from './server.ts';
import { ms, percentile, timeEach } from './stats.ts';

type Filter = { param: string; column?: string; values?: string[] };
type ListSpec = {
  list: string;
  path: string;
  table: string;
  sorts: string[];
  filters: Filter[];
  /** Pairs of filters people combine, by index into `filters`. */
  pairs: Array<[number, number]>;
};

const lists: ListSpec[] = [
  {
    list: 'customers',
    path: '/api/v1/customers',
    table: 'customers',
    sorts: ['updatedAt', 'createdAt', 'name', 'code', 'level', 'lastFollowupAt', 'nextFollowupAt'],
    filters: [
      { param: 'level', column: 'level' },
      { param: 'stage', column: 'stage' },
      { param: 'industry', column: 'industry' },
      { param: 'source', column: 'source' },
      { param: 'province', column: 'province' },
      { param: 'creditLevel', column: 'credit_level' },
      { param: 'ownerId', column: 'owner_id' },
      { param: 'createdFrom', values: ['2026-06-01'] },
      { param: 'lastFollowupFrom', values: ['2026-11-01'] },
    ],
    pairs: [
      [2, 0],
      [4, 0],
      [2, 4],
      [1, 3],
    ],
  },
  {
    list: 'contacts',
    path: '/api/v1/contacts',
    table: 'contacts',
    sorts: ['updatedAt', 'name', 'customerName'],
    filters: [{ param: 'ownerId', column: 'owner_id' }],
    pairs: [],
  },
  {
    list: 'leads',
    path: '/api/v1/leads',
    table: 'leads',
    sorts: ['name', 'company', 'score', 'createdAt'],
    filters: [
      { param: 'status', column: 'status' },
      { param: 'source', column: 'source' },
    ],
    pairs: [[0, 1]],
  },
  {
    list: 'opportunities',
    path: '/api/v1/opportunities',
    table: 'opportunities',
    sorts: ['name', 'amount', 'probability', 'expectedCloseDate'],
    filters: [
      { param: 'status', column: 'status' },
      { param: 'stageId', column: 'stage_id' },
      { param: 'ownerId', column: 'owner_id' },
      { param: 'closeFrom', values: ['2026-12-01'] },
    ],
    pairs: [[0, 3]],
  },
  {
    list: 'followups',
    path: '/api/v1/followups',
    table: 'followups',
    sorts: ['occurredAt', 'nextFollowupAt'],
    filters: [
      { param: 'type', column: 'type' },
      { param: 'ownerId', column: 'owner_id' },
      { param: 'from', values: ['2026-11-01'] },
    ],
    pairs: [[0, 2]],
  },
  {
    list: 'tasks',
    path: '/api/v1/tasks',
    table: 'tasks',
    sorts: [],
    filters: [{ param: 'status', column: 'status' }],
    pairs: [],
  },
  {
    list: 'quotes',
    path: '/api/v1/quotes',
    table: 'quotes',
    sorts: ['number', 'total', 'validUntil'],
    filters: [{ param: 'status', column: 'status' }],
    pairs: [],
  },
  {
    list: 'orders',
    path: '/api/v1/orders',
    table: 'orders',
    sorts: ['number', 'total', 'requestedDeliveryDate'],
    filters: [
      { param: 'status', column: 'status' },
      { param: 'ownerId', column: 'owner_id' },
    ],
    pairs: [[0, 1]],
  },
  {
    list: 'receipts',
    path: '/api/v1/receipts',
    table: 'receipts',
    sorts: [],
    filters: [{ param: 'status', column: 'status' }],
    pairs: [],
  },
  {
    list: 'tickets',
    path: '/api/v1/tickets',
    table: 'tickets',
    sorts: ['number', 'createdAt'],
    filters: [
      { param: 'status', column: 'status' },
      { param: 'type', column: 'type' },
      { param: 'priority', column: 'priority' },
      { param: 'breached', values: ['true'] },
    ],
    pairs: [
      [0, 2],
      [1, 0],
    ],
  },
  {
    list: 'work-orders',
    path: '/api/v1/work-orders',
    table: 'work_orders',
    sorts: [],
    filters: [{ param: 'status', column: 'status' }],
    pairs: [],
  },
];

const roles: Role[] = ['admin', 'manager', 'rep'];
const pages = [1, 20, 200];

type Combination = { list: string; role: Role; url: string };

/** Up to 12 values a filter takes in the data (the most common first). */
async function valuesOf(db: Kysely<DB>, table: string, column: string): Promise<string[]> {
  const { rows } = await sql<{ v: unknown }>`select ${sql.ref(column)} as v from ${sql.table(table)}
    where ${sql.ref(column)} is not null and id <= 20000 group by ${sql.ref(column)} order by count(*) desc limit 12`.execute(
    db,
  );
  return rows.map((r) => String(r.v));
}

async function combinations(db: Kysely<DB>, server: BenchServer, count: number): Promise<Combination[]> {
  // Each role samples the lists it may open (a rep has no work orders).
  const rolesOf = new Map<string, Role[]>();
  for (const spec of lists) {
    const allowed: Role[] = [];
    for (const role of roles)
      if (
        await server.get(role, `${spec.path}?pageSize=1`).then(
          () => true,
          () => false,
        )
      )
        allowed.push(role);
    rolesOf.set(spec.list, allowed);
  }
  for (const spec of lists)
    for (const filter of spec.filters)
      if (!filter.values) filter.values = filter.column ? await valuesOf(db, spec.table, filter.column) : [];
  const random = seededRandom(2024);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const result: Combination[] = [];
  while (result.length < count) {
    const spec = pick(lists);
    const allowed = rolesOf.get(spec.list)!;
    if (!allowed.length) continue;
    const params = new URLSearchParams({ pageSize: '50', page: String(pick(pages)) });
    const kind = random();
    const chosen: Filter[] =
      kind < 0.3 || !spec.filters.length
        ? []
        : kind < 0.75 || !spec.pairs.length
          ? [pick(spec.filters)]
          : pick(spec.pairs).map((i) => spec.filters[i]);
    for (const filter of chosen) if (filter.values?.length) params.set(filter.param, pick(filter.values));
    if (spec.sorts.length && random() < 0.8)
      params.set('sort', `${pick(spec.sorts)}:${random() < 0.5 ? 'asc' : 'desc'}`);
    result.push({ list: spec.list, role: pick(allowed), url: `${spec.path}?${params}` });
  }
  return result;
}

/** The process's memory after the run: its own (anonymous) apart from the files mapped into it (the SQLite file when mapped). */
function memoryLine(): string {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const mb = (field: string) => `${Math.round(kb(field) / 1024)} MB`;
  return `Memory after the run (server and bench in one process): resident ${mb('VmRSS')}, of which its own (RssAnon) ${mb('RssAnon')} and mapped files (RssFile) ${mb('RssFile')}; peak ${mb('VmHWM')}. SQLITE_MMAP_MB=${process.env.SQLITE_MMAP_MB ?? '0 (default)'}.`;
}

export async function benchLists(db: Kysely<DB>, server: BenchServer, count: number, log: (line: string) => void) {
  const chosen = await combinations(db, server, count);
  for (const c of chosen.slice(0, 20)) await server.get(c.role, c.url);
  const measured: Array<Combination & { ms: number }> = [];
  await timeEach(chosen.length, async (i) => {
    const started = performance.now();
    await server.get(chosen[i].role, chosen[i].url);
    measured.push({ ...chosen[i], ms: performance.now() - started });
  });
  const all = measured.map((m) => m.ms);
  const lines = [
    `${count} combinations; overall p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))} (targets: p50 ≤ 20 ms, p99 ≤ 50 ms).`,
    '',
    '| list | samples | p50 | p99 | max |',
    '|---|---|---|---|---|',
  ];
  for (const spec of lists) {
    const times = measured.filter((m) => m.list === spec.list).map((m) => m.ms);
    if (!times.length) continue;
    lines.push(
      `| ${spec.list} | ${times.length} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${ms(Math.max(...times))} |`,
    );
  }
  lines.push('', memoryLine());
  const slowest = [...measured].sort((a, b) => b.ms - a.ms).slice(0, 10);
  lines.push('', 'The slowest combinations, each with the plan of its slowest statement:', '');
  for (const s of slowest) {
    const [statement] = await server.statementsOf(s.role, s.url);
    lines.push(`- ${ms(s.ms)} as ${s.role}: \`${decodeURIComponent(s.url)}\``);
    if (statement)
      lines.push(
        `  - slowest statement ${ms(statement.ms)}: \`${statement.plan.replace(/\n/g, ' / ').slice(0, 400)}\``,
      );
  }
  for (const line of lines) log(`  ${line}`);
  return lines;
}

/** The four requests of the peer comparison (NocoBase 2.2.15 on SQLite, 1 M customers: 462 / 315 / 257 / 6.6 ms p50). */
export async function benchPeerRequests(
  server: BenchServer,
  samples: number,
  log: (line: string) => void,
  customerId: number,
) {
  const requests: Array<[string, string, number]> = [
    [
      'industry filter, newest created first',
      '/api/v1/customers?industry=manufacturing&sort=createdAt:desc&pageSize=50',
      462,
    ],
    ['page 200 by name', '/api/v1/customers?sort=name:asc&page=200&pageSize=50', 315],
    ['name contains 腾科', `/api/v1/customers?q=${encodeURIComponent('腾科')}&pageSize=50`, 257],
    ['one customer by id', `/api/v1/customers/${customerId}`, 6.6],
  ];
  const lines = ['| request | p50 | p99 | peer p50 | peer ÷ Relate |', '|---|---|---|---|---|'];
  for (const [label, url, peer] of requests) {
    await server.get('admin', url);
    const times = await timeEach(samples, () => server.get('admin', url).then(() => undefined));
    const p50 = percentile(times, 50);
    lines.push(`| ${label} | ${ms(p50)} | ${ms(percentile(times, 99))} | ${peer} ms | ${(peer / p50).toFixed(1)}× |`);
  }
  for (const line of lines) log(`  ${line}`);
  return lines;
}
