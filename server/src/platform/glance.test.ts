import { CustomerInput } from '@relate/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../test/app.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testDialects } from '../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../test/factories.ts';
import { insertRows } from '../db/bulk-insert.ts';
import { nowIso } from '../db/time.ts';
import { insertCustomerBatch } from '../modules/customers/customers.bulk.ts';
import { glanceCountCap } from './list-query.ts';
import { searchDocument } from './search.ts';

type Listed = { items: Array<{ id: number; name: string }>; total: number; totalCapped?: boolean };

/**
 * A glance (`count=glance`, what the global search asks of each kind) over more matches than the
 * bigram index's candidate limits (5 000; 20 000 for one person's rows) and the glance's count cap
 * (100): the administrator's newest matches come from the index, a rep's and a manager's — whose
 * matches are the oldest of all, beyond the index's newest candidates — from all the candidates checked
 * against their own index, or from their own rows when the candidates are too many.
 */
describe.each(testDialects)('a glance at a searched list on %s', (dialect) => {
  let t: TestApp;
  let rep: Client & { userId: number };
  let manager: Client;
  let east: number;
  // More contacts than a narrow scope checks candidates of (20 000): a rep's are read from their own
  // rows. Fewer customers: a rep's candidates are all checked against their own index.
  const otherContacts = 20_100;
  const others = 5600;
  const mine = 30;

  const glance = async (client: Client, path: string, q: string): Promise<Listed> => {
    const response = await client.get(path, { q, count: 'glance', pageSize: 8 });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    east = await createDepartment(t, '一瞥东区');
    rep = (await createUserClient(t, 'sales_rep', east)) as Client & { userId: number };
    manager = await createUserClient(t, 'sales_manager', east);
    const customer = await createCustomer(t.admin, { name: '一瞥测试客户' });
    const now = nowIso();
    const contact = (name: string, ownerId: number, departmentId: number | null) => ({
      customerId: customer.id,
      name,
      gender: 'unknown',
      isPrimary: 0,
      ownerId,
      departmentId,
      searchText: searchDocument([name]).text,
      createdAt: now,
      updatedAt: now,
    });
    const newCustomer = (name: string, owner: { id: number; departmentId: number | null }) => ({
      ...CustomerInput.parse({ name }),
      owner,
    });
    const actor = { userId: t.admin.userId, username: 'admin', ip: null, userAgent: null };
    const repOwner = { id: rep.userId, departmentId: east };
    const adminOwner = { id: t.admin.userId, departmentId: null };
    // The rep's first, so that the newest candidates of the index are all somebody else's.
    await t.database.db.transaction().execute(async (trx) => {
      await insertRows(
        trx,
        'contacts',
        Array.from({ length: mine }, (_, i) => contact(`常见联系人甲${i}`, rep.userId, east)),
      );
      await insertRows(
        trx,
        'contacts',
        Array.from({ length: otherContacts }, (_, i) =>
          contact(`常见联系人${i}${i % 400 === 0 ? '罕见' : ''}`, t.admin.userId, null),
        ),
      );
      const ctx = { db: trx, dialect };
      await insertCustomerBatch(
        ctx,
        actor,
        Array.from({ length: mine }, (_, i) => newCustomer(`常见客户甲${i}`, repOwner)),
      );
      await insertCustomerBatch(
        ctx,
        actor,
        Array.from({ length: others }, (_, i) => newCustomer(`常见客户${i}`, adminOwner)),
      );
    });
    if (dialect === 'postgres') await sql`analyze contacts; analyze customers`.execute(t.database.db);
  });
  afterAll(async () => t?.close());

  it.each(['/api/v1/contacts', '/api/v1/customers'])(
    'of %s: the newest matches for the administrator, counted up to the cap',
    async (path) => {
      const fragment = path.endsWith('contacts') ? '常见联系' : '常见客户';
      const found = await glance(t.admin, path, fragment);
      expect(found).toMatchObject({ total: glanceCountCap, totalCapped: true });
      expect(found.items).toHaveLength(8);
      expect(found.items.every((r) => r.name.includes(fragment))).toBe(true);
      const ids = found.items.map((r) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      // The list itself still counts to its own cap.
      expect((await t.admin.get(path, { q: fragment })).json()).toMatchObject({ totalCapped: true });
      expect((await t.admin.get(path, { q: fragment })).json().total).toBeGreaterThan(glanceCountCap);
    },
  );

  it.each(['/api/v1/contacts', '/api/v1/customers'])(
    "of %s: a rep's and a manager's matches, the oldest of all, counted exactly",
    async (path) => {
      const fragment = path.endsWith('contacts') ? '常见联系' : '常见客户';
      for (const client of [rep, manager]) {
        const found = await glance(client, path, fragment);
        expect(found.total).toBe(mine);
        expect(found.totalCapped).toBeUndefined();
        expect(found.items).toHaveLength(8);
        expect(found.items.every((r) => r.name.includes('甲'))).toBe(true);
      }
    },
  );

  it("checks a rep's few candidates against the rep's own rows", async () => {
    for (const [path, fragment] of [
      ['/api/v1/contacts', '联系人甲'],
      ['/api/v1/customers', '客户甲'],
    ]) {
      const found = await glance(rep, path, fragment);
      expect(found.total).toBe(mine);
      expect(found.items).toHaveLength(8);
      const ids = found.items.map((r) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    }
  });

  it('counts a rarer fragment exactly, newest first', async () => {
    const found = await glance(t.admin, '/api/v1/contacts', '罕见');
    expect(found.total).toBe(Math.ceil(otherContacts / 400));
    expect(found.totalCapped).toBeUndefined();
    expect(found.items[0].name).toBe(`常见联系人${Math.floor((otherContacts - 1) / 400) * 400}罕见`);
    expect((await glance(rep, '/api/v1/contacts', '罕见')).total).toBe(0);
  });

  it('gives the global search the same figures', async () => {
    const groups = async (client: Client) =>
      (await client.get('/api/v1/search', { q: '常见', limit: 5 })).json().groups as Array<{
        type: string;
        total: number;
        totalCapped?: boolean;
        items: unknown[];
      }>;
    const ofAdmin = await groups(t.admin);
    for (const type of ['customers', 'contacts'])
      expect(ofAdmin.find((g) => g.type === type)).toMatchObject({ total: glanceCountCap, totalCapped: true });
    const ofRep = await groups(rep);
    for (const type of ['customers', 'contacts']) {
      const group = ofRep.find((g) => g.type === type);
      expect(group).toMatchObject({ total: mine });
      expect(group?.items).toHaveLength(5);
    }
  });
});
