import type { Kysely } from 'kysely';
import type { DB } from '../server/src/db/schema.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { slaSweep } from '../server/src/modules/tickets/index.ts';
import { ms, percentile, timeEach } from './stats.ts';

type Get = (session: { cookie: string }, pathAndQuery: string) => Promise<Response>;

/**
 * The service desk: each agent's queue of open tickets (VIP and urgent first, 20 a page) over HTTP,
 * and the SLA sweep over all open tickets — once with the deadlines that passed since the last sweep,
 * once with nothing new — given per 100 000 open tickets.
 */
export async function benchService(
  ctx: AppContext,
  get: Get,
  login: (username: string) => Promise<{ cookie: string }>,
  samples: number,
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const sessions = await Promise.all(Array.from({ length: 5 }, (_, i) => login(`agent${i + 1}`)));
  const queue = await timeEach(samples, async (i) => {
    const response = await get(sessions[i % sessions.length], '/api/v1/tickets?queue=me&status=open&pageSize=20');
    if (!response.ok) throw new Error(await response.text());
    await response.arrayBuffer();
  });
  result['agent queue p50'] = ms(percentile(queue, 50));
  result['agent queue p99'] = ms(percentile(queue, 99));

  const openCount = await countOpen(ctx.db);
  const per100k = (elapsed: number) =>
    `${ms((elapsed * 100_000) / openCount)} per 100 k open (${openCount.toLocaleString()} open, ${ms(elapsed)})`;
  let started = performance.now();
  const escalated = await slaSweep(ctx);
  result['SLA sweep with new breaches'] =
    `${per100k(performance.now() - started)}, ${escalated.toLocaleString()} escalated`;
  started = performance.now();
  await slaSweep(ctx);
  result['SLA sweep, nothing new'] = per100k(performance.now() - started);
  return result;
}

async function countOpen(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['new', 'assigned', 'in_progress', 'waiting', 'reopened'])
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
