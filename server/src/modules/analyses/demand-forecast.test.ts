import type { DemandForecast, DemandForecastItem } from '@relate/common';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { dayjs } from '../../db/time.ts';
import { errorsOf, forecastOf } from './demand-forecast.model.ts';

type Caller = Client & { userId: number };

/** The season the test's products sell in: ten times these a month, January first. */
const season = [10, 12, 15, 20, 30, 45, 50, 42, 30, 20, 14, 11];
const zone = 'Asia/Shanghai';

describe('the forecasting rule', () => {
  it('forecasts nothing for a series that sold nothing, and a constant for a constant series', () => {
    expect(forecastOf(Array(30).fill(0), 3)).toEqual({
      method: 'none',
      points: [{ quantity: 0 }, { quantity: 0 }, { quantity: 0 }],
    });
    const constant = forecastOf(Array(30).fill(5), 3);
    expect(constant.method).toBe('seasonal');
    for (const p of constant.points) expect(p.quantity).toBeCloseTo(5, 6);
  });

  it('counts a series from its first sale: under ten months the mean, ten to 23 ARIMA, 24 and more the seasonal model', () => {
    const late = [...Array(20).fill(0), 4, 6, 5, 5, 5];
    expect(forecastOf(late, 3)).toEqual({
      method: 'average',
      points: Array(3).fill({ quantity: 5, low: undefined, high: undefined }),
    });
    expect(forecastOf([...Array(10).fill(0), ...Array.from({ length: 15 }, (_, i) => 20 + (i % 3))], 3).method).toBe(
      'arima',
    );
    const seasonal = Array.from({ length: 30 }, (_, i) => season[i % 12] + ((i * 7) % 5) - 2);
    expect(forecastOf(seasonal, 3).method).toBe('seasonal');
  });

  it('forecasts a season that repeats exactly as that season', () => {
    const exact = forecastOf(
      Array.from({ length: 36 }, (_, i) => season[i % 12]),
      3,
    );
    expect(exact.method).toBe('seasonal');
    exact.points.forEach((p, i) => expect(p.quantity).toBeCloseTo(season[i], 6));
  });

  it('falls back to the same month a season before, or to the mean, when the library cannot fit the series', () => {
    const refused = () => null;
    const series = Array.from({ length: 30 }, (_, i) => season[i % 12] + (i % 3));
    expect(forecastOf(series, 3, refused)).toEqual({
      method: 'seasonalNaive',
      points: [50, 43, 32].map((quantity) => ({ quantity, low: undefined, high: undefined })),
    });
    expect(forecastOf([2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4], 2, refused)).toEqual({
      method: 'average',
      points: Array(2).fill({ quantity: 3, low: undefined, high: undefined }),
    });
  });

  it('never forecasts below zero, nor an interval below zero', () => {
    for (const series of [
      [...Array(23).fill(0), 100],
      [...Array(11).fill(0), 100, ...Array(12).fill(0)],
      [50, ...Array(14).fill(0), 1],
    ]) {
      for (const p of forecastOf(series, 6).points) {
        expect(p.quantity).toBeGreaterThanOrEqual(0);
        expect(p.low ?? 0).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('measures MAE over every month and MAPE over the months that sold something', () => {
    expect(errorsOf([10_000, 0, 20_000], [12_000, 3_000, 15_000])).toEqual({
      maeMilli: 3_333,
      mape: 22.5,
    });
    expect(errorsOf([0, 0], [1_000, 0])).toEqual({ maeMilli: 500, mape: null });
  });
});

/** SARIMA(1,0,0)(1,0,0)₁₂ fitted here straight through the library, as the method says, for the backtest. */
function librarySeasonalForecast(series: number[], steps: number): number[] {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('arima'));
  const silent = () => {};
  const ARIMA = require(path.join(dir, 'load.js'))(
    require(path.join(dir, 'wasm/native-sync.js'))({
      wasmBinary: require(path.join(dir, 'wrapper/native.bin.js')),
      print: silent,
      printErr: silent,
    }),
  );
  const scale = series.reduce((a, b) => a + b, 0) / series.length;
  const model = new ARIMA({ p: 1, d: 0, q: 0, P: 1, D: 0, Q: 0, s: 12, method: 0, optimizer: 5 }).train(
    series.map((v) => v / scale),
  );
  const [predicted] = model.predict(steps) as [number[]];
  model.destroy();
  return predicted.map((v) => Math.max(0, Math.round(v * scale)));
}

/**
 * Demand forecast over orders made through the repository with a known season: the forecast follows the
 * season, the backtest's figures against the library fitted here and the errors worked out here, months in
 * the company's time zone, only sold orders, each caller's order scope, categories with their sub-categories,
 * pages and sorts with totals over every item, and bad input.
 */
describe.each(testDialects)('demand forecast on %s', (dialect) => {
  let t: TestApp;
  let rep: Caller;
  let other: Caller;
  let manager: Caller;
  const products: Record<string, number> = {};
  const categories: Record<string, number> = {};
  const thisMonth = dayjs().tz(zone).startOf('month');
  /** The month `back` months before this one, as the server labels it. */
  const monthAgo = (back: number) => thisMonth.subtract(back, 'month');
  /** What the seasonal product sold `back` months ago. */
  const seasonal = (back: number) => {
    const month = monthAgo(back);
    return season[month.month()] * 10 + ((month.year() * 12 + month.month()) % 5) - 2;
  };
  let orderSeq = 0;
  /** Every sold quantity made, per product and month, to check the figures against. */
  const sold = new Map<string, number>();

  type Line = { product: string; quantity: string };
  const order = async (owner: Caller, at: string, lines: Line[], status = 'delivered', deleted = false) => {
    const user = await t.database.db
      .selectFrom('users')
      .select('departmentId')
      .where('id', '=', owner.userId)
      .executeTakeFirstOrThrow();
    const customer = customers.get(owner.userId)!;
    const [orderId] = await insertRows(
      t.database.db,
      'orders',
      [
        {
          number: `SO-DF${String(++orderSeq).padStart(6, '0')}`,
          title: `需求预测订单${orderSeq}`,
          customerId: customer,
          currency: 'CNY',
          status,
          discountBp: 0,
          subtotal: 0,
          discount: 0,
          tax: 0,
          total: 0,
          ownerId: owner.userId,
          departmentId: user.departmentId,
          createdAt: at,
          updatedAt: at,
          deletedAt: deleted ? at : null,
        },
      ],
      { returnIds: true },
    );
    await insertRows(
      t.database.db,
      'orderLines',
      lines.map((line, position) => ({
        orderId,
        position,
        productId: products[line.product],
        productCode: line.product,
        name: line.product,
        description: null,
        unit: null,
        quantity: line.quantity,
        unitPrice: '1',
        discountBp: 0,
        taxRateBp: 0,
        net: 0,
        tax: 0,
        total: 0,
        quantityMilli: Math.round(Number(line.quantity) * 1000),
        deliveredMilli: 0,
      })),
    );
  };
  const customers = new Map<number, number>();
  /** An order in the middle of the month `back` months ago, sold, counted in `sold`. */
  const soldIn = async (owner: Caller, back: number, product: string, quantity: number, part = 0) => {
    const at = monthAgo(back).add(14, 'day').add(part, 'hour').add(12, 'hour').toISOString();
    await order(owner, at, [{ product, quantity: String(quantity) }]);
    const key = `${product}|${monthAgo(back).format('YYYY-MM')}`;
    sold.set(key, (sold.get(key) ?? 0) + quantity);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const region = await createDepartment(t, '需求预测大区');
    const team = await createDepartment(t, '需求预测一组', region);
    const elsewhere = await createDepartment(t, '需求预测别组');
    rep = (await createUserClient(t, 'sales_rep', team)) as Caller;
    manager = (await createUserClient(t, 'sales_manager', region)) as Caller;
    other = (await createUserClient(t, 'sales_rep', elsewhere)) as Caller;
    for (const owner of [rep, other, manager]) customers.set(owner.userId, (await createCustomer(owner)).id);
    const category = async (name: string, parentId?: number) => {
      const created = await t.admin.post('/api/v1/product-categories', { name, parentId });
      expect(created.statusCode, created.body).toBe(201);
      return (categories[name] = created.json().id as number);
    };
    await category('季节品');
    await category('配件');
    await category('配件子类', categories['配件']);
    const product = async (code: string, name: string, categoryId: number | null, unit = 'unit') => {
      const created = await t.admin.post('/api/v1/products', { code, name, categoryId, unit, listPrice: '10' });
      expect(created.statusCode, created.body).toBe(201);
      products[code] = created.json().id;
    };
    await product('SEASON', '空调', categories['季节品']);
    await product('SHARED', '滤网', categories['配件']);
    await product('SUB', '遥控器', categories['配件子类']);
    await product('OTHERS', '风扇', categories['季节品']);
    await product('NEW', '新品', null);
    await product('KG', '制冷剂', categories['配件'], 'kg');
    await product('GONE', '停产', null);
    for (let i = 1; i <= 25; i++) await product(`SMALL${i}`, `小件${String(i).padStart(2, '0')}`, null, 'pcs');

    // 42 months of the season (36 shown and the 6 before them the backtest is fitted on), in two orders a month.
    for (let back = 42; back >= 1; back--) {
      const quantity = seasonal(back);
      await soldIn(rep, back, 'SEASON', quantity - 5);
      await soldIn(rep, back, 'SEASON', 5, 1);
    }
    for (let back = 15; back >= 1; back--) {
      await soldIn(rep, back, 'SHARED', 1);
      await soldIn(other, back, 'SHARED', 100);
      await soldIn(other, back, 'OTHERS', 7);
      await soldIn(manager, back, 'SUB', 3);
      await soldIn(rep, back, 'KG', 2.5);
    }
    for (let back = 4; back >= 1; back--) await soldIn(rep, back, 'NEW', 6);
    for (let i = 1; i <= 25; i++) await soldIn(rep, (i % 6) + 1, `SMALL${i}`, i);

    // Not sold: a draft, one waiting for approval, a cancelled and a terminated order, and one in the recycle bin.
    const middle = monthAgo(2).add(10, 'day').toISOString();
    for (const status of ['draft', 'pending_approval', 'cancelled', 'terminated'])
      await order(rep, middle, [{ product: 'SEASON', quantity: '1000' }], status);
    await order(rep, middle, [{ product: 'SEASON', quantity: '1000' }], 'delivered', true);
    // This month's orders are not history yet; a deleted product's sales are not listed.
    await order(rep, thisMonth.add(1, 'hour').toISOString(), [{ product: 'SEASON', quantity: '1000' }]);
    await order(rep, middle, [{ product: 'GONE', quantity: '9' }]);
    expect((await t.admin.delete(`/api/v1/products/${products['GONE']}`)).statusCode).toBeLessThan(300);
    // 00:30 on the first of last month in Shanghai is the evening before in UTC: it counts in last month.
    await order(rep, monthAgo(1).add(30, 'minute').toISOString(), [{ product: 'NEW', quantity: '1' }]);
    sold.set(`NEW|${monthAgo(1).format('YYYY-MM')}`, sold.get(`NEW|${monthAgo(1).format('YYYY-MM')}`)! + 1);
  }, 120_000);
  afterAll(async () => t?.close());

  const read = async (caller: Client, query: Record<string, string | number> = {}) => {
    const response = await caller.get('/api/v1/analyses/demand-forecast', { pageSize: 200, ...query });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as DemandForecast;
  };
  const itemOf = (data: DemandForecast, code: string) => data.items.find((i) => i.code === code)!;
  const soldOf = (product: string, month: string) => sold.get(`${product}|${month}`) ?? 0;

  it('forecasts the next three months of a seasonal product along its season, with the seasonal model', async () => {
    const data = await read(t.admin, { months: 36 });
    expect(data.firstForecastMonth).toBe(thisMonth.format('YYYY-MM'));
    const item = itemOf(data, 'SEASON');
    expect(item).toMatchObject({ name: '空调', categoryName: '季节品', unit: 'unit', method: 'seasonal' });
    expect(item.backtestMethod).toBe('seasonal');
    expect(item.history).toHaveLength(36);
    expect(item.history.map((h) => h.month)).toEqual(
      Array.from({ length: 36 }, (_, i) => monthAgo(36 - i).format('YYYY-MM')),
    );
    for (const h of item.history) expect(Number(h.quantity)).toBe(soldOf('SEASON', h.month));
    expect(item.forecast.map((f) => f.month)).toEqual(
      [0, 1, 2].map((i) => thisMonth.add(i, 'month').format('YYYY-MM')),
    );
    for (const f of item.forecast) {
      const expected = season[dayjs(`${f.month}-01`).month()] * 10;
      expect(Math.abs(Number(f.quantity) - expected)).toBeLessThanOrEqual(expected * 0.1);
      expect(Number(f.quantity)).toBe(Math.round(Number(f.quantity)));
      expect(Number(f.low)).toBeLessThanOrEqual(Number(f.quantity));
      expect(Number(f.high)).toBeGreaterThanOrEqual(Number(f.quantity));
    }
    expect(item.forecastTotal).toBe(String(item.forecast.reduce((sum, f) => sum + Number(f.quantity), 0)));
  });

  it('tests the method on the last six months: the library fitted on the 36 months before them, and its errors', async () => {
    const item = itemOf(await read(t.admin, { months: 36 }), 'SEASON');
    const training = Array.from({ length: 36 }, (_, i) => seasonal(42 - i));
    const expected = librarySeasonalForecast(training, 6);
    const actual = [6, 5, 4, 3, 2, 1].map(seasonal);
    expect(item.backtest).toEqual(
      actual.map((a, i) => ({
        month: monthAgo(6 - i).format('YYYY-MM'),
        actual: String(a),
        forecast: String(expected[i]),
      })),
    );
    const misses = actual.map((a, i) => Math.abs(a - expected[i]));
    const mae = misses.reduce((s, m) => s + m, 0) / 6;
    const mape = (misses.reduce((s, m, i) => s + m / actual[i], 0) / 6) * 100;
    expect(Number(item.mae)).toBeCloseTo(mae, 3);
    expect(item.mape).toBeCloseTo(Math.round(mape * 10) / 10, 6);
    expect(item.mape!).toBeLessThan(10);
  });

  it('picks the model by the months since the first sale, and keeps decimals where quantities have them', async () => {
    const data = await read(t.admin);
    expect(itemOf(data, 'NEW').method).toBe('average');
    expect(itemOf(data, 'NEW').forecast.map((f) => f.quantity)).toEqual(['6', '6', '6']);
    expect(itemOf(data, 'SHARED').method).toBe('arima');
    const kg = itemOf(data, 'KG');
    expect(kg.history.slice(-15).every((h) => h.quantity === '2.5')).toBe(true);
    for (const f of kg.forecast) expect(Math.abs(Number(f.quantity) - 2.5)).toBeLessThan(0.01);
    expect(kg.history.slice(0, 9).every((h) => h.quantity === '0')).toBe(true);
  });

  it('counts sold orders only, in the company’s months, up to the month before this one, of live products', async () => {
    const data = await read(t.admin);
    const months = data.items[0].history.map((h) => h.month);
    for (const code of ['SEASON', 'NEW', 'SHARED'])
      for (const h of itemOf(data, code).history)
        expect(Number(h.quantity), `${code} ${h.month}`).toBe(soldOf(code, h.month));
    expect(Number(itemOf(data, 'NEW').history.at(-1)!.quantity)).toBe(7);
    expect(data.items.find((i) => i.code === 'GONE')).toBeUndefined();
    expect(months.at(-1)).toBe(monthAgo(1).format('YYYY-MM'));
  });

  it('shows each caller the quantities of the orders they may see', async () => {
    const mine = await read(rep);
    expect(mine.items.map((i) => i.code).sort()).not.toContain('OTHERS');
    expect(mine.items.find((i) => i.code === 'SUB')).toBeUndefined();
    expect(
      itemOf(mine, 'SHARED')
        .history.slice(-15)
        .map((h) => h.quantity),
    ).toEqual(Array(15).fill('1'));
    const theirs = await read(other);
    expect(theirs.items.map((i) => i.code).sort()).toEqual(['OTHERS', 'SHARED']);
    expect(
      itemOf(theirs, 'SHARED')
        .history.slice(-15)
        .map((h) => h.quantity),
    ).toEqual(Array(15).fill('100'));
    const team = await read(manager);
    expect(
      itemOf(team, 'SHARED')
        .history.slice(-15)
        .map((h) => h.quantity),
    ).toEqual(Array(15).fill('1'));
    expect(itemOf(team, 'SUB')).toBeDefined();
    expect(team.items.find((i) => i.code === 'OTHERS')).toBeUndefined();
    expect(itemOf(await read(t.admin), 'SHARED').history.at(-1)!.quantity).toBe('101');
  });

  it('groups by category, a category filter taking in the categories below it', async () => {
    const data = await read(t.admin, { by: 'category' });
    const byName = new Map(data.items.map((i) => [i.name, i]));
    expect([...byName.keys()].sort()).toEqual(['季节品', '配件', '配件子类', null].sort());
    const last = monthAgo(1).format('YYYY-MM');
    expect(byName.get('季节品')!.history.at(-1)!.quantity).toBe(String(soldOf('SEASON', last) + 7));
    expect(byName.get('配件')!.history.at(-1)!.quantity).toBe('103.5');
    expect(byName.get(null)!.id).toBeNull();
    const parts = await read(t.admin, { by: 'category', categoryId: categories['配件'] });
    expect(parts.items.map((i) => i.name).sort()).toEqual(['配件', '配件子类']);
    const products = await read(t.admin, { categoryId: categories['配件'] });
    expect(products.items.map((i) => i.code).sort()).toEqual(['KG', 'SHARED', 'SUB']);
    const one = await read(t.admin, { productId: products.items[0].id! });
    expect(one.items).toHaveLength(1);
    expect(one.totals.history).toEqual(one.items[0].history);
  });

  it('pages and sorts every matching item, the totals over all of them added up by the database', async () => {
    const all = await read(t.admin);
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBe(31);
    const pages: DemandForecastItem[] = [];
    for (let page = 1; page <= 7; page++) {
      const part = await read(t.admin, { page, pageSize: 5 });
      expect(part.total).toBe(31);
      expect(part.totals).toEqual(all.totals);
      pages.push(...part.items);
    }
    expect(pages.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    const forecasts = all.items.map((i) => Number(i.forecastTotal));
    expect(forecasts).toEqual([...forecasts].sort((a, b) => b - a));
    all.totals.history.forEach((h, m) => {
      const sum = all.items.reduce((s, i) => s + Number(i.history[m].quantity) * 1000, 0);
      expect(Number(h.quantity) * 1000, h.month).toBe(sum);
      const made = [...sold].filter(([key]) => key.endsWith(`|${h.month}`)).reduce((s, [, q]) => s + q * 1000, 0);
      expect(Number(h.quantity) * 1000, h.month).toBe(made);
    });
    // By name in pinyin order: feng, kong, lü, then xiao.
    const byName = await read(t.admin, { sort: 'name:asc', pageSize: 3 });
    expect(byName.items.map((i) => i.name)).toEqual(['风扇', '空调', '滤网']);
    const next = await read(t.admin, { sort: 'name:asc', pageSize: 3, page: 2 });
    expect(next.items.map((i) => i.name)).toEqual(['小件01', '小件02', '小件03']);
    const last = await read(t.admin, { sort: 'name:desc', pageSize: 1 });
    expect(last.items.map((i) => i.name)).toEqual(['制冷剂']);
    const search = await read(t.admin, { q: '小件1' });
    expect(search.total).toBe(10);
    // 小件10 to 小件19, each sold its number once.
    expect(search.totals.history.reduce((s, h) => s + Number(h.quantity), 0)).toBe(145);
    const ascending = await read(t.admin, { sort: 'forecast:asc' });
    expect(ascending.items.map((i) => Number(i.forecastTotal))).toEqual([...forecasts].sort((a, b) => a - b));
  });

  it('answers nothing sold with an empty list and zero totals', async () => {
    const nobody = (await createUserClient(t, 'sales_rep', await createDepartment(t, '需求预测空组'))) as Caller;
    const data = await read(nobody);
    expect(data.items).toEqual([]);
    expect(data.total).toBe(0);
    expect(data.totals.method).toBe('none');
    expect(data.totals.history.every((h) => h.quantity === '0')).toBe(true);
    expect(data.totals.forecast.map((f) => f.quantity)).toEqual(['0', '0', '0']);
    expect(data.totals.mape).toBeNull();
  });

  it('refuses bad input with its code', async () => {
    const queries: Array<Record<string, string | number>> = [
      { by: 'customer' },
      { months: 11 },
      { months: 61 },
      { months: 'two' },
      { sort: 'quantity:desc' },
      { sort: 'name' },
      { productId: -1 },
      { page: 0 },
      { pageSize: 500 },
    ];
    for (const query of queries) {
      const response = await t.admin.get('/api/v1/analyses/demand-forecast', query);
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const missing = await t.admin.get('/api/v1/analyses/demand-forecast', { categoryId: 999_999 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { categoryId: expect.any(String) },
    });
  });
});
