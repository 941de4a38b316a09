import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createLead, unique } from '../../../test/factories.ts';
import { csvOf, uploadImport, waitForLongImport } from '../../../test/imports.ts';

describe.each(testDialects)('division codes of addresses on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('names province, city and district from the code the region picker chose, and refuses an unknown code', async () => {
    const customer = await createCustomer(t.admin, { name: unique('南山客户'), divisionCode: '440305' });
    expect(customer).toMatchObject({ province: '广东省', city: '深圳市', district: '南山区', divisionCode: '440305' });

    const city = await createCustomer(t.admin, { name: unique('杭州客户'), divisionCode: '330100' });
    expect(city).toMatchObject({ province: '浙江省', city: '杭州市', district: null, divisionCode: '330100' });

    const town = await createCustomer(t.admin, { name: unique('东莞客户'), divisionCode: '441900003' });
    expect(town).toMatchObject({ province: '广东省', city: '东莞市', district: '东城街道' });

    const unknown = await t.admin.post('/api/v1/customers', { name: unique('未知'), divisionCode: '999999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.divisionCode).toContain('999999');
    const malformed = await t.admin.post('/api/v1/customers', { name: unique('未知'), divisionCode: '4403' });
    expect(malformed.statusCode).toBe(400);
    expect(Object.keys(malformed.json().error.fields)).toEqual(['divisionCode']);
  });

  it('gives names typed without a code the code they name exactly, and none otherwise', async () => {
    const typed = await createCustomer(t.admin, {
      name: unique('朝阳客户'),
      province: '北京市',
      city: '市辖区',
      district: '朝阳区',
    });
    expect(typed.divisionCode).toBe('110105');
    const foreign = await createCustomer(t.admin, { name: unique('海外客户'), province: 'California', city: 'Irvine' });
    expect(foreign.divisionCode).toBeNull();
  });

  it('keeps the code when a change leaves the region alone, and follows a change of the region', async () => {
    const customer = await createCustomer(t.admin, { name: unique('客户'), divisionCode: '440305' });
    const renamed = (await t.admin.patch(`/api/v1/customers/${customer.id}`, { address: '科技园 1 号' })).json();
    expect(renamed).toMatchObject({ district: '南山区', divisionCode: '440305', address: '科技园 1 号' });
    const moved = (await t.admin.patch(`/api/v1/customers/${customer.id}`, { district: '福田区' })).json();
    expect(moved).toMatchObject({ province: '广东省', city: '深圳市', district: '福田区', divisionCode: '440304' });
    const cleared = (
      await t.admin.patch(`/api/v1/customers/${customer.id}`, { province: null, city: null, district: null })
    ).json();
    expect(cleared).toMatchObject({ province: null, divisionCode: null });
  });

  it('carries a lead’s code to the customer it converts into', async () => {
    const lead = await createLead(t.admin, { company: unique('西湖公司'), divisionCode: '330106' });
    expect(lead).toMatchObject({ province: '浙江省', city: '杭州市', district: '西湖区', divisionCode: '330106' });
    const patched = (await t.admin.patch(`/api/v1/leads/${lead.id}`, { city: '宁波市', district: '鄞州区' })).json();
    expect(patched.divisionCode).toBe('330212');
    const { customerId } = (await t.admin.post(`/api/v1/leads/${lead.id}/convert`, {})).json();
    const customer = (await t.admin.get(`/api/v1/customers/${customerId}`)).json();
    expect(customer).toMatchObject({ district: '鄞州区', divisionCode: '330212' });
  });

  it('gives imported rows the code their names give', async () => {
    const tag = unique('区划');
    const file = csvOf([
      ['客户名称', '省份', '城市', '区县'],
      [`${tag}甲`, '四川省', '成都市', '武侯区'],
      [`${tag}乙`, '四川省', '成都市', '不存在区'],
    ]);
    const result = await waitForLongImport(
      t.admin,
      (await uploadImport(t.admin, 'customers', file, 'd.csv')).json().id,
    );
    expect(result).toMatchObject({ status: 'done', created: 2 });
    const items: Array<{ name: string; divisionCode: string | null }> = (
      await t.admin.get('/api/v1/customers', { q: tag })
    ).json().items;
    expect(Object.fromEntries(items.map((c) => [c.name, c.divisionCode]))).toEqual({
      [`${tag}甲`]: '510107',
      [`${tag}乙`]: null,
    });
  });
});
