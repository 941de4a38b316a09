import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer } from '../../../test/factories.ts';
import { writeSettings } from './settings.repository.ts';

describe.each(testDialects)('settings checked by meaning on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const fieldsOf = async (patch: object) => {
    const response = await t.admin.request('PATCH', '/api/v1/settings', {
      payload: patch,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(response.statusCode, JSON.stringify(patch)).toBe(400);
    return response.json().error.fields as Record<string, string>;
  };

  it('refuses a time zone, currency, rate or business hours that mean nothing, with the field and a message', async () => {
    expect(await fieldsOf({ timezone: 'Mars/Olympus' })).toEqual({ timezone: '不是有效的时区（例如 Asia/Shanghai）' });
    expect(await fieldsOf({ defaultCurrency: 'XXY' })).toHaveProperty('defaultCurrency');
    expect(await fieldsOf({ defaultCurrency: 'EUR' })).toEqual({ defaultCurrency: '本位币必须是已列出的币种之一' });
    expect(
      await fieldsOf({
        currencies: [
          { code: 'CNY', name: '人民币', rate: '1' },
          { code: 'USD', name: 'Dollar', rate: '0' },
        ],
      }),
    ).toHaveProperty(['currencies.1.rate']);
    expect(
      await fieldsOf({
        currencies: [
          { code: 'CNY', name: 'a', rate: '1' },
          { code: 'CNY', name: 'b', rate: '1' },
        ],
      }),
    ).toHaveProperty('currencies');
    expect(await fieldsOf({ currencies: [{ code: 'CNY', name: '人民币', rate: '2' }] })).toHaveProperty('currencies');
    expect(await fieldsOf({ taxRates: [{ name: 'odd', rate: '250' }] })).toHaveProperty(['taxRates.0.rate']);
    expect(await fieldsOf({ businessStart: '18:00', businessEnd: '09:00' })).toHaveProperty('businessEnd');
    expect(await fieldsOf({ businessDays: [] })).toHaveProperty('businessDays');
    expect(await fieldsOf({ vipAgentIds: [2_147_483_648] })).toHaveProperty(['vipAgentIds.0']);
    // A misspelt name would otherwise be answered 200 while nothing changed.
    expect(await fieldsOf({ timeZone: 'Asia/Tokyo' })).toEqual({ timeZone: '未知字段' });
    const settings = (await t.admin.get('/api/v1/settings')).json();
    expect(settings).toMatchObject({
      timezone: 'Asia/Shanghai',
      defaultCurrency: 'CNY',
      businessStart: '09:00',
      businessEnd: '18:00',
    });
  });

  it('accepts a real time zone and a currency list that holds the default currency', async () => {
    const response = await t.admin.patch('/api/v1/settings', {
      timezone: 'Europe/Berlin',
      currencies: [
        { code: 'EUR', name: 'Euro', rate: '1' },
        { code: 'CNY', name: '人民币', rate: '7.8' },
      ],
      defaultCurrency: 'EUR',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ timezone: 'Europe/Berlin', defaultCurrency: 'EUR' });
    await t.admin.patch('/api/v1/settings', {
      timezone: 'Asia/Shanghai',
      currencies: [
        { code: 'CNY', name: '人民币', rate: '1' },
        { code: 'USD', name: 'US Dollar', rate: '0.14' },
      ],
      defaultCurrency: 'CNY',
    });
  });

  it('reads past a bad stored value: that setting falls back to its default and the API keeps answering', async () => {
    await writeSettings(t.database.db, {
      timezone: 'Mars/Olympus',
      companyName: '龙腾科技',
      defaultCurrency: 'ZZZ',
      businessStart: '20:00',
    });
    const settings = (await t.admin.get('/api/v1/settings')).json();
    expect(settings).toMatchObject({
      timezone: 'Asia/Shanghai',
      companyName: '龙腾科技',
      defaultCurrency: 'CNY',
      businessStart: '09:00',
      businessEnd: '18:00',
    });
    const customer = await createCustomer(t.admin);
    expect((await t.admin.get('/api/v1/receivables/aging')).statusCode).toBe(200);
    const ticket = await t.admin.post('/api/v1/tickets', {
      type: 'repair',
      subject: 'Printer jams',
      customerId: customer.id,
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(
      (await t.admin.get('/api/v1/customers', { 'filter[createdAt][gte]': 'this_month' })).statusCode,
    ).toBeLessThan(500);
    await writeSettings(t.database.db, { timezone: 'Asia/Shanghai', defaultCurrency: 'CNY', businessStart: '09:00' });
  });
});
