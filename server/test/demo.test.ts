import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData, demoPassword } from '../src/db/demo.ts';
import { createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';

describe.each(testDialects)('demo data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('loads once: users of every built-in role and about 200 customers with contacts', async () => {
    expect(await loadDemoData(t.database.db, t.database.dialect)).toBe(true);
    expect(await loadDemoData(t.database.db, t.database.dialect)).toBe(false);
    const customers = (await t.admin.get('/api/v1/customers', { pageSize: 1 })).json();
    expect(customers.total).toBe(200);
    const rep = await t.login('rep1', demoPassword);
    const own = (await rep.get('/api/v1/customers', { pageSize: 1 })).json().total;
    expect(own).toBeGreaterThan(0);
    expect(own).toBeLessThan(200);
    const manager = await t.login('manager', demoPassword);
    expect((await manager.get('/api/v1/customers', { pageSize: 1 })).json().total).toBeGreaterThan(own);
    expect((await t.admin.get('/api/v1/contacts', { pageSize: 1 })).json().total).toBeGreaterThanOrEqual(200);
    const found = (await t.admin.get('/api/v1/customers', { q: '科技' })).json().total;
    expect(found).toBeGreaterThan(0);
  });
});
