import type { ForecastAccuracy } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { dayjs } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { forecastAccuracy, takeForecastSnapshot } from './forecast-accuracy.service.ts';

describe('forecastAccuracy', () => {
  it('is 100 less the miss in percent of the larger figure, and nothing without a forecast', () => {
    expect(forecastAccuracy(10_000, 10_000)).toBe(100);
    expect(forecastAccuracy(5_000, 10_000)).toBe(50);
    expect(forecastAccuracy(5_000, 0)).toBe(0);
    expect(forecastAccuracy(3_000, 2_000)).toBe(66.7);
    expect(forecastAccuracy(0, 0)).toBeNull();
    expect(forecastAccuracy(null, 10_000)).toBeNull();
  });
});

describe.each(testDialects)('forecast against actual on %s', (dialect) => {
  let t: TestApp;
  let east: number;
  let rep1: Client;
  let rep2: Client;
  let westRep: Client;
  let manager: Client;
  const zone = 'Asia/Shanghai';
  const now = new Date();
  const year = dayjs(now).tz(zone).year();
  const month = dayjs(now).tz(zone).format('YYYY-MM');
  const ctx = () => ({ db: t.database.db, dialect: t.database.dialect, config: t.config }) as AppContext;

  const open = async (client: Client, amount: string, probability: number, expectedCloseDate: string) => {
    const customer = await createCustomer(client);
    const created = await client.post('/api/v1/opportunities', {
      name: `商机 ${amount}`,
      customerId: customer.id,
      amount,
      probability,
      expectedCloseDate,
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as number;
  };
  const win = (id: number, at: Date) =>
    t.database.db
      .updateTable('opportunities')
      .set({ status: 'won', closedAt: at.toISOString() })
      .where('id', '=', id)
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    east = await createDepartment(t, '预测东区');
    const west = await createDepartment(t, '预测西区');
    rep1 = await createUserClient(t, 'sales_rep', east);
    rep2 = await createUserClient(t, 'sales_rep', east);
    westRep = await createUserClient(t, 'sales_rep', west);
    manager = await createUserClient(t, 'sales_manager', east);
    const inMonth = dayjs(now).tz(zone).endOf('month').format('YYYY-MM-DD');
    const nextMonth = dayjs(now).tz(zone).add(1, 'month').format('YYYY-MM-DD');
    const first = await open(rep1, '100.00', 50, inMonth);
    await open(rep2, '200.00', 25, inMonth);
    await open(westRep, '300.00', 10, inMonth);
    // Expected next month: not this month's forecast.
    await open(rep1, '999.00', 90, nextMonth);
    expect(await takeForecastSnapshot(ctx(), now)).toBe(true);
    // Taken once a month, however often the job runs.
    expect(await takeForecastSnapshot(ctx(), now)).toBe(false);
    await win(first, now);
    // Won after being forecast for this month by someone else: counts as won, not as forecast.
    await win(await open(rep2, '50.00', 10, nextMonth), now);
  });
  afterAll(async () => t?.close());

  const read = async (client: Client, query: Record<string, unknown> = {}) => {
    const response = await client.get('/api/v1/analyses/forecast-accuracy', { year, ...query });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ForecastAccuracy;
  };

  it('measures the month’s weighted pipeline, as it began, against what was won in it', async () => {
    const all = await read(t.admin);
    const current = all.months.find((m) => m.month === month)!;
    // Independently: the open amounts expected this month, weighted, when the snapshot was taken.
    const { rows } = await t.database.db
      .selectFrom('forecastSnapshots')
      .select((eb) => [eb.fn.sum<string>('weighted').as('weighted'), eb.fn.sum<string>('pipeline').as('pipeline')])
      .where('month', '=', month)
      .execute()
      .then((r) => ({ rows: r }));
    expect(Number(rows[0].weighted)).toBe(5_000 + 5_000 + 3_000);
    expect(Number(rows[0].pipeline)).toBe(10_000 + 20_000 + 30_000);
    expect(current).toMatchObject({
      forecast: 13_000,
      pipeline: 60_000,
      actual: 10_000 + 5_000,
      takenAt: expect.any(String),
    });
    expect(current.accuracy).toBe(forecastAccuracy(13_000, 15_000));
    // Months with no forecast taken say so.
    const other = all.months.find((m) => m.month !== month)!;
    expect(other).toMatchObject({ forecast: null, accuracy: null, takenAt: null });
    expect(all.months).toHaveLength(12);
    expect(all.totals).toMatchObject({ forecast: 13_000, actual: 15_000 });

    // Each owner over the months with a forecast.
    const person = (client: Client) => all.people.find((p) => p.ownerId === client.userId);
    expect(person(rep1)).toMatchObject({ forecast: 5_000, actual: 10_000, accuracy: 50 });
    expect(person(rep2)).toMatchObject({ forecast: 5_000, actual: 5_000, accuracy: 100 });
    expect(person(westRep)).toMatchObject({ forecast: 3_000, actual: 0, accuracy: 0 });
  });

  it('keeps to the caller’s scope and the owner or department asked for', async () => {
    const own = await read(rep1);
    expect(own.people.map((p) => p.ownerId)).toEqual([rep1.userId]);
    expect(own.months.find((m) => m.month === month)).toMatchObject({ forecast: 5_000, actual: 10_000 });
    const team = await read(manager);
    expect(team.totals).toMatchObject({ forecast: 10_000, actual: 15_000 });
    const one = await read(manager, { ownerId: rep2.userId });
    expect(one.totals).toMatchObject({ forecast: 5_000, actual: 5_000, accuracy: 100 });
    const eastOnly = await read(t.admin, { departmentId: east });
    expect(eastOnly.people.map((p) => p.ownerId).sort()).toEqual([rep1.userId, rep2.userId].sort());
    // Another department's rep sees none of the east's figures.
    const other = await read(westRep);
    expect(other.totals).toMatchObject({ forecast: 3_000, actual: 0 });
  });

  it('refuses a year that is not one', async () => {
    const response = await t.admin.get('/api/v1/analyses/forecast-accuracy', { year: 'soon' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { year: expect.any(String) } });
    expect((await t.admin.get('/api/v1/analyses/forecast-accuracy')).statusCode).toBe(400);
  });
});
