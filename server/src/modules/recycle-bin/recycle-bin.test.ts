import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';
import { purgeExpired } from './recycle-bin.service.ts';

describe.each(testDialects)('recycle bin on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("shows a rep only their own deleted customers, and hides others' (404 on restore)", async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const mine = await createCustomer(rep);
    const theirs = await createCustomer(t.admin);
    await rep.delete(`/api/v1/customers/${mine.id}`);
    await t.admin.delete(`/api/v1/customers/${theirs.id}`);
    const bin = (await rep.get('/api/v1/recycle-bin', { entity: 'customers' })).json();
    expect(bin.items.map((i: { id: number }) => i.id)).toEqual([mine.id]);
    expect((await rep.post(`/api/v1/recycle-bin/customers/${theirs.id}/restore`)).statusCode).toBe(404);
    const reader = await createUserClient(t, 'readonly');
    expect((await reader.get('/api/v1/recycle-bin', { entity: 'customers' })).statusCode).toBe(403);
    expect((await t.admin.get('/api/v1/recycle-bin', { entity: 'planets' })).statusCode).toBe(400);
  });

  it('deletes for good on request and after the retention period', async () => {
    const now = await createCustomer(t.admin);
    await t.admin.post('/api/v1/contacts', { customerId: now.id, name: '待清除' });
    await t.admin.delete(`/api/v1/customers/${now.id}`);
    expect((await t.admin.delete(`/api/v1/recycle-bin/customers/${now.id}`)).statusCode).toBe(204);
    expect(await t.database.db.selectFrom('customers').select('id').where('id', '=', now.id).executeTakeFirst()).toBeUndefined();
    expect((await t.admin.get('/api/v1/customers', { q: now.code })).json().total).toBe(0);

    const old = await createCustomer(t.admin);
    await t.admin.delete(`/api/v1/customers/${old.id}`);
    await t.database.db.updateTable('customers').set({ deletedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }).where('id', '=', old.id).execute();
    const purged = await purgeExpired({ db: t.database.db, dialect: t.database.dialect, config: {} as never });
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await t.database.db.selectFrom('customers').select('id').where('id', '=', old.id).executeTakeFirst()).toBeUndefined();
  });
});
