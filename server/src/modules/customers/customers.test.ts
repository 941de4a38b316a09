import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { listCountCap } from '../../platform/list-query.ts';
import { insertCustomerBatch, type NewCustomer } from './index.ts';

describe.each(testDialects)('customers on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('creates a customer with a generated code, the creator as owner, and an audit row', async () => {
    const response = await t.admin.post('/api/v1/customers', {
      name: '深圳龙腾科技有限公司',
      level: 'A',
      stage: 'prospect',
      phone: '0755-86001234',
      email: 'Info@LongTeng.cn',
      tags: ['VIP', '华南'],
    });
    expect(response.statusCode).toBe(201);
    const customer = response.json();
    expect(customer).toMatchObject({
      name: '深圳龙腾科技有限公司',
      level: 'A',
      email: 'info@longteng.cn',
      ownerId: t.admin.userId,
      tags: ['VIP', '华南'],
    });
    expect(customer.code).toMatch(/^C\d{6}$/);
    const audit = await t.admin.get('/api/v1/audit-logs', { entity: 'customers', entityId: customer.id });
    expect(audit.json().items[0].action).toBe('create');
  });

  it('finds Chinese text by any two characters, and phone and email fragments', async () => {
    const name = `华东${unique('')}腾科贸易有限公司`;
    const created = await createCustomer(t.admin, { name, phone: '138-0013-8000', email: 'sales@example-trade.com' });
    for (const q of ['腾科', '科贸', '13800138', '0013', 'example-trade', created.code]) {
      const ids = (await t.admin.get('/api/v1/customers', { q })).json().items.map((c: { id: number }) => c.id);
      expect(ids, `query ${q}`).toContain(created.id);
    }
    const miss = (await t.admin.get('/api/v1/customers', { q: '腾讯' })).json().items.map((c: { id: number }) => c.id);
    expect(miss).not.toContain(created.id);
  });

  it('matches a query as written, across spaces and down to one letter', async () => {
    const marker = unique('').slice(-5);
    const blueFox = await createCustomer(t.admin, { name: `Blue Fox ${marker} Trading` });
    const foxBlue = await createCustomer(t.admin, { name: `Fox Blue ${marker} Ltd` });
    const found = async (q: string) =>
      (await t.admin.get('/api/v1/customers', { q, pageSize: 200 })).json().items.map((c: { id: number }) => c.id);
    expect(await found(`blue fox ${marker}`)).toEqual([blueFox.id]);
    expect(await found(`e F`)).toContain(blueFox.id);
    expect(await found(`e F`)).not.toContain(foxBlue.id);
    expect(await found(`${marker} L`)).toEqual([foxBlue.id]);
    expect(await found(`Fox${marker}`)).toEqual([]);
    expect(await found('X')).toEqual(expect.arrayContaining([blueFox.id, foxBlue.id]));
  });

  it('serves a fragment found in thousands of customers in sort order and counts it up to the cap', async () => {
    const marker = unique('').slice(-4);
    const items: NewCustomer[] = Array.from({ length: 5200 }, (_, i) => ({
      name: `泛${marker}客户${i}`,
      owner: { id: t.admin.userId, departmentId: null },
    }));
    await t.database.db.transaction().execute((trx) => insertCustomerBatch({ db: trx, dialect }, systemActor, items));
    const latest = await createCustomer(t.admin, { name: `泛${marker}最新客户` });

    const common = (await t.admin.get('/api/v1/customers', { q: `泛${marker}`, pageSize: 20 })).json();
    expect(common).toMatchObject({ total: 1000, totalCapped: true });
    expect(common.items).toHaveLength(20);
    expect(common.items[0].id).toBe(latest.id);
    expect(common.items.every((c: { name: string }) => c.name.includes(`泛${marker}`))).toBe(true);

    const rare = (await t.admin.get('/api/v1/customers', { q: `${marker}客户512` })).json();
    expect(rare.totalCapped).toBeUndefined();
    expect(rare.total).toBe(11);

    // The same common fragment as a manager and a rep of a team: only their own part of it, counted exactly.
    const team = await createDepartment(t, unique('泛组'));
    const manager = await createUserClient(t, 'sales_manager', team);
    const rep = await createUserClient(t, 'sales_rep', team);
    const repOwn = [
      await createCustomer(rep, { name: `泛${marker}团队客户甲` }),
      await createCustomer(rep, { name: `泛${marker}团队客户乙` }),
    ];
    for (const client of [manager, rep]) {
      const scoped = (await client.get('/api/v1/customers', { q: `泛${marker}` })).json();
      expect(scoped).toMatchObject({ total: 2 });
      expect(scoped.totalCapped).toBeUndefined();
      expect(scoped.items.map((c: { id: number }) => c.id)).toEqual([repOwn[1].id, repOwn[0].id]);
    }
  });

  it('counts a long list up to the cap, and exactly on demand; a rep searches their own customers exactly', async () => {
    const marker = unique('').slice(-4);
    const team = await createDepartment(t, unique('长组'));
    const rep = await createUserClient(t, 'sales_rep', team);
    const count = listCountCap + 37;
    const items: NewCustomer[] = Array.from({ length: count }, (_, i) => ({
      name: `长${marker}客户${i}`,
      owner: { id: rep.userId, departmentId: team },
    }));
    await t.database.db.transaction().execute((trx) => insertCustomerBatch({ db: trx, dialect }, systemActor, items));
    const rare = await createCustomer(rep, { name: `长${marker}独一家` });

    const list = (await rep.get('/api/v1/customers', { pageSize: 20 })).json();
    expect(list).toMatchObject({ total: listCountCap, totalCapped: true });
    expect(list.items[0].id).toBe(rare.id);
    const exact = (await rep.get('/api/v1/customers', { pageSize: 20, count: 'exact' })).json();
    expect(exact.total).toBe(count + 1);
    expect(exact.totalCapped).toBeUndefined();

    const common = (await rep.get('/api/v1/customers', { q: `长${marker}`, pageSize: 20 })).json();
    expect(common).toMatchObject({ total: listCountCap, totalCapped: true });
    expect(common.items[0].id).toBe(rare.id);
    expect((await rep.get('/api/v1/customers', { q: `长${marker}`, count: 'exact' })).json().total).toBe(count + 1);
    const few = (await rep.get('/api/v1/customers', { q: `${marker}客户999` })).json();
    expect(few.total).toBe(11);
    expect(few.totalCapped).toBeUndefined();
    expect((await rep.get('/api/v1/customers', { q: '独一家' })).json().items.map((c: { id: number }) => c.id)).toEqual(
      [rare.id],
    );
    // Below the cap every count is exact, whatever the database's size.
    expect(
      (await t.admin.get('/api/v1/customers', { q: `长${marker}`, ownerId: rep.userId, level: 'A' })).json(),
    ).toMatchObject({ total: 0, items: [] });
  });

  it('filters, sorts and pages on the server', async () => {
    const tag = unique('tag');
    for (const level of ['A', 'B', 'C']) await createCustomer(t.admin, { level, tags: [tag], name: `${tag}-${level}` });
    const page = (await t.admin.get('/api/v1/customers', { tags: tag, sort: 'name:asc', pageSize: 2, page: 1 })).json();
    expect(page.total).toBe(3);
    expect(page.items.map((c: { name: string }) => c.name)).toEqual([`${tag}-A`, `${tag}-B`]);
    const onlyB = (await t.admin.get('/api/v1/customers', { tags: tag, level: 'B' })).json();
    expect(onlyB.items.map((c: { name: string }) => c.name)).toEqual([`${tag}-B`]);
  });

  it('answers bad input with 400 and a message per field', async () => {
    const response = await t.admin.post('/api/v1/customers', {
      name: '',
      email: 'not-an-email',
      level: 'Z',
      phone: 'abc',
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(error.fields).sort()).toEqual(['email', 'name', 'phone']);
    const unknownLevel = await t.admin.post('/api/v1/customers', { name: 'X', level: 'Z' });
    // The administrator's own language (zh-CN) wins over the Accept-Language header.
    expect(unknownLevel.json().error.fields.level).toBe('未知选项“Z”');
    expect((await t.admin.get('/api/v1/customers', { pageSize: 500 })).statusCode).toBe(400);
    expect((await t.admin.get('/api/v1/customers', { sort: 'name;drop table' })).statusCode).toBe(400);
  });

  it('refuses a role without the function permission (403)', async () => {
    const reader = await createUserClient(t, 'readonly');
    expect((await reader.post('/api/v1/customers', { name: 'X' })).statusCode).toBe(403);
    expect((await reader.get('/api/v1/customers')).statusCode).toBe(200);
  });

  it("hides a colleague's customer from a sales rep (404)", async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const colleague = await createUserClient(t, 'sales_rep');
    const theirs = await createCustomer(colleague);
    expect((await rep.get(`/api/v1/customers/${theirs.id}`)).statusCode).toBe(404);
    expect((await rep.patch(`/api/v1/customers/${theirs.id}`, { name: 'mine now' })).statusCode).toBe(404);
    expect((await rep.delete(`/api/v1/customers/${theirs.id}`)).statusCode).toBe(404);
    expect((await rep.get('/api/v1/customers')).json().items.map((c: { id: number }) => c.id)).not.toContain(theirs.id);
  });

  it('records each changed field with old and new value', async () => {
    const customer = await createCustomer(t.admin, { level: 'C' });
    await t.admin.patch(`/api/v1/customers/${customer.id}`, { level: 'A', remark: 'called twice' });
    const timeline = (await t.admin.get(`/api/v1/customers/${customer.id}/timeline`)).json();
    expect(timeline.items[0].change.action).toBe('update');
    expect(timeline.items[0].change.changes).toEqual(
      expect.arrayContaining([
        { field: 'level', old: 'C', new: 'A' },
        { field: 'remark', old: null, new: 'called twice' },
      ]),
    );
  });

  it('shows possible duplicates by normalised name, phone or email', async () => {
    const base = unique('重复测试');
    const original = await createCustomer(t.admin, { name: `${base}有限公司`, phone: '+86 139 0000 1111' });
    const matches = (await t.admin.post('/api/v1/customers/duplicates', { name: ` ${base} ` })).json();
    expect(matches[0]).toMatchObject({ id: original.id, matchedOn: ['name'], visible: true });
    const byPhone = (await t.admin.post('/api/v1/customers/duplicates', { phone: '13900001111' })).json();
    expect(byPhone.map((m: { id: number }) => m.id)).toContain(original.id);
  });

  it('merges two customers: chosen fields, contacts and tags move, the source goes away', async () => {
    const target = await createCustomer(t.admin, { name: unique('合并目标'), tags: ['a'] });
    const source = await createCustomer(t.admin, {
      name: unique('合并来源'),
      website: 'https://source.example',
      tags: ['b'],
    });
    const contact = (await t.admin.post('/api/v1/contacts', { customerId: source.id, name: '王五' })).json();
    const merged = await t.admin.post(`/api/v1/customers/${target.id}/merge`, {
      sourceId: source.id,
      takeFromSource: ['website'],
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ name: target.name, website: 'https://source.example', tags: ['a', 'b'] });
    expect((await t.admin.get(`/api/v1/contacts/${contact.id}`)).json().customerId).toBe(target.id);
    expect((await t.admin.get(`/api/v1/customers/${source.id}`)).statusCode).toBe(404);
  });

  it('bulk assigns, tags and deletes only customers in scope', async () => {
    const manager = await createUserClient(t, 'sales_manager');
    const rep = await createUserClient(t, 'sales_rep');
    const a = await createCustomer(t.admin);
    const b = await createCustomer(t.admin);
    const assigned = await t.admin.post('/api/v1/customers/bulk/assign', { ids: [a.id, b.id], ownerId: rep.userId });
    expect(assigned.json()).toEqual({ affected: 2 });
    expect((await rep.get(`/api/v1/customers/${a.id}`)).statusCode).toBe(200);
    const tagged = await rep.post('/api/v1/customers/bulk/tags', { ids: [a.id], add: ['hot'] });
    expect(tagged.json()).toEqual({ affected: 1 });
    expect((await rep.get(`/api/v1/customers/${a.id}`)).json().tags).toEqual(['hot']);
    expect((await rep.post('/api/v1/customers/bulk/assign', { ids: [a.id], ownerId: manager.userId })).statusCode).toBe(
      403,
    );
    const deleted = await rep.post('/api/v1/customers/bulk/delete', { ids: [a.id, b.id, 999999] });
    expect(deleted.json()).toEqual({ affected: 2 });
  });

  it('soft-deletes into the recycle bin and restores with the contacts', async () => {
    const customer = await createCustomer(t.admin);
    const contact = (await t.admin.post('/api/v1/contacts', { customerId: customer.id, name: '李四' })).json();
    expect((await t.admin.delete(`/api/v1/customers/${customer.id}`)).statusCode).toBe(204);
    expect((await t.admin.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    const bin = (await t.admin.get('/api/v1/recycle-bin', { entity: 'customers' })).json();
    expect(bin.items.map((i: { id: number }) => i.id)).toContain(customer.id);
    expect((await t.admin.post(`/api/v1/recycle-bin/customers/${customer.id}/restore`)).statusCode).toBe(204);
    expect((await t.admin.get(`/api/v1/customers/${customer.id}`)).statusCode).toBe(200);
    expect((await t.admin.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(200);
  });

  it('removes hidden fields from replies and refuses writes to read-only ones', async () => {
    const role = await t.admin.post('/api/v1/roles', {
      name: unique('受限'),
      permissions: ['customers.view', 'customers.create', 'customers.edit', 'customers.export'],
      dataScopes: { customers: 'all' },
      fieldRules: { 'customers.phone': 'hidden', 'customers.email': 'readonly' },
    });
    expect(role.statusCode).toBe(201);
    const username = unique('limited');
    await t.admin.post('/api/v1/users', {
      username,
      displayName: username,
      password: 'Passw0rd1',
      departmentId: (await t.admin.get('/api/v1/departments')).json()[0].id,
      roleIds: [role.json().id],
      locale: 'en',
    });
    const limited = await t.login(username, 'Passw0rd1');
    const customer = await createCustomer(t.admin, { phone: '010-12345678', email: 'a@b.cn' });
    const seen = (await limited.get(`/api/v1/customers/${customer.id}`)).json();
    expect(seen).not.toHaveProperty('phone');
    expect(seen.email).toBe('a@b.cn');
    const edit = await limited.patch(`/api/v1/customers/${customer.id}`, { email: 'c@d.cn' });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.fields.email).toBe('You may not change this field');
    const exported = await limited.request('GET', '/api/v1/exports/customers', {
      query: { format: 'csv', q: customer.code },
    });
    expect(exported.body).toContain(customer.name);
    expect(exported.body).not.toContain('010-12345678');
    expect(exported.body).not.toMatch(/Phone/);
  });
});
