import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';
import { purgeExpired, purgeHandling } from './recycle-bin.service.ts';

describe.each(testDialects)('recycle bin on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());
  const context = () => ({ db: t.database.db, dialect: t.database.dialect, config: t.config });

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

  it('deletes for good on request and after the retention period, files included', async () => {
    const now = await createCustomer(t.admin);
    await t.admin.post('/api/v1/contacts', { customerId: now.id, name: '待清除' });
    const boundary = 'purgeboundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from('to be purged'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const attached = await t.admin.request('POST', `/api/v1/customers/${now.id}/attachments`, {
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(attached.statusCode).toBe(201);
    const { storageKey } = await t.database.db
      .selectFrom('attachments')
      .select('storageKey')
      .where('id', '=', attached.json().id)
      .executeTakeFirstOrThrow();
    const stored = path.join(t.dataDir, 'files', storageKey);
    expect(existsSync(stored)).toBe(true);
    await t.admin.delete(`/api/v1/customers/${now.id}`);
    expect((await t.admin.delete(`/api/v1/recycle-bin/customers/${now.id}`)).statusCode).toBe(204);
    expect(
      await t.database.db.selectFrom('customers').select('id').where('id', '=', now.id).executeTakeFirst(),
    ).toBeUndefined();
    expect((await t.admin.get('/api/v1/customers', { q: now.code })).json().total).toBe(0);
    expect(existsSync(stored)).toBe(false);
    expect(
      await t.database.db
        .selectFrom('attachments')
        .select('id')
        .where('id', '=', attached.json().id)
        .executeTakeFirst(),
    ).toBeUndefined();

    const old = await createCustomer(t.admin);
    await t.admin.delete(`/api/v1/customers/${old.id}`);
    await t.database.db
      .updateTable('customers')
      .set({ deletedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() })
      .where('id', '=', old.id)
      .execute();
    const purged = await purgeExpired(context());
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(
      await t.database.db.selectFrom('customers').select('id').where('id', '=', old.id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('keeps a customer that business records point at, and purges a contact named on tickets and the portal', async () => {
    const customer = await createCustomer(t.admin);
    const contact = (
      await t.admin.post('/api/v1/contacts', {
        customerId: customer.id,
        name: '门户联系人',
        email: 'purge@customer.example',
      })
    ).json();
    await t.admin.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, {});
    const ticket = (
      await t.admin.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        contactId: contact.id,
        subject: '清除测试',
      })
    ).json();
    const followup = await t.admin.post('/api/v1/followups', {
      customerId: customer.id,
      contactId: contact.id,
      type: 'visit',
      occurredAt: new Date().toISOString(),
      content: '电话沟通',
    });
    expect(followup.statusCode).toBe(201);

    await t.admin.delete(`/api/v1/contacts/${contact.id}`);
    expect((await t.admin.delete(`/api/v1/recycle-bin/contacts/${contact.id}`)).statusCode).toBe(204);
    expect((await t.admin.get(`/api/v1/tickets/${ticket.id}`)).json()).toMatchObject({
      customerId: customer.id,
      contactId: null,
    });
    expect(
      await t.database.db
        .selectFrom('portalAccounts')
        .select('id')
        .where('contactId', '=', contact.id)
        .executeTakeFirst(),
    ).toBeUndefined();
    expect((await t.admin.get(`/api/v1/followups/${followup.json().id}`)).json().contactId).toBeNull();

    await t.admin.delete(`/api/v1/customers/${customer.id}`);
    const refused = await t.admin.delete(`/api/v1/recycle-bin/customers/${customer.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    await t.database.db
      .updateTable('customers')
      .set({ deletedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() })
      .where('id', '=', customer.id)
      .execute();
    await purgeExpired(context());
    expect(
      await t.database.db.selectFrom('customers').select('id').where('id', '=', customer.id).executeTakeFirst(),
    ).toBeDefined();

    // Kept customers do not hold back the expired ones after them.
    const later = await createCustomer(t.admin);
    await t.admin.delete(`/api/v1/customers/${later.id}`);
    await t.database.db
      .updateTable('customers')
      .set({ deletedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() })
      .where('id', '=', later.id)
      .execute();
    await purgeExpired(context(), { batchSize: 1 });
    expect(
      await t.database.db.selectFrom('customers').select('id').where('id', '=', later.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await t.database.db.selectFrom('customers').select('id').where('id', '=', customer.id).executeTakeFirst(),
    ).toBeDefined();

    // Without the ticket, the customer and its history go.
    await t.admin.delete(`/api/v1/tickets/${ticket.id}`);
    await t.database.db.deleteFrom('tickets').where('id', '=', ticket.id).execute();
    expect((await t.admin.delete(`/api/v1/recycle-bin/customers/${customer.id}`)).statusCode).toBe(204);
    expect(
      await t.database.db.selectFrom('followups').select('id').where('customerId', '=', customer.id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('knows what purging does with every column that points at a customer or a contact', async () => {
    const references = async (table: 'customers' | 'contacts') =>
      dialect === 'sqlite'
        ? (
            await sql<{
              ref: string;
            }>`select m.name || '.' || f."from" as ref from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table' and f."table" = ${table}`.execute(
              t.database.db,
            )
          ).rows
        : (
            await sql<{
              ref: string;
            }>`select c.conrelid::regclass::text || '.' || a.attname as ref from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey) where c.contype = 'f' and c.confrelid = ${table}::regclass`.execute(
              t.database.db,
            )
          ).rows;
    for (const table of ['customers', 'contacts'] as const) {
      const columns = (await references(table)).map((r) => r.ref.replaceAll('"', ''));
      expect(columns.length).toBeGreaterThan(5);
      expect(columns.sort()).toEqual(Object.keys(purgeHandling[table]).sort());
    }
  });
});
