import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient } from '../../../test/factories.ts';

const names = (response: { json: () => unknown }) => (response.json() as Array<{ name: string }>).map((v) => v.name);

describe.each(testDialects)('saved views on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('keeps each user’s personal views to themselves', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const other = await createUserClient(t, 'sales_rep');
    const created = await rep.post('/api/v1/saved-filters', {
      entity: 'customers',
      name: 'A 级华东',
      query: { level: 'A', province: '上海市' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ shared: false, isDefault: false, columns: null, editable: true });
    expect((await rep.get('/api/v1/saved-filters', { entity: 'customers' })).json()).toEqual([
      expect.objectContaining({ name: 'A 级华东', query: { level: 'A', province: '上海市' }, createdBy: rep.userId }),
    ]);
    expect((await other.get('/api/v1/saved-filters')).json()).toEqual([]);
    expect((await other.patch(`/api/v1/saved-filters/${created.json().id}`, { name: '我的' })).statusCode).toBe(404);
    expect((await other.patch(`/api/v1/saved-filters/${created.json().id}`, { isDefault: true })).statusCode).toBe(404);
    expect((await other.delete(`/api/v1/saved-filters/${created.json().id}`)).statusCode).toBe(404);
    // Not even an administrator sees (or changes) someone's personal view.
    expect((await t.admin.patch(`/api/v1/saved-filters/${created.json().id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await rep.get('/api/v1/saved-filters', { entity: 'customers' })).json()[0].name).toBe('A 级华东');
    expect((await rep.delete(`/api/v1/saved-filters/${created.json().id}`)).statusCode).toBe(204);
    expect((await rep.get('/api/v1/saved-filters')).json()).toEqual([]);
  });

  it('keeps the columns, sort and density of a view, and unknown column keys without harm', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const created = await rep.post('/api/v1/saved-filters', {
      entity: 'tickets',
      name: '紧急',
      query: { priority: 'urgent' },
      columns: ['number', 'subject', 'noSuchColumn', 'subject'],
      sort: 'createdAt:desc',
      density: 'compact',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      entity: 'tickets',
      columns: ['number', 'subject', 'noSuchColumn'],
      sort: 'createdAt:desc',
      density: 'compact',
    });
    const id = created.json().id;
    const changed = await rep.patch(`/api/v1/saved-filters/${id}`, { columns: ['subject', 'number'], density: null });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: '紧急', columns: ['subject', 'number'], density: null });
    expect((await rep.patch(`/api/v1/saved-filters/${id}`, { columns: null })).json().columns).toBeNull();
  });

  it('shows a shared view to everyone who may open the list, and lets only its creator or a settings manager change it', async () => {
    const manager = await createUserClient(t, 'sales_manager');
    const rep = await createUserClient(t, 'sales_rep');
    const agent = await createUserClient(t, 'service_agent');
    const shared = await manager.post('/api/v1/saved-filters', {
      entity: 'leads',
      name: '本周新线索',
      query: { status: 'new' },
      shared: true,
    });
    expect(shared.statusCode).toBe(201);
    const id = shared.json().id;
    expect((await rep.get('/api/v1/saved-filters', { entity: 'leads' })).json()).toEqual([
      expect.objectContaining({ id, shared: true, editable: false, createdByName: manager.username }),
    ]);
    // A service agent may not open the leads list, so neither sees its views nor saves one.
    expect(names(await agent.get('/api/v1/saved-filters'))).not.toContain('本周新线索');
    expect((await agent.patch(`/api/v1/saved-filters/${id}`, { isDefault: true })).statusCode).toBe(404);
    expect((await agent.post('/api/v1/saved-filters', { entity: 'leads', name: 'x', query: {} })).statusCode).toBe(403);

    expect((await rep.patch(`/api/v1/saved-filters/${id}`, { name: '改名' })).statusCode).toBe(403);
    expect((await rep.delete(`/api/v1/saved-filters/${id}`)).statusCode).toBe(403);
    const byAdmin = await t.admin.patch(`/api/v1/saved-filters/${id}`, { name: '本周新线索（全员）' });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({ editable: true, createdBy: manager.userId });
    expect(names(await rep.get('/api/v1/saved-filters', { entity: 'leads' }))).toEqual(['本周新线索（全员）']);

    // Made personal again, it leaves the others' lists.
    expect((await manager.patch(`/api/v1/saved-filters/${id}`, { shared: false })).statusCode).toBe(200);
    expect((await rep.get('/api/v1/saved-filters', { entity: 'leads' })).json()).toEqual([]);
    expect((await manager.delete(`/api/v1/saved-filters/${id}`)).statusCode).toBe(204);
  });

  it('keeps one default view per user and list, each user’s own even on a shared view', async () => {
    const manager = await createUserClient(t, 'sales_manager');
    const rep = await createUserClient(t, 'sales_rep');
    const shared = (
      await manager.post('/api/v1/saved-filters', { entity: 'orders', name: '待发货', query: {}, shared: true })
    ).json();
    const mine = (
      await rep.post('/api/v1/saved-filters', { entity: 'orders', name: '我的订单', query: {}, isDefault: true })
    ).json();
    const defaults = async (client: typeof rep) =>
      (
        (await client.get('/api/v1/saved-filters', { entity: 'orders' })).json() as Array<{
          name: string;
          isDefault: boolean;
        }>
      )
        .filter((v) => v.isDefault)
        .map((v) => v.name);
    expect(mine.isDefault).toBe(true);
    expect(await defaults(rep)).toEqual(['我的订单']);

    // Someone who may not change a shared view may still make it their default; that changes no one else's.
    const chosen = await rep.patch(`/api/v1/saved-filters/${shared.id}`, { isDefault: true });
    expect(chosen.statusCode).toBe(200);
    expect(await defaults(rep)).toEqual(['待发货']);
    expect(await defaults(manager)).toEqual([]);

    expect((await rep.patch(`/api/v1/saved-filters/${shared.id}`, { isDefault: false })).statusCode).toBe(200);
    expect(await defaults(rep)).toEqual([]);

    // A deleted view is no one's default any more.
    await manager.patch(`/api/v1/saved-filters/${shared.id}`, { isDefault: true });
    await rep.patch(`/api/v1/saved-filters/${shared.id}`, { isDefault: true });
    expect((await manager.delete(`/api/v1/saved-filters/${shared.id}`)).statusCode).toBe(204);
    expect(await defaults(rep)).toEqual([]);
    expect(await defaults(manager)).toEqual([]);
  });

  it('validates input with a message per field', async () => {
    const response = await t.admin.post('/api/v1/saved-filters', { entity: 'planets', name: '' });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields).sort()).toEqual(['entity', 'name', 'query']);

    const blank = await t.admin.post('/api/v1/saved-filters', { entity: 'products', name: '   ', query: {} });
    expect(blank.statusCode).toBe(400);
    expect(Object.keys(blank.json().error.fields)).toEqual(['name']);

    const wrong = await t.admin.post('/api/v1/saved-filters', {
      entity: 'products',
      name: '在售',
      query: {},
      density: 'tiny',
      columns: 'name',
    });
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().error.fields).sort()).toEqual(['columns', 'density']);

    const first = await t.admin.post('/api/v1/saved-filters', { entity: 'products', name: '在售', query: {} });
    expect(first.statusCode).toBe(201);
    const twice = await t.admin.post('/api/v1/saved-filters', { entity: 'products', name: ' 在售 ', query: {} });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toEqual({ name: expect.any(String) });
    const renamed = await t.admin.post('/api/v1/saved-filters', { entity: 'products', name: '停售', query: {} });
    const clash = await t.admin.patch(`/api/v1/saved-filters/${renamed.json().id}`, { name: '在售' });
    expect(clash.statusCode).toBe(400);
    expect(Object.keys(clash.json().error.fields)).toEqual(['name']);
    // The same name on another list is another view.
    expect(
      (await t.admin.post('/api/v1/saved-filters', { entity: 'quotes', name: '在售', query: {} })).statusCode,
    ).toBe(201);
  });
});
