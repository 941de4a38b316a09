/**
 * `npm run bench -- --segments`: segments over the dataset's contacts (two per customer: 2 M at a million
 * customers), counted as a sales manager and as the administrator sees them — through the service, so
 * with the filter's checks, the data scope and the compiled joins and subqueries — and one segment frozen
 * into a campaign. Targets: a count ≤ 500 ms over 2 M contacts; freezing 1 M members ≤ 30 s.
 */
import type { SegmentGroup } from '@relate/common';
import type { Dialect } from '../server/src/db/database.ts';
import { nowIso } from '../server/src/db/time.ts';
import { loadActor } from '../server/src/platform/authenticate.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { addSegmentToCampaign } from '../server/src/modules/segments/freeze.service.ts';
import { countFilter, createSegment, deleteSegment } from '../server/src/modules/segments/segments.service.ts';
import type { BenchDatabase } from './dataset.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const and = (...rules: SegmentGroup['rules']): SegmentGroup => ({ combinator: 'and', rules });

const segments: Array<{ name: string; filter: SegmentGroup }> = [
  { name: "customer's level A", filter: and({ field: 'customer.level', op: 'in', value: ['A'] }) },
  {
    name: 'a region, created in the last two years',
    filter: and(
      { field: 'customer.region', op: 'in', value: ['广东省'] },
      { field: 'createdAt', op: 'inLastDays', value: 730 },
    ),
  },
  {
    name: 'level A or B, and (female or 2+ orders in a year)',
    filter: and(
      { field: 'customer.level', op: 'in', value: ['A', 'B'] },
      {
        combinator: 'or',
        rules: [
          { field: 'gender', op: 'in', value: ['female'] },
          { field: 'customer.ordersCount', op: 'gte', value: 2, days: 365 },
        ],
      },
    ),
  },
  {
    name: 'no open receivables, in the industry "it"',
    filter: and(
      { field: 'customer.openReceivables', op: 'eq', value: '0' },
      { field: 'customer.industry', op: 'in', value: ['it'] },
    ),
  },
];

export async function benchSegments(database: BenchDatabase, dialect: Dialect, runs: number, log: (l: string) => void) {
  const db = database.db;
  const ctx = { db, dialect } as AppContext;
  const actorOf = async (username: string) => {
    const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return (await loadActor(db, user.id, { via: 'apikey' }, { ip: '127.0.0.1', headers: {} }))!;
  };
  const admin = await actorOf('admin');
  const manager = await actorOf('manager1');
  const contacts = Number(
    (
      await db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const lines = [
    `Over ${contacts.toLocaleString()} contacts.`,
    '',
    '| segment of contacts | as | members | count (median of ' + runs + ') |',
    '|---|---|---|---|',
  ];
  for (const segment of segments)
    for (const [who, actor] of [
      ['administrator', admin],
      ['sales manager', manager],
    ] as const) {
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        count = (await countFilter(ctx, actor, { entity: 'contacts', filter: segment.filter })).count;
        times.push(performance.now() - started);
      }
      log(`  ${segment.name} as ${who}: ${count.toLocaleString()} in ${median(times).toFixed(0)} ms`);
      lines.push(`| ${segment.name} | ${who} | ${count.toLocaleString()} | ${median(times).toFixed(0)} ms |`);
    }

  // Freezing: the largest segment above, as the administrator, into a new campaign (removed afterwards).
  const now = nowIso();
  const campaign = await db
    .insertInto('campaigns')
    .values({ name: 'bench segment freeze', type: 'email', status: 'planned', createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const saved = await createSegment(ctx, admin, {
    name: 'bench freeze',
    entity: 'contacts',
    kind: 'dynamic',
    filter: segments[2].filter,
  });
  const started = performance.now();
  const { added } = await addSegmentToCampaign(ctx, admin, campaign.id, saved.id);
  const took = (performance.now() - started) / 1000;
  log(`  froze ${added.toLocaleString()} members into a campaign in ${took.toFixed(1)} s`);
  lines.push(
    '',
    `Freezing "${segments[2].name}" into a campaign: ${added.toLocaleString()} members in ${took.toFixed(1)} s.`,
  );
  await db.deleteFrom('campaignMembers').where('campaignId', '=', campaign.id).execute();
  await db.deleteFrom('campaigns').where('id', '=', campaign.id).execute();
  await deleteSegment(ctx, admin, saved.id);
  return lines;
}
