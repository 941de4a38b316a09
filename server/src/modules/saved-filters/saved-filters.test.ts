import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('saved filters on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('keeps each user’s filters to themselves', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const other = await createUserClient(t, 'sales_rep');
    const created = await rep.post('/api/v1/saved-filters', {
      entity: 'customers',
      name: 'A 级华东',
      query: { level: 'A', province: '上海市' },
    });
    expect(created.statusCode).toBe(201);
    expect((await rep.get('/api/v1/saved-filters', { entity: 'customers' })).json()).toEqual([
      expect.objectContaining({ name: 'A 级华东', query: { level: 'A', province: '上海市' } }),
    ]);
    expect((await other.get('/api/v1/saved-filters')).json()).toEqual([]);
    expect((await other.delete(`/api/v1/saved-filters/${created.json().id}`)).statusCode).toBe(404);
    expect((await rep.delete(`/api/v1/saved-filters/${created.json().id}`)).statusCode).toBe(204);
  });

  it('validates input', async () => {
    const response = await t.admin.post('/api/v1/saved-filters', { entity: 'planets', name: '' });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields).sort()).toEqual(['entity', 'name', 'query']);
  });
});
