import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createFollowup, createUserClient } from '../../../test/factories.ts';
import { jobHandlers, recurringJobs } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';
import { runDueJobs } from '../../platform/jobs.ts';

describe.each(testDialects)('tasks and calendar on %s', (dialect) => {
  let t: TestApp;
  const runJobsAt = (when: Date) =>
    runDueJobs(
      { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext,
      jobHandlers,
      recurringJobs,
      'test',
      when,
    );
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('creates a task on a customer, reminds the assignee before it is due, once', async () => {
    const team = await createDepartment(t, '任务组');
    const manager = await createUserClient(t, 'sales_manager', team);
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep);
    const due = new Date(Date.now() + 2 * 3600_000);
    const created = await manager.post('/api/v1/tasks', {
      subject: '准备报价单',
      type: 'todo',
      priority: 'high',
      dueAt: due.toISOString(),
      assigneeId: rep.userId,
      relatedEntity: 'customers',
      relatedId: customer.id,
      remindMinutes: 30,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ assigneeId: rep.userId, relatedName: customer.name, status: 'open' });
    expect((await rep.get('/api/v1/notifications')).json().items.map((n: { kind: string }) => n.kind)).toEqual([
      'taskAssigned',
    ]);

    await runJobsAt(new Date(due.getTime() - 40 * 60_000));
    expect((await rep.get('/api/v1/notifications')).json().items).toHaveLength(1);
    await runJobsAt(new Date(due.getTime() - 29 * 60_000));
    await runJobsAt(new Date(due.getTime() - 20 * 60_000));
    const kinds = (await rep.get('/api/v1/notifications')).json().items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(['taskDue', 'taskAssigned']);

    const colleague = await createUserClient(t, 'sales_rep', team);
    expect((await colleague.get(`/api/v1/tasks/${created.json().id}`)).statusCode).toBe(404);
    expect(
      (await rep.post('/api/v1/tasks', { subject: 'x', dueAt: due.toISOString(), assigneeId: colleague.userId }))
        .statusCode,
    ).toBe(403);
  });

  it('rejects bad input and hidden related records', async () => {
    const bad = await t.admin.post('/api/v1/tasks', { subject: '', dueAt: 'tomorrow', priority: 'urgent' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['dueAt', 'priority', 'subject']);
    const rep = await createUserClient(t, 'sales_rep');
    const hidden = await createCustomer(t.admin);
    const response = await rep.post('/api/v1/tasks', {
      subject: 'x',
      dueAt: new Date().toISOString(),
      relatedEntity: 'customers',
      relatedId: hidden.id,
    });
    expect(response.json().error.fields).toHaveProperty('relatedId');
    expect(
      (await t.admin.post('/api/v1/tasks', { subject: 'x', dueAt: new Date().toISOString(), type: 'juggling' })).json()
        .error.fields,
    ).toHaveProperty('type');
  });

  it('creates the next occurrence when a weekly task is completed', async () => {
    const due = '2030-03-04T01:00:00.000Z';
    const task = (
      await t.admin.post('/api/v1/tasks', { subject: '周例会', type: 'meeting', dueAt: due, recurrence: 'weekly' })
    ).json();
    const done = (await t.admin.patch(`/api/v1/tasks/${task.id}`, { status: 'done' })).json();
    expect(done).toMatchObject({ status: 'done', completedAt: expect.any(String) });
    const open = (await t.admin.get('/api/v1/tasks', { status: 'open', q: '周例会' })).json().items;
    expect(open.map((x: { dueAt: string }) => x.dueAt)).toEqual(['2030-03-11T01:00:00.000Z']);
  });

  it('shows tasks, planned follow-ups and anniversaries on the calendar and moves a task by drag', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep, { name: '日历客户' });
    await rep.post('/api/v1/contacts', {
      customerId: customer.id,
      name: '周年联系人',
      anniversaries: [{ type: 'birthday', date: '1980-06-15' }],
    });
    await createFollowup(rep, {
      customerId: customer.id,
      nextFollowupAt: '2031-06-10T02:00:00.000Z',
      nextStep: '回访',
    });
    const task = (await rep.post('/api/v1/tasks', { subject: '发合同', dueAt: '2031-06-12T03:00:00.000Z' })).json();
    const events = (
      await rep.get('/api/v1/calendar', { from: '2031-06-01T00:00:00+08:00', to: '2031-07-01T00:00:00+08:00' })
    ).json();
    expect(
      events.map((e: { kind: string; title: string; start: string }) => [e.kind, e.title, e.start.slice(0, 10)]),
    ).toEqual([
      ['followup', '日历客户 · 回访', '2031-06-10'],
      ['task', '发合同', '2031-06-12'],
      ['anniversary', '周年联系人 · birthday', '2031-06-15'],
    ]);
    const moved = (await rep.patch(`/api/v1/tasks/${task.id}`, { dueAt: '2031-06-20T03:00:00.000Z' })).json();
    expect(moved.dueAt).toBe('2031-06-20T03:00:00.000Z');
    const other = await createUserClient(t, 'sales_rep');
    expect(
      (
        await other.get('/api/v1/calendar', {
          from: '2031-06-01T00:00:00Z',
          to: '2031-07-01T00:00:00Z',
          userId: rep.userId,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.admin.get('/api/v1/calendar', {
          from: '2031-06-01T00:00:00Z',
          to: '2031-07-01T00:00:00Z',
          userId: rep.userId,
        })
      ).json(),
    ).toHaveLength(3);
  });

  it('reminds the owner of a planned follow-up when its time comes', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep, { name: '提醒客户' });
    const at = new Date(Date.now() + 3600_000).toISOString();
    await createFollowup(rep, { customerId: customer.id, nextFollowupAt: at, nextStep: '确认合同' });
    await runJobsAt(new Date(Date.parse(at) + 1000));
    const inbox = (await rep.get('/api/v1/notifications')).json().items;
    expect(inbox).toMatchObject([
      {
        kind: 'followupDue',
        entity: 'customers',
        entityId: customer.id,
        params: { name: '提醒客户', nextStep: '确认合同' },
      },
    ]);
  });

  it('streams the unread count to the browser as server-sent events', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    try {
      const response = await fetch(`${address}/api/v1/notifications/stream`, {
        headers: { cookie: rep.cookie },
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      const { value } = await reader.read();
      expect(new TextDecoder().decode(value)).toContain('event: unread\ndata: {"unread":0}');
    } finally {
      controller.abort();
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/stream' })).statusCode).toBe(401);
  });
});
