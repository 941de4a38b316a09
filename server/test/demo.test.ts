import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, demoPortalLogin, loadDemoData } from '../src/db/demo.ts';
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

    // Sales data: the rep's home page, board and leaderboard have something to show.
    expect((await rep.get('/api/v1/leads', { pageSize: 1 })).json().total).toBeGreaterThan(0);
    expect((await rep.get('/api/v1/followups', { pageSize: 1 })).json().total).toBeGreaterThan(0);
    const [pipeline] = (await rep.get('/api/v1/pipelines')).json();
    const board = (await manager.get(`/api/v1/pipelines/${pipeline.id}/board`)).json();
    expect(board.columns.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBeGreaterThan(0);
    const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const rows = (await manager.get('/api/v1/performance', { period })).json().rows;
    expect(rows.some((r: { targets: { amountWon: string | null } }) => r.targets.amountWon === '500000.00')).toBe(true);
    expect((await t.admin.get('/api/v1/tasks', { pageSize: 1 })).json().total).toBe(30);
    const portal = await t.app.inject({
      method: 'POST',
      url: '/api/portal/v1/login',
      payload: { login: demoPortalLogin, password: demoPassword },
    });
    expect(portal.statusCode).toBe(200);
  });
});
