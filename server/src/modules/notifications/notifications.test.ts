import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createLead, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('notifications page on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('lists all, the unread, or some kinds, and marks them read one by one or all at once', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const due = new Date(Date.now() + 86_400_000).toISOString();
    for (const subject of ['回访客户', '准备报价']) {
      const task = await t.admin.post('/api/v1/tasks', { subject, dueAt: due, assigneeId: rep.userId });
      expect(task.statusCode, task.body).toBe(201);
    }
    const lead = await createLead(t.admin);
    await t.admin.post('/api/v1/leads/assign', { ids: [lead.id], method: 'manual', ownerId: rep.userId });

    const kinds = async (query: Record<string, string> = {}) =>
      (await rep.get('/api/v1/notifications', query)).json().items.map((n: { kind: string }) => n.kind);
    expect((await kinds()).sort()).toEqual(['leadsAssigned', 'taskAssigned', 'taskAssigned']);
    expect(await kinds({ kind: 'taskAssigned' })).toEqual(['taskAssigned', 'taskAssigned']);
    expect((await kinds({ kind: 'taskAssigned,leadsAssigned' })).length).toBe(3);
    expect((await rep.get('/api/v1/notifications', { kind: 'planets' })).statusCode).toBe(400);

    const [first] = (await rep.get('/api/v1/notifications', { kind: 'taskAssigned' })).json().items;
    expect((await rep.post(`/api/v1/notifications/${first.id}/read`)).statusCode).toBe(204);
    expect((await rep.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 2 });
    expect((await kinds({ unread: 'true' })).length).toBe(2);
    expect((await kinds({ unread: 'true', kind: 'leadsAssigned' })).length).toBe(1);
    await rep.post('/api/v1/notifications/read-all');
    expect(await kinds({ unread: 'true' })).toEqual([]);
    expect((await kinds()).length).toBe(3);
  });
});
