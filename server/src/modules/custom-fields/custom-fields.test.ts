import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('custom fields on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.admin.post('/api/v1/custom-fields', {
      entity: 'customers',
      key: 'employees',
      labelZh: '员工人数',
      labelEn: 'Employees',
      type: 'number',
    });
    await t.admin.post('/api/v1/custom-fields', {
      entity: 'customers',
      key: 'region',
      labelZh: '大区',
      labelEn: 'Region',
      type: 'select',
      options: [
        { code: 'north', labelZh: '北方', labelEn: 'North' },
        { code: 'south', labelZh: '南方', labelEn: 'South' },
      ],
    });
  });
  afterAll(async () => t?.close());

  it('stores values that match their definitions', async () => {
    const created = await t.admin.post('/api/v1/customers', {
      name: '自定义字段客户',
      customFields: { employees: 120, region: 'south' },
    });
    expect(created.json().customFields).toEqual({ employees: 120, region: 'south' });
    const patched = await t.admin.patch(`/api/v1/customers/${created.json().id}`, {
      customFields: { employees: null },
    });
    expect(patched.json().customFields).toEqual({ region: 'south' });
  });

  it('rejects wrong types, unknown options and unknown keys per field', async () => {
    const response = await t.admin.post('/api/v1/customers', {
      name: 'X',
      customFields: { employees: 'many', region: 'east', shoeSize: 42 },
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields).sort()).toEqual([
      'customFields.employees',
      'customFields.region',
      'customFields.shoeSize',
    ]);
  });

  it('lets only administrators define fields', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    expect(
      (
        await rep.post('/api/v1/custom-fields', {
          entity: 'customers',
          key: 'x',
          labelZh: 'x',
          labelEn: 'x',
          type: 'text',
        })
      ).statusCode,
    ).toBe(403);
    expect((await rep.get('/api/v1/custom-fields', { entity: 'customers' })).json()).toHaveLength(2);
  });
});
