import { builtinDashboards, type Dashboard, reportSourcePermissions } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, roleId } from '../../../test/factories.ts';
import { seedBuiltinDashboards } from './dashboards.service.ts';
import { up as keyCopiedWidgetTitles } from '../../db/migrations/0074-copied-widget-title-keys.ts';

/**
 * Dashboards: the built-in ones on a fresh install, whose every widget runs for whoever may report on
 * its source; dashboards of one's own, shared with a department or a role, changed by their owner alone.
 */
describe.each(testDialects)('dashboards on %s', (dialect) => {
  let t: TestApp;
  let east: number;
  let west: number;
  let owner: Client;
  let colleague: Client;
  let stranger: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    east = await createDepartment(t, '仪表盘东区');
    west = await createDepartment(t, '仪表盘西区');
    owner = await createUserClient(t, 'sales_rep', east);
    colleague = await createUserClient(t, 'sales_rep', east);
    stranger = await createUserClient(t, 'sales_rep', west);
    await createCustomer(owner, { name: '仪表盘客户', source: 'website' });
  });
  afterAll(async () => t?.close());

  const list = async (client: Client) => (await client.get('/api/v1/dashboards')).json() as Dashboard[];
  const widget = (key: string, x = 0) => ({
    key,
    title: `客户来源${key}`,
    definition: { source: 'customers', groupBy: [{ field: 'source' }], measures: [{ aggregate: 'count' }] },
    chart: 'pie',
    dateField: 'createdAt',
    layout: { x, y: 0, w: 6, h: 8 },
  });

  it('has the four built-in dashboards once, each widget running for those who may report on its source', async () => {
    await seedBuiltinDashboards(t.database.db);
    const builtins = (await list(t.admin)).filter((d) => d.builtin);
    expect(builtins.map((d) => d.builtin).sort()).toEqual([...builtinDashboards].sort());
    for (const dashboard of builtins) {
      expect(dashboard.widgets.length).toBeGreaterThanOrEqual(5);
      for (const w of dashboard.widgets) {
        const asAdmin = await t.admin.post('/api/v1/reports/run', w.definition);
        expect(asAdmin.statusCode, `${dashboard.builtin}.${w.key}: ${asAdmin.body}`).toBe(200);
        // A sales rep sees the dashboard; a widget of a source they may not report on is refused, not failed.
        const asRep = await owner.post('/api/v1/reports/run', w.definition);
        expect([200, 403], `${dashboard.builtin}.${w.key}: ${asRep.body}`).toContain(asRep.statusCode);
        if (asRep.statusCode === 403)
          expect(['tickets.view', 'workOrders.view', 'invoices.view']).toContain(
            reportSourcePermissions[w.definition!.source],
          );
      }
    }
    expect((await list(owner)).filter((d) => d.builtin)).toHaveLength(builtinDashboards.length);
    const executive = builtins.find((d) => d.builtin === 'executive')!;
    expect((await t.admin.patch(`/api/v1/dashboards/${executive.id}`, { name: '改名' })).statusCode).toBe(403);
    expect((await t.admin.delete(`/api/v1/dashboards/${executive.id}`)).statusCode).toBe(403);
  });

  it('keeps one’s own dashboard, shares it with a department, and lets only its owner change it', async () => {
    const created = await owner.post('/api/v1/dashboards', {
      name: '我的看板',
      widgets: [widget('a'), widget('b', 6)],
      period: 'thisYear',
      refreshMinutes: 5,
    });
    expect(created.statusCode, created.body).toBe(201);
    const dashboard = created.json() as Dashboard;
    expect(dashboard).toMatchObject({
      name: '我的看板',
      mine: true,
      builtin: null,
      period: 'thisYear',
      refreshMinutes: 5,
    });
    expect(dashboard.widgets.map((w) => w.key)).toEqual(['a', 'b']);
    // The built-in ones first, in their order, then one's own.
    expect((await list(owner)).map((d) => d.builtin ?? d.name)).toEqual([...builtinDashboards, '我的看板']);
    expect((await list(colleague)).map((d) => d.name)).not.toContain('我的看板');
    expect((await colleague.get(`/api/v1/dashboards/${dashboard.id}`)).statusCode).toBe(404);

    const shared = await owner.patch(`/api/v1/dashboards/${dashboard.id}`, { sharedWithDepartmentIds: [east] });
    expect(shared.statusCode, shared.body).toBe(200);
    expect((await list(colleague)).find((d) => d.id === dashboard.id)).toMatchObject({
      mine: false,
      widgets: [{}, {}],
    });
    expect((await list(stranger)).map((d) => d.id)).not.toContain(dashboard.id);
    expect((await colleague.patch(`/api/v1/dashboards/${dashboard.id}`, { name: '他的' })).statusCode).toBe(403);
    expect((await stranger.patch(`/api/v1/dashboards/${dashboard.id}`, { name: '他的' })).statusCode).toBe(404);

    const moved = await owner.patch(`/api/v1/dashboards/${dashboard.id}`, {
      widgets: [{ ...widget('b'), layout: { x: 0, y: 0, w: 12, h: 6 } }],
    });
    expect(moved.json().widgets).toEqual([expect.objectContaining({ key: 'b', layout: { x: 0, y: 0, w: 12, h: 6 } })]);
    expect(moved.json().sharedWithDepartmentIds).toEqual([east]);
    expect((await owner.delete(`/api/v1/dashboards/${dashboard.id}`)).statusCode).toBe(204);
    expect((await colleague.get(`/api/v1/dashboards/${dashboard.id}`)).statusCode).toBe(404);
  });

  it('keeps the title key of a widget copied from a built-in dashboard, and refuses one that is not a key', async () => {
    const created = await owner.post('/api/v1/dashboards', {
      name: '销售分析的副本',
      widgets: [{ ...widget('funnel'), title: 'Sales funnel', titleKey: 'funnel' }, widget('mine', 6)],
    });
    expect(created.statusCode, created.body).toBe(201);
    const copy = (await owner.get(`/api/v1/dashboards/${(created.json() as Dashboard).id}`)).json() as Dashboard;
    expect(copy.widgets.map((w) => [w.key, w.titleKey])).toEqual([
      ['funnel', 'funnel'],
      ['mine', null],
    ]);
    const refused = await owner.post('/api/v1/dashboards', {
      name: '坏的副本',
      widgets: [{ ...widget('x'), titleKey: 'dashboards.widgets.x' }],
    });
    expect(refused.statusCode).toBe(400);
  });

  it('gives a copy made before title keys its built-in titles back, and leaves titles its owner typed', async () => {
    const created = await owner.post('/api/v1/dashboards', {
      name: '早先的副本',
      widgets: [
        { ...widget('funnel'), title: 'Sales funnel' },
        { ...widget('backlog', 6), title: '未结工单（按状态）' },
        { ...widget('wonByOwner'), title: '我改过的标题' },
        widget('mine', 6),
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as Dashboard).id;
    const keys = async () =>
      ((await owner.get(`/api/v1/dashboards/${id}`)).json() as Dashboard).widgets.map((w) => [w.key, w.titleKey]);
    expect(await keys()).toEqual([
      ['funnel', null],
      ['backlog', null],
      ['wonByOwner', null],
      ['mine', null],
    ]);
    await keyCopiedWidgetTitles(t.database.db);
    expect(await keys()).toEqual([
      ['funnel', 'funnel'],
      ['backlog', 'backlog'],
      ['wonByOwner', null],
      ['mine', null],
    ]);
  });

  it('shows a dashboard shared with a department to the people of every department below it', async () => {
    const region = await createDepartment(t, '仪表盘华南区');
    const team = await createDepartment(t, '仪表盘深圳一组', await createDepartment(t, '仪表盘深圳分部', region));
    const deep = await createUserClient(t, 'sales_rep', team);
    const created = await owner.post('/api/v1/dashboards', {
      name: '共享给上级部门的看板',
      widgets: [widget('a')],
      sharedWithDepartmentIds: [region],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as Dashboard;
    expect((await list(deep)).map((d) => d.id)).toContain(id);
    expect((await deep.get(`/api/v1/dashboards/${id}`)).statusCode).toBe(200);
    expect((await stranger.get(`/api/v1/dashboards/${id}`)).statusCode).toBe(404);
  });

  it('shows a dashboard shared with a role to that role’s users in any department, and to no one else (404)', async () => {
    const managers = await roleId(t, 'sales_manager');
    const westManager = await createUserClient(t, 'sales_manager', west);
    const eastManager = await createUserClient(t, 'sales_manager', east);
    const created = await owner.post('/api/v1/dashboards', {
      name: '经理看板',
      widgets: [widget('a')],
      sharedWithRoleIds: [managers],
    });
    expect(created.statusCode, created.body).toBe(201);
    const dashboard = created.json() as Dashboard;
    expect(dashboard).toMatchObject({ sharedWithRoleIds: [managers], sharedWithDepartmentIds: [], homeOfRoleIds: [] });

    for (const manager of [westManager, eastManager]) {
      expect((await list(manager)).find((d) => d.id === dashboard.id)).toMatchObject({ mine: false, name: '经理看板' });
      const opened = await manager.get(`/api/v1/dashboards/${dashboard.id}`);
      expect(opened.statusCode, opened.body).toBe(200);
      expect(opened.json().widgets).toHaveLength(1);
      expect((await manager.patch(`/api/v1/dashboards/${dashboard.id}`, { name: '改' })).statusCode).toBe(403);
      expect((await manager.delete(`/api/v1/dashboards/${dashboard.id}`)).statusCode).toBe(403);
    }
    // A rep of the owner's own department, and the administrator, hold neither the role nor the dashboard.
    for (const other of [colleague, stranger, t.admin]) {
      expect((await list(other)).map((d) => d.id)).not.toContain(dashboard.id);
      expect((await other.get(`/api/v1/dashboards/${dashboard.id}`)).statusCode).toBe(404);
      expect((await other.patch(`/api/v1/dashboards/${dashboard.id}`, { name: '改' })).statusCode).toBe(404);
    }

    // Shared with the reps instead, the managers lose it.
    const moved = await owner.patch(`/api/v1/dashboards/${dashboard.id}`, {
      sharedWithRoleIds: [await roleId(t, 'sales_rep')],
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await eastManager.get(`/api/v1/dashboards/${dashboard.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/dashboards/${dashboard.id}`)).statusCode).toBe(200);
    const unknownRole = await owner.patch(`/api/v1/dashboards/${dashboard.id}`, { sharedWithRoleIds: [999_999] });
    expect(unknownRole.statusCode).toBe(400);
    expect(unknownRole.json().error.fields).toHaveProperty('sharedWithRoleIds');
  });

  it('refuses widgets it could not show, naming them', async () => {
    const refused = async (widgets: unknown[]) => {
      const response = await owner.post('/api/v1/dashboards', { name: '不行', widgets });
      expect(response.statusCode, response.body).toBe(400);
      return Object.keys(response.json().error.fields ?? {});
    };
    expect(await refused([widget('a'), widget('a')])).toEqual(['widgets']);
    expect(await refused([{ ...widget('a'), reportId: 1 }])).toEqual(['widgets.0.definition']);
    expect(await refused([{ ...widget('a'), definition: null, reportId: 999_999 }])).toEqual(['widgets.0.reportId']);
    expect(
      await refused([{ ...widget('a'), definition: { source: 'workOrders', measures: [{ aggregate: 'count' }] } }]),
    ).toEqual(['widgets.0.definition.source']);
    // A saved report the owner sees may be shown.
    const report = (
      await owner.post('/api/v1/reports', {
        name: '看板用报表',
        definition: { source: 'customers', measures: [{ aggregate: 'count' }] },
      })
    ).json();
    const ok = await owner.post('/api/v1/dashboards', {
      name: '有报表的看板',
      widgets: [{ ...widget('r'), definition: null, reportId: report.id }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
