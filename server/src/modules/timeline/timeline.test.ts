import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createFollowup, createUserClient } from '../../../test/factories.ts';

type Entry = {
  kind: string;
  at: string;
  followup?: { content: string };
  change?: { action: string; changes: Array<{ new: unknown }> | null };
};

describe.each(testDialects)('customer timeline on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('merges follow-ups and changes newest first and pages with a cursor', async () => {
    const customer = await createCustomer(t.admin);
    for (let i = 0; i < 3; i++) await t.admin.patch(`/api/v1/customers/${customer.id}`, { remark: `note ${i}` });
    await createFollowup(t.admin, {
      customerId: customer.id,
      content: 'visit last year',
      occurredAt: '2025-06-01T09:00:00+08:00',
    });
    await createFollowup(t.admin, {
      customerId: customer.id,
      content: 'call tomorrow',
      occurredAt: new Date(Date.now() + 86_400_000).toISOString(),
    });

    const first = (await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { limit: 3 })).json();
    expect(first.items.map((e: Entry) => e.followup?.content ?? e.change?.changes?.[0]?.new)).toEqual([
      'call tomorrow',
      'note 2',
      'note 1',
    ]);
    const seen: Entry[] = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { limit: 3, cursor })).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    const kinds = seen.map((e) => (e.kind === 'followup' ? e.followup!.content : e.change!.action));
    // Recording a follow-up changes no customer field by hand, so the rest is the first edit, the creation and the old visit.
    expect(kinds.slice(3)).toEqual(['update', 'create', 'visit last year']);
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());

    const onlyFollowups = (
      await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'followup' })
    ).json();
    expect(onlyFollowups.items.map((e: Entry) => e.followup!.content)).toEqual(['call tomorrow', 'visit last year']);
    expect(onlyFollowups.nextCursor).toBeNull();
  });

  it('shows the tasks about the customer, upcoming first', async () => {
    const customer = await createCustomer(t.admin);
    await createFollowup(t.admin, { customerId: customer.id, content: 'first call' });
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const task = (
      await t.admin.post('/api/v1/tasks', {
        subject: '寄合同',
        dueAt: due,
        relatedEntity: 'customers',
        relatedId: customer.id,
      })
    ).json();
    await t.admin.post('/api/v1/tasks', { subject: 'unrelated', dueAt: due });
    const page = (await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'task,followup' })).json();
    expect(
      page.items.map((e: Entry & { task?: { subject: string } }) => e.task?.subject ?? e.followup?.content),
    ).toEqual(['寄合同', 'first call']);
    expect(page.items[0]).toMatchObject({
      kind: 'task',
      id: task.id,
      at: new Date(due).toISOString(),
      task: { status: 'open' },
    });
  });

  it('names the record of each change and links to it, a deleted one by its name alone', async () => {
    const customer = await createCustomer(t.admin, { name: '时间线命名客户' });
    const ticket = (
      await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '打印机卡纸' })
    ).json();
    const contact = (await t.admin.post('/api/v1/contacts', { customerId: customer.id, name: '离职联系人' })).json();
    expect((await t.admin.delete(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);

    const page = (
      await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'change', limit: 100 })
    ).json();
    const records = new Map<string, Record<string, unknown>>(
      page.items.map((e: { change: { action: string; entity: string; record: Record<string, unknown> } }) => [
        `${e.change.action} ${e.change.entity}`,
        e.change.record,
      ]),
    );
    expect(records.get('create tickets')).toEqual({
      entity: 'tickets',
      id: ticket.id,
      number: ticket.number,
      title: '打印机卡纸',
      url: `/tickets/${ticket.id}`,
      deleted: false,
    });
    expect(ticket.number).toEqual(expect.any(String));
    expect(records.get('create customers')).toMatchObject({
      number: customer.code,
      title: '时间线命名客户',
      url: `/customers/${customer.id}`,
    });
    // The contact is deleted: it keeps its name but has no page any more.
    for (const action of ['create', 'delete'])
      expect(records.get(`${action} contacts`)).toEqual({
        entity: 'contacts',
        id: contact.id,
        number: null,
        title: '离职联系人',
        url: null,
        deleted: true,
      });
  });

  it("names only the records in the caller's data scope", async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep, { name: '范围内客户' });
    const order = (
      await t.admin.post('/api/v1/orders', {
        title: '管理员的订单',
        customerId: customer.id,
        lines: [{ name: '服务', quantity: '1', unitPrice: '100' }],
      })
    ).json();
    const orderRecord = async (client: typeof t.admin) =>
      (await client.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'change', limit: 100 }))
        .json()
        .items.find((e: { change: { entity: string } }) => e.change.entity === 'orders')?.change.record;
    expect(await orderRecord(t.admin)).toMatchObject({ id: order.id, number: order.number, title: '管理员的订单' });
    // The rep sees the customer's timeline, but the administrator's order is outside the rep's order scope.
    expect(await orderRecord(rep)).toBeNull();
  });

  it('refuses a malformed cursor or kind, and hides a customer outside the scope', async () => {
    const customer = await createCustomer(t.admin);
    const badCursor = await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { cursor: 'nonsense' });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.fields).toHaveProperty('cursor');
    expect((await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'gossip' })).statusCode).toBe(400);
    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get(`/api/v1/customers/${customer.id}/timeline`)).statusCode).toBe(404);
  });
});
