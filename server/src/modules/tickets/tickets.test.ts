import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import type { AppContext } from '../../platform/context.ts';
import { businessMinutesBetween } from '../../platform/business-calendar.ts';
import { getSettings } from '../settings/index.ts';
import { routeTicket } from './routing.ts';
import { businessCalendar, slaSweep } from './sla.ts';

describe.each(testDialects)('service tickets on %s', (dialect) => {
  let t: TestApp;
  const ctxOf = (database: Database) =>
    ({ db: database.db, dialect: database.dialect, config: t.config }) as AppContext;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.admin.post('/api/v1/sla-policies', {
      name: '报修',
      ticketType: 'repair',
      firstResponseMinutes: 60,
      resolutionMinutes: 540,
    });
    // A fresh install's default policy, made the catch-all these tests expect.
    const [standard] = (await t.admin.get('/api/v1/sla-policies')).json();
    await t.admin.put(`/api/v1/sla-policies/${standard.id}`, {
      name: '默认',
      firstResponseMinutes: 240,
      resolutionMinutes: 2700,
    });
    await t.admin.post('/api/v1/sla-policies', {
      name: '重要客户报修',
      ticketType: 'repair',
      customerLevel: 'A',
      firstResponseMinutes: 30,
      resolutionMinutes: 240,
    });
  });
  afterAll(async () => t?.close());

  const team = async (name: string, agents: number) => {
    const teamId = await createDepartment(t, name);
    const members = [];
    for (let i = 0; i < agents; i++) members.push(await createUserClient(t, 'service_agent', teamId));
    return { teamId, members };
  };

  it('opens a ticket with deadlines from the most specific policy, on the business calendar', async () => {
    const agent = await createUserClient(t, 'service_agent');
    const customer = await createCustomer(t.admin, { name: '宁波热电有限公司', level: 'A' });
    const created = await agent.post('/api/v1/tickets', {
      type: 'repair',
      channel: 'phone',
      priority: 'high',
      customerId: customer.id,
      subject: '锅炉给水泵异响',
      description: '2 号泵运行时噪音明显',
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json();
    expect(ticket).toMatchObject({
      number: expect.stringMatching(/^T\d{6}-\d{5}$/),
      status: 'assigned',
      vip: true,
      customerName: '宁波热电有限公司',
      messages: [],
    });
    const calendar = await businessCalendar(t.database.db);
    const minutes = (due: string) => businessMinutesBetween(new Date(ticket.createdAt), new Date(due), calendar);
    expect(minutes(ticket.firstResponseDue)).toBe(30);
    expect(minutes(ticket.resolutionDue)).toBe(240);
    // No policy names consultations: the catch-all one applies.
    const plain = (
      await agent.post('/api/v1/tickets', { type: 'consultation', customerId: customer.id, subject: '咨询保养周期' })
    ).json();
    expect(businessMinutesBetween(new Date(plain.createdAt), new Date(plain.firstResponseDue), calendar)).toBe(240);

    // Bad input: an unknown type, nobody asking, another customer's contact.
    expect(
      (await agent.post('/api/v1/tickets', { type: 'nonsense', customerId: customer.id, subject: 'x' })).json().error
        .fields,
    ).toHaveProperty('type');
    expect((await agent.post('/api/v1/tickets', { type: 'other', subject: 'x' })).json().error.fields).toHaveProperty(
      'customerId',
    );
    const other = await createCustomer(t.admin);
    const stranger = (await t.admin.post('/api/v1/contacts', { name: '别人', customerId: other.id })).json();
    expect(
      (
        await agent.post('/api/v1/tickets', {
          type: 'other',
          customerId: customer.id,
          contactId: stranger.id,
          subject: 'x',
        })
      ).json().error.fields,
    ).toHaveProperty('contactId');
    // A web visitor without a customer record is fine when they say who they are.
    expect(
      (
        await agent.post('/api/v1/tickets', {
          type: 'suggestion',
          channel: 'web_form',
          requesterName: '访客',
          requesterEmail: 'visitor@example.com',
          subject: '建议增加夜间热线',
        })
      ).statusCode,
    ).toBe(201);
    const readonly = await createUserClient(t, 'readonly');
    expect(
      (await readonly.post('/api/v1/tickets', { type: 'other', customerId: customer.id, subject: 'x' })).statusCode,
    ).toBe(403);
  });

  it('routes tickets created at the same moment to the least busy agents of the team', async () => {
    const { teamId, members } = await team(unique('二线'), 3);
    const customer = await createCustomer(t.admin);
    // The first agent already has two open tickets.
    for (let i = 0; i < 2; i++)
      await t.admin.post('/api/v1/tickets', {
        type: 'other',
        customerId: customer.id,
        subject: `积压 ${i}`,
        assigneeId: members[0].userId,
        teamId,
      });
    const created = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: `并发 ${i}`, teamId }),
      ),
    );
    expect(created.every((r) => r.statusCode === 201)).toBe(true);
    const load = await Promise.all(
      members.map(async (m) => (await m.get('/api/v1/tickets', { queue: 'me', status: 'open' })).json().total),
    );
    // Nine tickets over three agents, two of them given in advance: three each.
    expect(load).toEqual([3, 3, 3]);
    expect(created.every((r) => r.json().status === 'assigned')).toBe(true);

    // Two routings whose transactions overlap: the second waits for the first and sees its ticket.
    const settings = await getSettings(t.database.db);
    const spare = await Promise.all(
      [0, 1].map(
        async (i) =>
          (
            await t.admin.post('/api/v1/tickets', { type: 'other', customerId: customer.id, subject: `待分配 ${i}` })
          ).json().id,
      ),
    );
    await t.database.db.updateTable('tickets').set({ ownerId: null }).where('id', 'in', spare).execute();
    const picks = await Promise.all(
      spare.map((ticketId) =>
        t.database.db.transaction().execute(async (trx) => {
          const picked = await routeTicket(trx, { teamId, vip: false }, settings);
          await trx.updateTable('tickets').set({ ownerId: picked }).where('id', '=', ticketId).execute();
          await new Promise((resolve) => setTimeout(resolve, 100));
          return picked;
        }),
      ),
    );
    expect(new Set(picks).size).toBe(2);
  });

  it('never routes a ticket to the administrator for holding every permission, only to those who work tickets', async () => {
    const agents = [await createUserClient(t, 'service_agent'), await createUserClient(t, 'service_agent')];
    const picks = await t.database.db.transaction().execute(async (trx) => {
      const picked: Array<number | null> = [];
      // In turn, every candidate comes up within as many picks as there are users.
      const users = Number(
        (
          await trx
            .selectFrom('users')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      for (let i = 0; i <= users; i++)
        picked.push(
          await routeTicket(trx, { teamId: null, vip: false }, { ticketRouting: 'round_robin', vipAgentIds: [] }),
        );
      return picked;
    });
    expect(picks).not.toContain(t.admin.userId);
    expect(picks).toEqual(expect.arrayContaining(agents.map((a) => a.userId)));
  });

  it('puts VIP tickets first in the queue and sends them to the VIP agents', async () => {
    const { teamId, members } = await team(unique('一线'), 2);
    const vipAgent = await createUserClient(t, 'service_agent');
    await t.admin.patch('/api/v1/settings', { vipAgentIds: [vipAgent.userId] });
    try {
      const regular = await createCustomer(t.admin, { level: 'C' });
      const key = await createCustomer(t.admin, { level: 'A' });
      const first = (
        await t.admin.post('/api/v1/tickets', {
          type: 'consultation',
          priority: 'urgent',
          customerId: regular.id,
          subject: '普通客户急件',
          teamId,
        })
      ).json();
      const vip = (
        await t.admin.post('/api/v1/tickets', {
          type: 'consultation',
          priority: 'low',
          customerId: key.id,
          subject: '重要客户咨询',
          teamId,
        })
      ).json();
      expect(vip).toMatchObject({ vip: true, assigneeId: vipAgent.userId });
      expect(members.map((m) => m.userId)).toContain(first.assigneeId);
      const queue = (await t.admin.get('/api/v1/tickets', { status: 'open', pageSize: 200 }))
        .json()
        .items.map((i: { id: number }) => i.id);
      expect(queue.indexOf(vip.id)).toBeLessThan(queue.indexOf(first.id));
    } finally {
      await t.admin.patch('/api/v1/settings', { vipAgentIds: [] });
    }
  });

  it('keeps one conversation: notes stay internal, the first reply is the first response, canned answers fill in the ticket', async () => {
    const agent = await createUserClient(t, 'service_agent');
    const customer = await createCustomer(t.admin, { name: '常州纺织机械厂' });
    const ticket = (
      await agent.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        subject: '织机断纱报警',
        assigneeId: agent.userId,
      })
    ).json();
    let detail = (
      await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'note', body: '先查传感器' })
    ).json();
    expect(detail).toMatchObject({ firstRespondedAt: null, status: 'assigned' });
    await t.admin.post('/api/v1/canned-answers', {
      title: '已受理',
      body: '{customer}您好，您的工单 {ticket}（{subject}）已受理，工程师 {agent} 将尽快联系您。',
      category: 'repair',
    });
    expect((await agent.post('/api/v1/canned-answers', { title: 'x', body: 'y' })).statusCode).toBe(403);
    const [answer] = (await agent.get('/api/v1/canned-answers', { q: '受理', ticketId: ticket.id })).json();
    expect(answer.body).toBe(
      `常州纺织机械厂您好，您的工单 ${ticket.number}（织机断纱报警）已受理，工程师 ${agent.username} 将尽快联系您。`,
    );
    detail = (await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'reply', body: answer.body })).json();
    expect(detail).toMatchObject({
      status: 'in_progress',
      firstRespondedAt: expect.any(String),
      firstResponseBreached: false,
    });
    expect(detail.messages.map((m: { kind: string }) => m.kind)).toEqual(['note', 'reply']);
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'reply', body: '' })).statusCode).toBe(
      400,
    );

    // Waiting for the customer stops the clock: resuming moves the deadline on by the working time waited.
    const paused = (await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'wait' })).json();
    expect(paused.status).toBe('waiting');
    const pausedAt = '2026-11-23T02:00:00.000Z'; // a Monday, 10:00 in Shanghai
    await t.database.db.updateTable('tickets').set({ pausedAt }).where('id', '=', ticket.id).execute();
    const resumed = (await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'resume' })).json();
    const calendar = await businessCalendar(t.database.db);
    const waited = businessMinutesBetween(new Date(pausedAt), new Date(resumed.updatedAt), calendar);
    expect(
      businessMinutesBetween(new Date(paused.resolutionDue), new Date(resumed.resolutionDue), calendar),
    ).toBeGreaterThanOrEqual(waited - 1);
    expect(resumed).toMatchObject({ status: 'in_progress', pausedAt: null });

    expect(
      (await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'resolve' })).json().error.fields,
    ).toHaveProperty('resolution');
    const resolved = (
      await agent.post(`/api/v1/tickets/${ticket.id}/transition`, {
        action: 'resolve',
        resolution: '更换断纱传感器',
        rootCause: '传感器老化',
      })
    ).json();
    // Resolved, the ticket waits for the callback to the customer.
    expect(resolved).toMatchObject({ status: 'callback', resolvedAt: expect.any(String), rootCause: '传感器老化' });
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'resume' })).statusCode).toBe(409);
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'close' })).json().status).toBe(
      'closed',
    );
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'note', body: 'late' })).statusCode).toBe(
      409,
    );
    expect(
      (
        await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'reopen', reason: '客户反馈再次报警' })
      ).json(),
    ).toMatchObject({ status: 'reopened', resolvedAt: null });
    const timeline = (await agent.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'change' })).json();
    expect(
      timeline.items.filter((e: { change: { entity: string } }) => e.change.entity === 'tickets').length,
    ).toBeGreaterThanOrEqual(5);
  });

  it('escalates a breached ticket exactly once per level, even with two instances sweeping at once', async () => {
    const { teamId, members } = await team(unique('服务三组'), 1);
    const lead = await createUserClient(t, 'service_agent', teamId);
    await t.admin.patch(`/api/v1/departments/${teamId}`, { managerId: lead.userId });
    const customer = await createCustomer(t.admin);
    const ticket = (
      await t.admin.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        subject: '超时工单',
        assigneeId: members[0].userId,
        teamId,
      })
    ).json();
    const past = new Date(Date.now() - 60_000).toISOString();
    await t.database.db.updateTable('tickets').set({ firstResponseDue: past }).where('id', '=', ticket.id).execute();
    // Two server instances share one Postgres; SQLite serves one process, whose sweeps run side by side.
    const second = dialect === 'postgres' ? openDatabase(t.databaseUrl) : t.database;
    try {
      await Promise.all([slaSweep(ctxOf(t.database)), slaSweep(ctxOf(second)), slaSweep(ctxOf(t.database))]);
      await slaSweep(ctxOf(second));
      const breaches = async (client: typeof lead) =>
        (await client.get('/api/v1/notifications'))
          .json()
          .items.filter(
            (n: { kind: string; entityId: number }) => n.kind === 'slaBreached' && n.entityId === ticket.id,
          );
      expect(await breaches(members[0])).toHaveLength(1);
      expect(await breaches(lead)).toHaveLength(0);
      expect((await t.admin.get(`/api/v1/tickets/${ticket.id}`)).json()).toMatchObject({
        firstResponseBreached: true,
        escalationLevel: 1,
      });

      await t.database.db.updateTable('tickets').set({ resolutionDue: past }).where('id', '=', ticket.id).execute();
      await Promise.all([slaSweep(ctxOf(t.database)), slaSweep(ctxOf(second))]);
      expect(await breaches(lead)).toHaveLength(1);
      expect((await t.admin.get(`/api/v1/tickets/${ticket.id}`)).json()).toMatchObject({
        resolutionBreached: true,
        escalationLevel: 2,
      });
      const counts = (await t.admin.get('/api/v1/tickets/counts')).json();
      expect(counts.breached).toBeGreaterThanOrEqual(1);
      expect(
        (await t.admin.get('/api/v1/tickets', { breached: 'true' })).json().items.map((i: { id: number }) => i.id),
      ).toContain(ticket.id);
    } finally {
      if (second !== t.database) await second.close();
    }
  });

  it('keeps tickets in scope, lets agents take them and only dispatchers give them, escalates complaints and merges duplicates', async () => {
    const { teamId, members } = await team(unique('投诉组'), 2);
    const manager = await createUserClient(t, 'service_agent', teamId);
    await t.admin.patch(`/api/v1/departments/${teamId}`, { managerId: manager.userId });
    const [agent, colleague] = members;
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep);
    const complaint = (
      await rep.post('/api/v1/tickets', {
        type: 'complaint',
        customerId: customer.id,
        subject: '安装延误投诉',
        severity: 'major',
        promised: '本周五前完成安装',
        teamId,
      })
    ).json();
    expect(complaint).toMatchObject({ severity: 'major', promised: '本周五前完成安装' });
    // The rep follows the ticket they opened though an agent owns it; other reps do not see it; only agents work on it.
    expect((await rep.get(`/api/v1/tickets/${complaint.id}`)).statusCode).toBe(200);
    expect((await (await createUserClient(t, 'sales_rep')).get(`/api/v1/tickets/${complaint.id}`)).statusCode).toBe(
      404,
    );
    expect((await rep.post(`/api/v1/tickets/${complaint.id}/messages`, { kind: 'note', body: 'x' })).statusCode).toBe(
      403,
    );

    expect(
      (await agent.post(`/api/v1/tickets/${complaint.id}/assign`, { assigneeId: agent.userId })).json().assigneeId,
    ).toBe(agent.userId);
    const salesManager = await createUserClient(t, 'sales_manager');
    expect(
      (await salesManager.post(`/api/v1/tickets/${complaint.id}/assign`, { assigneeId: colleague.userId })).statusCode,
    ).toBe(403);
    expect(
      (await t.admin.post(`/api/v1/tickets/${complaint.id}/assign`, { assigneeId: colleague.userId })).json()
        .assigneeId,
    ).toBe(colleague.userId);

    const escalated = (
      await colleague.post(`/api/v1/tickets/${complaint.id}/escalate`, { reason: '客户要求主管回电' })
    ).json();
    expect(escalated).toMatchObject({ escalatedTo: manager.userId });
    expect(escalated.messages.at(-1)).toMatchObject({ kind: 'note', body: '客户要求主管回电' });
    const inbox = (await manager.get('/api/v1/notifications')).json().items;
    expect(
      inbox.some(
        (n: { kind: string; entityId: number }) => n.kind === 'ticketEscalated' && n.entityId === complaint.id,
      ),
    ).toBe(true);

    const duplicate = (
      await t.admin.post('/api/v1/tickets', {
        type: 'complaint',
        customerId: customer.id,
        subject: '安装还没来',
        assigneeId: colleague.userId,
      })
    ).json();
    await colleague.post(`/api/v1/tickets/${duplicate.id}/messages`, { kind: 'note', body: '客户第二次来电' });
    expect((await colleague.post(`/api/v1/tickets/${duplicate.id}/merge`, { intoId: duplicate.id })).statusCode).toBe(
      400,
    );
    const merged = (await colleague.post(`/api/v1/tickets/${duplicate.id}/merge`, { intoId: complaint.id })).json();
    expect(merged.id).toBe(complaint.id);
    expect(merged.messages.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining(['客户第二次来电']));
    expect((await colleague.get(`/api/v1/tickets/${duplicate.id}`)).json()).toMatchObject({
      status: 'closed',
      mergedIntoId: complaint.id,
    });
  });

  it('calls the customer back: solved closes with the rating, not solved reopens; CSAT per agent, team and category', async () => {
    const { teamId, members } = await team(unique('回访组'), 2);
    const [alice, bob] = members;
    const customer = await createCustomer(t.admin);
    const resolvedBy = async (agent: typeof alice, category: string) => {
      const ticket = (
        await agent.post('/api/v1/tickets', {
          type: 'repair',
          category,
          customerId: customer.id,
          subject: unique('报修'),
          assigneeId: agent.userId,
          teamId,
        })
      ).json();
      return (
        await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'resolve', resolution: '已修复' })
      ).json();
    };
    const a1 = await resolvedBy(alice, 'repair');
    const a2 = await resolvedBy(alice, 'repair');
    const b1 = await resolvedBy(bob, 'installation');
    expect(a1.status).toBe('callback');
    expect(
      (await alice.get('/api/v1/tickets', { status: 'callback', queue: 'team' })).json().total,
    ).toBeGreaterThanOrEqual(3);

    expect((await alice.post(`/api/v1/tickets/${a1.id}/callback`, { solved: true, score: 6 })).statusCode).toBe(400);
    expect(
      (await alice.post(`/api/v1/tickets/${a1.id}/callback`, { solved: true, score: 5, comment: '很满意' })).json(),
    ).toMatchObject({ status: 'closed', satisfactionScore: 5, callbackSolved: true });
    expect((await alice.post(`/api/v1/tickets/${a1.id}/callback`, { solved: true, score: 5 })).statusCode).toBe(409);
    await alice.post(`/api/v1/tickets/${a2.id}/callback`, { solved: true, score: 3 });
    const reopened = (
      await alice.post(`/api/v1/tickets/${b1.id}/callback`, { solved: false, score: 2, comment: '设备又坏了' })
    ).json();
    expect(reopened).toMatchObject({ status: 'reopened', resolvedAt: null, callbackSolved: false });
    expect(reopened.messages.at(-1)).toMatchObject({ kind: 'note', body: '设备又坏了' });
    expect(
      (await bob.get('/api/v1/notifications'))
        .json()
        .items.some((n: { kind: string; entityId: number }) => n.kind === 'ticketReopened' && n.entityId === b1.id),
    ).toBe(true);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const byAgent = (
      await t.admin.get('/api/v1/tickets/satisfaction', { from: today, to: today, groupBy: 'agent' })
    ).json();
    const row = (id: number) => byAgent.rows.find((r: { key: string }) => r.key === String(id));
    expect(row(alice.userId)).toMatchObject({
      name: alice.username,
      responses: 2,
      average: '4.00',
      csat: '50.00',
      solvedRate: '100.00',
    });
    expect(row(bob.userId)).toMatchObject({ responses: 1, average: '2.00', csat: '0.00', solvedRate: '0.00' });
    const byCategory = (
      await t.admin.get('/api/v1/tickets/satisfaction', { from: today, to: today, groupBy: 'category' })
    ).json();
    expect(byCategory.rows.find((r: { key: string }) => r.key === 'installation')).toMatchObject({
      responses: 1,
      average: '2.00',
    });
    const byTeam = (
      await t.admin.get('/api/v1/tickets/satisfaction', { from: today, to: today, groupBy: 'team' })
    ).json();
    expect(byTeam.rows.find((r: { key: string }) => r.key === String(teamId))).toMatchObject({
      responses: 3,
      average: '3.33',
      csat: '33.33',
    });
    expect(
      (await t.admin.get('/api/v1/tickets/satisfaction', { from: today, to: today, groupBy: 'weather' })).statusCode,
    ).toBe(400);
  });
});
