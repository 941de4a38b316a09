import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('dictionaries and settings on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('seeds the bilingual customer level, credit level and stage options exactly', async () => {
    const pick = async (type: string) =>
      (await t.admin.get(`/api/v1/dictionaries/${type}/options`))
        .json()
        .map((o: { code: string; labelZh: string; labelEn: string }) => [o.code, o.labelZh, o.labelEn]);
    expect(await pick('customer_level')).toEqual([
      ['A', '重要客户', 'Key'],
      ['B', '普通客户', 'Regular'],
      ['C', '小客户', 'Small'],
    ]);
    expect(await pick('credit_level')).toEqual([
      ['good', '良好', 'Good'],
      ['normal', '一般', 'Normal'],
      ['poor', '较差', 'Poor'],
    ]);
    expect(await pick('customer_stage')).toEqual([
      ['prospect', '潜在客户', 'Prospect'],
      ['intent', '意向客户', 'Interested'],
      ['deal', '成交客户', 'Customer'],
      ['lost', '流失客户', 'Lost'],
    ]);
    const types = (await t.admin.get('/api/v1/dictionaries')).json();
    expect(types).toEqual(
      expect.arrayContaining([
        'industry',
        'customer_source',
        'contact_role',
        'sales_stage',
        'followup_type',
        'contract_category',
      ]),
    );
  });

  it('lets an administrator add, change and remove options; a disabled option is refused on customers', async () => {
    const created = await t.admin.post('/api/v1/dictionaries/industry/options', {
      code: 'agri',
      labelZh: '农业',
      labelEn: 'Agriculture',
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await t.admin.post('/api/v1/dictionaries/industry/options', {
          code: 'agri',
          labelZh: '农业',
          labelEn: 'Agriculture',
        })
      ).statusCode,
    ).toBe(400);
    await t.admin.patch(`/api/v1/dictionaries/industry/options/${created.json().id}`, { enabled: false });
    expect((await t.admin.post('/api/v1/customers', { name: '农场', industry: 'agri' })).statusCode).toBe(400);
    expect((await t.admin.delete(`/api/v1/dictionaries/industry/options/${created.json().id}`)).statusCode).toBe(204);
    expect((await t.admin.get('/api/v1/dictionaries/nonsense/options')).statusCode).toBe(400);
  });

  it('keeps dictionaries and settings for administrators', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    expect(
      (await rep.post('/api/v1/dictionaries/industry/options', { code: 'x', labelZh: 'x', labelEn: 'x' })).statusCode,
    ).toBe(403);
    expect((await rep.patch('/api/v1/settings', { companyName: 'X' })).statusCode).toBe(403);
  });

  it('reads and changes settings with validation and audit', async () => {
    const settings = (await t.admin.get('/api/v1/settings')).json();
    expect(settings).toMatchObject({ defaultLocale: 'zh-CN', timezone: 'Asia/Shanghai', defaultCurrency: 'CNY' });
    const changed = await t.admin.patch('/api/v1/settings', { companyName: '龙腾科技', passwordMinLength: 10 });
    expect(changed.json()).toMatchObject({ companyName: '龙腾科技', passwordMinLength: 10 });
    expect((await t.admin.patch('/api/v1/settings', { passwordMinLength: 2 })).json().error.fields).toHaveProperty(
      'passwordMinLength',
    );
    expect(
      (await t.admin.patch('/api/v1/settings', { currencies: [{ code: 'usd', name: 'x', rate: '1.5' }] })).statusCode,
    ).toBe(400);
    const audit = (await t.admin.get('/api/v1/audit-logs', { entity: 'settings' })).json();
    expect(audit.items[0].changes).toEqual(
      expect.arrayContaining([{ field: 'companyName', old: 'Relate', new: '龙腾科技' }]),
    );
  });
});
