import { bulkEditLimit } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCustomerBatch, type NewCustomer } from '../src/modules/customers/index.ts';
import { systemActor } from '../src/platform/actor.ts';
import { createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer, createLead, createUserClient, unique, userPassword } from './factories.ts';

type Id = { id: number };

describe.each(testDialects)('bulk edit on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    // New tickets wait for someone to take them: which agent routing would pick is not what these tests are about.
    expect((await t.admin.patch('/api/v1/settings', { ticketRouting: 'manual' })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  /** A user with a role of these permissions, scopes and field rules, signed in. */
  async function userWithRole(role: Record<string, unknown>) {
    const created = await t.admin.post('/api/v1/roles', { name: unique('角色'), ...role });
    expect(created.statusCode).toBe(201);
    const username = unique('bulk');
    const user = await t.admin.post('/api/v1/users', {
      username,
      displayName: username,
      password: userPassword,
      departmentId: (await t.admin.get('/api/v1/departments')).json()[0].id,
      roleIds: [created.json().id],
      locale: 'en',
    });
    expect(user.statusCode).toBe(201);
    return t.login(username, userPassword);
  }

  async function insertCustomers(count: number, owner: { id: number; departmentId: number | null }) {
    const items: NewCustomer[] = Array.from({ length: count }, (_, i) => ({ name: unique(`批量客户${i}`), owner }));
    return t.database.db.transaction().execute((trx) => insertCustomerBatch({ db: trx, dialect }, systemActor, items));
  }

  const auditCount = (entity: string, action: string, ids: number[]) =>
    t.database.db
      .selectFrom('auditLogs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity', '=', entity)
      .where('action', '=', action)
      .where('entityId', 'in', ids)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));

  it('changes a rep’s customers beyond a page, skips others’ without naming them, and audits each one', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const repUser = await t.database.db
      .selectFrom('users')
      .select(['id', 'departmentId'])
      .where('id', '=', rep.userId)
      .executeTakeFirstOrThrow();
    const mine = await insertCustomers(230, repUser);
    const others = await insertCustomers(20, { id: t.admin.userId, departmentId: null });
    const response = await rep.post('/api/v1/customers/bulk/update', {
      ids: [...others, ...mine, 99_999_999, mine[0]],
      changes: { level: 'A', industry: 'finance' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ affected: 230, skipped: 21, rejected: [] });

    const levels = await t.database.db
      .selectFrom('customers')
      .select(['id', 'level', 'industry', 'updatedBy'])
      .where('id', 'in', [...mine, ...others])
      .execute();
    const changed = levels.filter((c) => c.level === 'A' && c.industry === 'finance').map((c) => c.id);
    expect(changed.sort((a, b) => a - b)).toEqual([...mine].sort((a, b) => a - b));
    expect(levels.filter((c) => mine.includes(c.id)).every((c) => c.updatedBy === rep.userId)).toBe(true);
    expect(await auditCount('customers', 'update', mine)).toBe(230);
    expect(await auditCount('customers', 'update', others)).toBe(0);
    const audit = (await t.admin.get('/api/v1/audit-logs', { entity: 'customers', entityId: mine[5] })).json();
    expect(audit.items[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'level', old: null, new: 'A' },
        { field: 'industry', old: null, new: 'finance' },
      ]),
    );
  });

  it('refuses more ids than the limit, no change, unknown fields and unknown options for the whole request', async () => {
    const a = await createCustomer(t.admin, { level: 'B' });
    const tooMany = Array.from({ length: bulkEditLimit + 1 }, (_, i) => i + 1);
    const limited = await t.admin.post('/api/v1/customers/bulk/update', { ids: tooMany, changes: { level: 'A' } });
    expect(limited.statusCode).toBe(400);
    expect(limited.json().error.fields.ids).toMatch(String(bulkEditLimit));
    const atLimit = tooMany.slice(1).map((i) => 90_000_000 + i);
    const full = await t.admin.post('/api/v1/customers/bulk/update', { ids: atLimit, changes: { level: 'A' } });
    expect(full.json()).toEqual({ affected: 0, skipped: bulkEditLimit, rejected: [] });
    const empty = await t.admin.post('/api/v1/customers/bulk/update', { ids: [a.id], changes: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toHaveProperty('changes');
    const unknown = await t.admin.post('/api/v1/customers/bulk/update', { ids: [a.id], changes: { name: 'x' } });
    expect(unknown.statusCode).toBe(400);
    const option = await t.admin.post('/api/v1/customers/bulk/update', { ids: [a.id], changes: { level: 'Z9' } });
    expect(option.statusCode).toBe(400);
    expect(option.json().error.fields).toHaveProperty('level');
    expect((await t.admin.get(`/api/v1/customers/${a.id}`)).json().level).toBe('B');
  });

  it('refuses a field the caller may only read, as the single edit does, and a caller without the edit permission', async () => {
    const limited = await userWithRole({
      permissions: ['customers.view', 'customers.edit'],
      dataScopes: { customers: 'all' },
      fieldRules: { 'customers.level': 'readonly' },
    });
    const a = await createCustomer(t.admin, { level: 'B', stage: 'prospect' });
    const single = await limited.patch(`/api/v1/customers/${a.id}`, { level: 'A' });
    const bulk = await limited.post('/api/v1/customers/bulk/update', { ids: [a.id], changes: { level: 'A' } });
    expect(bulk.statusCode).toBe(single.statusCode);
    expect(bulk.json().error.fields.level).toBe('You may not change this field');
    expect((await t.admin.get(`/api/v1/customers/${a.id}`)).json().level).toBe('B');
    const allowed = await limited.post('/api/v1/customers/bulk/update', { ids: [a.id], changes: { stage: 'deal' } });
    expect(allowed.json()).toMatchObject({ affected: 1, skipped: 0 });
    const viewer = await createUserClient(t, 'readonly');
    expect(
      (await viewer.post('/api/v1/customers/bulk/update', { ids: [a.id], changes: { stage: 'lost' } })).statusCode,
    ).toBe(403);
  });

  it('skips a converted lead with the reason and changes the rest of the rep’s leads', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const leads: Id[] = [await createLead(rep), await createLead(rep), await createLead(rep)];
    const converted = leads[2].id;
    await t.database.db.updateTable('leads').set({ status: 'converted' }).where('id', '=', converted).execute();
    const others = await createLead(t.admin);
    const response = await rep.post('/api/v1/leads/bulk/update', {
      ids: [...leads.map((l) => l.id), others.id],
      changes: { status: 'contacting', source: 'referral' },
    });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ affected: 2, skipped: 2 });
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].id).toBe(converted);
    expect(result.rejected[0].reason).toMatch(/convert/i);
    const after = await Promise.all(leads.map(async (l) => (await rep.get(`/api/v1/leads/${l.id}`)).json()));
    expect(after.map((l) => [l.status, l.source])).toEqual([
      ['contacting', 'referral'],
      ['contacting', 'referral'],
      ['converted', null],
    ]);
    expect((await t.admin.get(`/api/v1/leads/${others.id}`)).json().status).toBe('new');
    expect(await auditCount('leads', 'update', [leads[0].id, leads[1].id])).toBe(2);
    expect(await auditCount('leads', 'update', [converted])).toBe(0);
    // Handing leads to a colleague needs leads.assign, as for one lead.
    const colleague = await createUserClient(t, 'sales_rep');
    const handed = await rep.post('/api/v1/leads/bulk/update', {
      ids: [leads[0].id],
      changes: { ownerId: colleague.userId },
    });
    expect(handed.statusCode).toBe(403);
  });

  it('moves opportunities to a stage by its rules and history, skipping those it does not allow', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep);
    const mine: Id[] = [];
    for (const name of ['甲', '乙'])
      mine.push((await rep.post('/api/v1/opportunities', { name: `商机${name}`, customerId: customer.id })).json());
    const theirs = (
      await t.admin.post('/api/v1/opportunities', {
        name: '别人的商机',
        customerId: (await createCustomer(t.admin)).id,
      })
    ).json();
    const pipelines = (await rep.get('/api/v1/pipelines')).json() as Array<{
      isDefault: boolean;
      stages: Array<{ id: number; kind: string; requiredFields: string[] }>;
    }>;
    const stages = pipelines.find((p) => p.isDefault)!.stages;
    const lost = stages.find((s) => s.kind === 'lost')!;
    const ids = [...mine.map((o) => o.id), theirs.id];
    const refused = (
      await rep.post('/api/v1/opportunities/bulk/update', { ids, changes: { stageId: lost.id } })
    ).json();
    expect(refused).toMatchObject({ affected: 0, skipped: 3 });
    expect(refused.rejected.map((r: Id) => r.id)).toEqual(mine.map((o) => o.id));
    const open = stages.filter((s) => s.kind === 'open' && !s.requiredFields.length)[1];
    const moved = (await rep.post('/api/v1/opportunities/bulk/update', { ids, changes: { stageId: open.id } })).json();
    expect(moved).toEqual({ affected: 2, skipped: 1, rejected: [] });
    for (const o of mine) {
      const detail = (await rep.get(`/api/v1/opportunities/${o.id}`)).json();
      expect(detail.stageId).toBe(open.id);
      expect(detail.stageHistory).toHaveLength(2);
    }
    expect((await t.admin.get(`/api/v1/opportunities/${theirs.id}`)).json().stageId).not.toBe(open.id);
    expect(
      await auditCount(
        'opportunities',
        'stage_change',
        mine.map((o) => o.id),
      ),
    ).toBe(2);
  });

  it('assigns tickets, moves them by the single ticket’s transitions and skips those a transition does not allow', async () => {
    const agent = await createUserClient(t, 'service_agent');
    const customer = await createCustomer(t.admin);
    const tickets: Id[] = [];
    for (let i = 0; i < 4; i++)
      tickets.push(
        (
          await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: `故障${i}` })
        ).json(),
      );
    const ids = tickets.map((x) => x.id);
    const ticket = async (id: number) => (await t.admin.get(`/api/v1/tickets/${id}`)).json();

    const assigned = await t.admin.post('/api/v1/tickets/bulk/update', {
      ids: [...ids, 99_999_999],
      changes: { assigneeId: agent.userId },
    });
    expect(assigned.json()).toEqual({ affected: 4, skipped: 1, rejected: [] });
    for (const id of ids) expect(await ticket(id)).toMatchObject({ assigneeId: agent.userId, status: 'assigned' });
    expect(await auditCount('tickets', 'assign', ids)).toBeGreaterThanOrEqual(4);

    // "Closed" is reached only from resolved: no ticket moves, each is named with the reason.
    const closed = (await agent.post('/api/v1/tickets/bulk/update', { ids, changes: { status: 'closed' } })).json();
    expect(closed).toMatchObject({ affected: 0, skipped: 4 });
    expect(closed.rejected.map((r: Id) => r.id)).toEqual(ids);
    expect(closed.rejected[0].reason).toMatch(/cannot/);

    const started = await agent.post('/api/v1/tickets/bulk/update', {
      ids: ids.slice(0, 2),
      changes: { status: 'in_progress', priority: 'urgent' },
    });
    expect(started.json()).toEqual({ affected: 2, skipped: 0, rejected: [] });
    expect(await ticket(ids[0])).toMatchObject({ status: 'in_progress', priority: 'urgent' });

    // Resolving needs a resolution: the ticket that has one is resolved, the other is skipped.
    await agent.patch(`/api/v1/tickets/${ids[0]}`, { resolution: '更换滚轮' });
    const resolved = (
      await agent.post('/api/v1/tickets/bulk/update', { ids: ids.slice(0, 2), changes: { status: 'resolved' } })
    ).json();
    expect(resolved).toMatchObject({ affected: 1, skipped: 1 });
    expect(resolved.rejected.map((r: Id) => r.id)).toEqual([ids[1]]);
    expect(['resolved', 'callback']).toContain((await ticket(ids[0])).status);

    // A ticket refused halfway keeps nothing of the edit: its priority stays as it was.
    const mixed = (
      await agent.post('/api/v1/tickets/bulk/update', { ids: [ids[1]], changes: { priority: 'low', status: 'closed' } })
    ).json();
    expect(mixed).toMatchObject({ affected: 0, skipped: 1 });
    expect(await ticket(ids[1])).toMatchObject({ status: 'in_progress', priority: 'urgent' });
  });

  it('keeps a ticket bulk edit to the caller’s scope and their right to assign', async () => {
    const ownOnly = await userWithRole({
      permissions: ['tickets.view', 'tickets.edit', 'customers.view'],
      dataScopes: { tickets: 'own', customers: 'all' },
    });
    const customer = await createCustomer(t.admin);
    const open = async () =>
      (
        await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: unique('工单') })
      ).json().id as number;
    const [mine, theirs] = [await open(), await open()];
    await t.admin.post('/api/v1/tickets/bulk/update', { ids: [mine], changes: { assigneeId: ownOnly.userId } });
    const response = await ownOnly.post('/api/v1/tickets/bulk/update', {
      ids: [mine, theirs],
      changes: { priority: 'high' },
    });
    expect(response.json()).toEqual({ affected: 1, skipped: 1, rejected: [] });
    expect((await t.admin.get(`/api/v1/tickets/${theirs}`)).json().priority).not.toBe('high');
    const agent = await createUserClient(t, 'service_agent');
    const assign = await ownOnly.post('/api/v1/tickets/bulk/update', {
      ids: [mine],
      changes: { assigneeId: agent.userId },
    });
    expect(assign.statusCode).toBe(403);
    const rep = await createUserClient(t, 'sales_rep');
    expect(
      (await rep.post('/api/v1/tickets/bulk/update', { ids: [mine], changes: { priority: 'low' } })).statusCode,
    ).toBe(403);
  });

  it('lets other requests through while a long bulk edit runs, each record saved whole on its own', async () => {
    const customer = await createCustomer(t.admin);
    const ids: number[] = [];
    for (let i = 0; i < 200; i++)
      ids.push(
        (await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: `排队${i}` })).json()
          .id,
      );
    const finished: string[] = [];
    const bulk = t.admin
      .post('/api/v1/tickets/bulk/update', { ids, changes: { priority: 'high' } })
      .then((response) => (finished.push('bulk'), response));
    // Once the first tickets are saved (one transaction holding the connection would show none before its end) …
    const firstSaved = () =>
      t.database.db
        .selectFrom('tickets')
        .select('id')
        .where('id', 'in', ids)
        .where('priority', '=', 'high')
        .executeTakeFirst();
    while (!(await firstSaved())) await new Promise((resolve) => setTimeout(resolve, 2));
    // … another user's list is served between two tickets, not after the last one.
    expect((await t.admin.get('/api/v1/customers', { pageSize: 5 })).statusCode).toBe(200);
    finished.push('list');
    expect((await bulk).json()).toMatchObject({ affected: 200, skipped: 0 });
    expect(finished).toEqual(['list', 'bulk']);
  });
});
