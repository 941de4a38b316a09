import type { Kysely } from 'kysely';
import type { DB } from '../server/src/db/schema.ts';
import { departmentSubtree } from '../server/src/platform/scope.ts';
import { ms, percentile, timeEach } from './stats.ts';

type Get = (pathAndQuery: string) => Promise<Response>;

async function timed(samples: number, get: Get, url: (i: number) => string) {
  for (let i = 0; i < 5; i++) await (await get(url(i))).arrayBuffer();
  return timeEach(samples, async (i) => {
    const response = await get(url(i));
    if (!response.ok) throw new Error(`${url(i)}: ${await response.text()}`);
    await response.arrayBuffer();
  });
}

/**
 * The sales side over HTTP as a sales manager (a region: a fifth of the data): a customer's timeline,
 * the board of the default pipeline, and the forecast of the region for this year by month.
 */
export async function benchSales(db: Kysely<DB>, get: Get, manager: { userId: number; departmentId: number }, samples: number): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const departments = await departmentSubtree(db, manager.departmentId);
  const customers = await db.selectFrom('customers').select('id').where('departmentId', 'in', departments).where('deletedAt', 'is', null).orderBy('id').limit(20_000).execute();
  const pick = (i: number) => customers[(i * 7919) % customers.length].id;
  const timeline = await timed(samples, get, (i) => `/api/v1/customers/${pick(i)}/timeline?limit=20`);
  result['timeline p50'] = ms(percentile(timeline, 50));
  result['timeline p99'] = ms(percentile(timeline, 99));

  const pipeline = await db.selectFrom('pipelines').select('id').where('isDefault', '=', 1).executeTakeFirstOrThrow();
  const board = await timed(samples, get, () => `/api/v1/pipelines/${pipeline.id}/board?cardsPerStage=20`);
  result['board p50'] = ms(percentile(board, 50));
  result['board p99'] = ms(percentile(board, 99));

  const year = new Date().getFullYear();
  const forecast = await timed(Math.min(samples, 50), get, () => `/api/v1/opportunities/forecast?year=${year}&period=month&departmentId=${manager.departmentId}`);
  result['forecast (department, year) p50'] = ms(percentile(forecast, 50));
  result['forecast (department, year) p99'] = ms(percentile(forecast, 99));
  return result;
}
