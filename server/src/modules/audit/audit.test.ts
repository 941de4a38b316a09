import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('audit log on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('records sign-ins with IP and user agent and filters by action and user', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const logins = (await t.admin.get('/api/v1/audit-logs', { action: 'login', userId: rep.userId })).json();
    expect(logins.total).toBe(1);
    expect(logins.items[0]).toMatchObject({ entity: 'auth', username: rep.username, ip: expect.any(String) });
  });

  it('is for auditors only, and validates its filters', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get('/api/v1/audit-logs')).statusCode).toBe(403);
    expect((await t.admin.get('/api/v1/audit-logs', { from: 'yesterday' })).statusCode).toBe(400);
  });
});
