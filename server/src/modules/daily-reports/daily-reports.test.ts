import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createFollowup, createUserClient } from '../../../test/factories.ts';

// The company's time zone (Asia/Shanghai by default) decides which day "today" is.
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe.each(testDialects)('daily reports on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('drafts the report from the day’s follow-ups, tasks and opportunity moves, and shows it to the manager once submitted', async () => {
    const team = await createDepartment(t, '日报组');
    const manager = await createUserClient(t, 'sales_manager', team);
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep, { name: '日报客户' });
    await createFollowup(rep, { customerId: customer.id, content: '电话沟通报价' });
    const task = (await rep.post('/api/v1/tasks', { subject: '寄送样品', dueAt: new Date().toISOString() })).json();
    expect((await rep.patch(`/api/v1/tasks/${task.id}`, { status: 'done' })).statusCode).toBe(200);
    const [pipeline] = (await t.admin.get('/api/v1/pipelines')).json();
    const opportunity = (
      await rep.post('/api/v1/opportunities', {
        name: '日报商机',
        customerId: customer.id,
        stageId: pipeline.stages[0].id,
        amount: '1000',
      })
    ).json();
    expect(
      (await rep.patch(`/api/v1/opportunities/${opportunity.id}`, { stageId: pipeline.stages[1].id })).statusCode,
    ).toBe(200);

    const draft = (await rep.get(`/api/v1/daily-reports/mine/${today()}`)).json();
    expect(draft).toMatchObject({ id: null, status: 'draft', counts: { followups: 1, tasksDone: 1 } });
    expect(draft.counts.opportunitiesMoved).toBeGreaterThanOrEqual(1);
    expect(draft.summary).toContain('日报客户: 电话沟通报价');
    expect(draft.summary).toContain('寄送样品');

    const saved = await rep.put(`/api/v1/daily-reports/mine/${today()}`, {
      summary: '今天跟进了日报客户',
      plan: '明天上门',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'draft', plan: '明天上门' });
    // A draft is the writer's alone.
    expect((await manager.get('/api/v1/daily-reports', { departmentId: team })).json().total).toBe(0);
    expect((await manager.get(`/api/v1/daily-reports/${saved.json().id}`)).statusCode).toBe(404);

    const submitted = await rep.put(`/api/v1/daily-reports/mine/${today()}`, {
      summary: '今天跟进了日报客户',
      plan: '明天上门',
      submit: true,
    });
    expect(submitted.json()).toMatchObject({ status: 'submitted', counts: { followups: 1, tasksDone: 1 } });
    const list = (await manager.get('/api/v1/daily-reports', { departmentId: team })).json();
    expect(list.items.map((r: { ownerId: number }) => r.ownerId)).toEqual([rep.userId]);
    const read = (await manager.get(`/api/v1/daily-reports/${submitted.json().id}`)).json();
    expect(read.activity.followups[0]).toMatchObject({ customerName: '日报客户', content: '电话沟通报价' });

    // Submitted is final.
    const again = await rep.put(`/api/v1/daily-reports/mine/${today()}`, { summary: '改一下' });
    expect(again.statusCode).toBe(409);
  });

  it('counts every follow-up of the day, not just the 200 it lists', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '日报计数组'));
    const customer = await createCustomer(rep, { name: '日报计数客户' });
    const first = await createFollowup(rep, { customerId: customer.id, content: '第一次' });
    const { id: _, ...row } = await t.database.db
      .selectFrom('followups')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    const copies = Array.from({ length: 209 }, (_, i) => ({ ...row, content: `跟进 ${i}` }));
    for (let i = 0; i < copies.length; i += 100)
      await t.database.db
        .insertInto('followups')
        .values(copies.slice(i, i + 100) as never)
        .execute();
    const draft = (await rep.get(`/api/v1/daily-reports/mine/${today()}`)).json();
    expect(draft.counts.followups).toBe(210);
    expect(draft.activity.followups).toHaveLength(200);
    expect(draft.summary).toContain('210');
    const submitted = (
      await rep.put(`/api/v1/daily-reports/mine/${today()}`, { summary: '很多跟进', submit: true })
    ).json();
    expect(submitted.counts.followups).toBe(210);
  });

  it('keeps reports within the data scope and rejects bad input', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '甲组'));
    const other = await createUserClient(t, 'sales_rep', await createDepartment(t, '乙组'));
    const report = (await rep.put(`/api/v1/daily-reports/mine/${today()}`, { summary: '完成', submit: true })).json();
    expect((await other.get(`/api/v1/daily-reports/${report.id}`)).statusCode).toBe(404);
    expect(
      (await other.get('/api/v1/daily-reports')).json().items.some((r: { id: number }) => r.id === report.id),
    ).toBe(false);
    const empty = await rep.put('/api/v1/daily-reports/mine/2020-01-01', { summary: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.summary).toBeTruthy();
    expect((await rep.get('/api/v1/daily-reports/mine/2020-13-01')).statusCode).toBe(400);
    expect((await rep.get('/api/v1/daily-reports/mine/2999-01-01')).statusCode).toBe(400);
    const readonly = await createUserClient(t, 'readonly');
    expect((await readonly.put(`/api/v1/daily-reports/mine/${today()}`, { summary: 'x' })).statusCode).toBe(403);
  });
});
