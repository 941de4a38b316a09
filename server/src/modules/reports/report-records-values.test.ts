import type { ReportRecordsPage } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer } from '../../../test/factories.ts';

/**
 * The records behind a figure carry each one's value of the field the figure sums, and the sum over
 * every one of them (not only the page shown), so that the figure can be checked.
 */
describe.each(testDialects)('records behind a figure, with their values, on %s', (dialect) => {
  let t: TestApp;
  // More than a page of records.
  const amounts = Array.from({ length: 27 }, (_, i) => 1000 + i * 37);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const customer = await createCustomer(t.admin, { name: '明细金额客户' });
    for (const [i, amount] of amounts.entries()) {
      const created = await t.admin.post('/api/v1/opportunities', {
        name: `明细金额商机${i}`,
        customerId: customer.id,
        amount: `${amount}.50`,
      });
      expect(created.statusCode, created.body).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  const records = async (definition: object, page = 1) => {
    const response = await t.admin.post('/api/v1/reports/records', { definition, match: {}, page, pageSize: 20 });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReportRecordsPage;
  };

  it('gives each record’s amount and the total of them all, in minor units', async () => {
    const definition = {
      source: 'opportunities',
      measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'amount' }],
    };
    const first = await records(definition);
    const second = await records(definition, 2);
    expect(first.total).toBe(amounts.length);
    const expected = amounts.reduce((sum, a) => sum + a * 100 + 50, 0);
    expect(first.measured).toEqual({ field: 'amount', type: 'money', sum: expected, currency: 'CNY' });
    const values = [...first.items, ...second.items].map((item) => item.value);
    expect(values).toHaveLength(amounts.length);
    expect(values.reduce((sum, v) => sum! + v!, 0)).toBe(expected);
    expect(new Set(values)).toEqual(new Set(amounts.map((a) => a * 100 + 50)));
  });

  it('gives no value to records behind a count', async () => {
    const page = await records({ source: 'opportunities', measures: [{ aggregate: 'count' }] });
    expect(page.measured).toBeNull();
    expect(page.items.every((item) => item.value === null)).toBe(true);
  });
});
