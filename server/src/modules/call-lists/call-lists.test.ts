import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, injectWithin, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';
import { signPayload } from '../cti/adapters/cloud.ts';

/**
 * Outbound call lists end to end through the API: built from the built-in sources in the builder's data scope
 * (do-not-call numbers left out), shared among agents, worked in the preview dialer with outcomes that
 * reschedule within calling hours or close the entry, and results that feed the records (an instalment's
 * note, a survey's results, the contact), then the call-center report.
 */

type User = Awaited<ReturnType<typeof createUserClient>>;

const shanghaiDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe.each(testDialects)('outbound call lists on %s', (dialect) => {
  let t: TestApp;
  let manager: User;
  let agentA: User;
  let agentB: User;
  let department: number;
  /** The dunning list's customers: name → { customer, order, mobile }. */
  const debtors: Record<string, { customerId: number; orderId: number; mobile: string | null }> = {};

  const entriesOf = async (client: Client, listId: number, query: Record<string, string | number> = {}) =>
    (await client.get(`/api/v1/call-lists/${listId}/entries`, { pageSize: 100, ...query })).json().items as Array<
      Record<string, any>
    >;

  /** A customer with a contact and an approved order whose one instalment is `daysOverdue` past due. */
  async function debtor(name: string, mobile: string | null, daysOverdue: number, amount = '1000') {
    const customer = await createCustomer(manager, { name: unique(name) });
    const contact = await manager.post('/api/v1/contacts', {
      customerId: customer.id,
      name: `${name}联系人`,
      mobile,
      isPrimary: true,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const order = (
      await manager.post('/api/v1/orders', {
        title: '欠款订单',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: amount, taxRate: '0' }],
      })
    ).json();
    await manager.post(`/api/v1/orders/${order.id}/submit`);
    const plan = await manager.put(`/api/v1/orders/${order.id}/payment-plan`, {
      mode: 'amount',
      instalments: [{ dueDate: shanghaiDate(-daysOverdue), amount }],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    debtors[name] = { customerId: customer.id, orderId: order.id, mobile };
    return debtors[name]!;
  }

  const dunningList = (fields: Record<string, unknown> = {}) =>
    manager.post('/api/v1/call-lists', {
      name: unique('催收名单'),
      purpose: 'dunning',
      source: { kind: 'overdueInstalments', params: { minDaysOverdue: 1 } },
      script: '{{contactName}}您好，我是{{agentName}}。订单{{orderNumber}}尚欠{{overdueAmount}} {{currency}}。',
      callingStart: '00:00',
      callingEnd: '24:00',
      maxAttempts: 2,
      retryMinutes: 60,
      assignment: 'even',
      agentIds: [agentA.userId, agentB.userId],
      ...fields,
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Calls go out every day here: a test run on a public holiday must not find it no calling time.
    expect((await t.admin.patch('/api/v1/settings', { statutoryCalendar: false, holidays: [] })).statusCode).toBe(200);
    department = await createDepartment(t, '电话中心');
    manager = await createUserClient(t, 'sales_manager', department, { locale: 'zh-CN' });
    agentA = await createUserClient(t, 'service_agent', department);
    agentB = await createUserClient(t, 'service_agent', department);
    await debtor('甲', '13911110001', 40, '1200');
    await debtor('乙', '13911110002', 10);
    await debtor('丙', '13911110003', 5);
    await debtor('丁', null, 20);
    // Not yet due: not on a dunning list.
    await debtor('戊', '13911110005', -5);
    // 丙 asked never to be called.
    expect(
      (await t.admin.post('/api/v1/suppressions', { channel: 'phone', address: '+86 139 1111 0003', reason: '投诉' }))
        .statusCode,
    ).toBe(204);
  }, 120_000);
  afterAll(async () => t?.close());

  it('offers the built-in sources with their merge fields, to those who may see call lists', async () => {
    const sources = (await manager.get('/api/v1/call-lists/sources')).json().items as Array<Record<string, any>>;
    expect(sources.map((s) => s.kind)).toEqual(
      expect.arrayContaining([
        'overdueInstalments',
        'ticketCallbacks',
        'anniversaries',
        'newCustomers',
        'incompleteData',
      ]),
    );
    expect(sources.find((s) => s.kind === 'overdueInstalments')).toMatchObject({
      purpose: 'dunning',
      fields: expect.arrayContaining(['contactName', 'agentName', 'overdueAmount', 'orderNumber']),
    });
    const rep = await createUserClient(t, 'sales_rep', department);
    expect((await rep.get('/api/v1/call-lists')).statusCode).toBe(403);
    expect((await rep.post('/api/v1/call-lists', {})).statusCode).toBe(403);
  });

  it('builds a dunning list from overdue instalments, leaves out do-not-call numbers and records without a number, and shares it evenly', async () => {
    const preview = await manager.post('/api/v1/call-lists/preview', {
      source: { kind: 'overdueInstalments', params: { minDaysOverdue: 1 } },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ count: 4, truncated: false });

    expect((await dunningList({ script: '您好 {{nonsense}}' })).json().error.fields.script).toContain('{{nonsense}}');
    expect((await dunningList({ agentIds: [] })).json().error.fields).toHaveProperty('agentIds');
    expect((await dunningList({ callingStart: '21:00', callingEnd: '09:00' })).statusCode).toBe(400);

    const created = await dunningList();
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ added: 2, skipped: 2, truncated: false });
    const list = created.json().list;
    expect(list.counts).toMatchObject({ entries: 4, open: 2, due: 2, skipped: 2 });
    const entries = await entriesOf(manager, list.id);
    const byName = (name: string) => entries.find((e) => e.customerId === debtors[name]!.customerId)!;
    expect(byName('丙')).toMatchObject({ status: 'skipped', skipReason: 'doNotCall' });
    expect(byName('丁')).toMatchObject({ status: 'skipped', skipReason: 'noNumber' });
    expect(byName('甲')).toMatchObject({ status: 'open', phone: '13911110001' });
    expect(byName('甲').details).toMatchObject({ overdueAmount: '1200.00', currency: 'CNY', daysOverdue: 40 });
    expect(entries.some((e) => e.customerId === debtors['戊']!.customerId)).toBe(false);
    // Even: one each.
    expect(new Set([byName('甲').agentId, byName('乙').agentId])).toEqual(new Set([agentA.userId, agentB.userId]));

    // A refresh adds only what is new.
    await debtor('己', '13911110006', 3);
    const refreshed = await manager.post(`/api/v1/call-lists/${list.id}/refresh`);
    expect(refreshed.json()).toMatchObject({ added: 1, skipped: 0 });
    expect((await manager.post(`/api/v1/call-lists/${list.id}/refresh`)).json()).toMatchObject({ added: 0 });
    expect((await manager.delete(`/api/v1/call-lists/${list.id}`)).statusCode).toBe(204);
  });

  it('works a dunning list in the preview dialer: no answer, a promise to pay, do not call', async () => {
    const list = (await dunningList({ agentIds: [agentA.userId] })).json().list;
    const first = (await agentA.get('/api/v1/call-entries/next', { listId: list.id })).json();
    expect(first.remaining).toBe(3);
    const preview = first.preview;
    expect(preview.customer.id).toBe(debtors['甲']!.customerId);
    expect(preview.contact).toMatchObject({ name: '甲联系人', mobile: '13911110001' });
    expect(preview.script).toContain('甲联系人您好');
    expect(preview.script).toContain('1200.00 CNY');
    expect(preview.script).not.toContain('{{');
    expect(preview.entry.details).toMatchObject({ overdueAmount: '1200.00', daysOverdue: 40 });
    expect(preview.doNotCall).toBe(false);
    // Another agent is told the entry does not exist.
    expect((await agentB.get(`/api/v1/call-entries/${preview.entry.id}`)).statusCode).toBe(404);
    expect(
      (await agentB.post(`/api/v1/call-entries/${preview.entry.id}/outcome`, { outcome: 'reached' })).statusCode,
    ).toBe(404);

    // No answer: tried again an hour later, not now.
    const noAnswer = await agentA.post(`/api/v1/call-entries/${preview.entry.id}/outcome`, { outcome: 'no_answer' });
    expect(noAnswer.statusCode, noAnswer.body).toBe(200);
    expect(noAnswer.json().entry).toMatchObject({ status: 'open', attempts: 1, unansweredAttempts: 1 });
    const retryIn = Date.parse(noAnswer.json().entry.nextCallAt) - Date.now();
    expect(retryIn).toBeGreaterThan(55 * 60_000);
    expect(retryIn).toBeLessThan(61 * 60_000);
    const second = (await agentA.get('/api/v1/call-entries/next', { listId: list.id })).json().preview;
    expect(second.entry.id).not.toBe(preview.entry.id);

    // A promise to pay needs its date and amount, then becomes a note on the instalment.
    expect(
      (await agentA.post(`/api/v1/call-entries/${second.entry.id}/outcome`, { outcome: 'promised_to_pay' })).statusCode,
    ).toBe(400);
    expect(
      (
        await agentA.post(`/api/v1/call-entries/${second.entry.id}/outcome`, {
          outcome: 'promised_to_pay',
          promise: { date: shanghaiDate(-1), amount: '500' },
        })
      ).json().error.fields,
    ).toHaveProperty(['promise.date']);
    const promised = await agentA.post(`/api/v1/call-entries/${second.entry.id}/outcome`, {
      outcome: 'promised_to_pay',
      promise: { date: shanghaiDate(7), amount: '500' },
      note: '月底前转账',
    });
    expect(promised.statusCode, promised.body).toBe(200);
    expect(promised.json().entry).toMatchObject({ status: 'done', lastOutcome: 'promised_to_pay' });
    expect(promised.json().instalmentNoteId).toEqual(expect.any(Number));
    const owner = Object.values(debtors).find((d) => d.customerId === second.customer.id)!;
    const notes = (await manager.get(`/api/v1/orders/${owner.orderId}/instalment-notes`)).json().items;
    expect(notes[0]).toMatchObject({ promisedOn: shanghaiDate(7), promisedAmount: '500.00', currency: 'CNY' });
    expect(notes[0].body).toContain('月底前转账');
    // A closed entry takes no second outcome.
    expect(
      (await agentA.post(`/api/v1/call-entries/${second.entry.id}/outcome`, { outcome: 'reached' })).statusCode,
    ).toBe(409);

    // "Do not call": the number joins the do-not-call list, which click-to-dial honours too.
    const third = (await agentA.get('/api/v1/call-entries/next', { listId: list.id })).json().preview;
    const refused = await agentA.post(`/api/v1/call-entries/${third.entry.id}/outcome`, {
      outcome: 'do_not_call',
      note: '客户要求不再来电',
    });
    expect(refused.json().entry.status).toBe('done');
    const suppressed = (await t.admin.get('/api/v1/suppressions', { channel: 'phone' })).json().items;
    expect(suppressed.map((s: { address: string }) => s.address)).toContain(third.entry.phone);
    const dial = await agentA.post('/api/v1/calls/dial', { number: third.entry.phone });
    expect(dial.statusCode).toBe(409);
    expect(dial.json().error.code).toBe('CONFLICT');

    // Nothing due now; the unanswered entry waits for its hour.
    const later = (await agentA.get('/api/v1/call-entries/next', { listId: list.id })).json();
    expect(later).toMatchObject({ preview: null, reason: 'later', remaining: 1 });
    expect(Date.parse(later.nextAt)).toBe(Date.parse(noAnswer.json().entry.nextCallAt));

    // The agent may name when to try again: moved into calling hours (here all day), not the list's hour.
    await manager.patch(`/api/v1/call-lists/${list.id}`, { maxAttempts: 3 });
    const tomorrow = new Date(Date.now() + 26 * 3600_000).toISOString();
    const named = await agentA.post(`/api/v1/call-entries/${preview.entry.id}/outcome`, {
      outcome: 'voicemail',
      callbackAt: tomorrow,
    });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json().entry).toMatchObject({ status: 'open', nextCallAt: tomorrow, unansweredAttempts: 2 });
    expect(named.json().attempt.callbackAt).toBe(tomorrow);

    // A third unanswered attempt uses up the list's three: the entry is given up.
    const exhausted = await agentA.post(`/api/v1/call-entries/${preview.entry.id}/outcome`, { outcome: 'busy' });
    expect(exhausted.json().entry).toMatchObject({ status: 'exhausted', attempts: 3, nextCallAt: null });
    expect((await agentA.get('/api/v1/call-entries/next', { listId: list.id })).json()).toMatchObject({
      reason: 'none',
      remaining: 0,
    });
    expect((await manager.get(`/api/v1/call-lists/${list.id}`)).json().counts).toMatchObject({
      attempts: 5,
      reached: 2,
      done: 2,
      exhausted: 1,
    });
    // The entries by their last outcome, and sorted by attempts.
    expect((await entriesOf(manager, list.id, { outcome: 'promised_to_pay' })).map((e) => e.id)).toEqual([
      second.entry.id,
    ]);
    const byAttempts = await entriesOf(manager, list.id, { sort: 'attempts:desc' });
    expect(byAttempts[0]!.id).toBe(preview.entry.id);
    expect(byAttempts.map((e) => e.attempts)).toEqual([...byAttempts.map((e) => e.attempts)].sort((a, b) => b - a));
    // With calls made, the list is closed rather than deleted.
    expect((await manager.delete(`/api/v1/call-lists/${list.id}`)).statusCode).toBe(409);
    expect((await manager.patch(`/api/v1/call-lists/${list.id}`, { status: 'closed' })).json().status).toBe('closed');
  });

  it('keeps a promise to pay on the attempt when the instalment has vanished since the list was built', async () => {
    const gone = await debtor('辛', '13911110008', 12, '800');
    const list = (await dunningList({ agentIds: [agentB.userId] })).json().list;
    const entry = (await entriesOf(manager, list.id)).find((e) => e.customerId === gone.customerId)!;
    expect(entry.instalmentId).toEqual(expect.any(Number));
    // A new payment plan replaces the order's instalments: the entry's instalment is no more.
    const replanned = await manager.put(`/api/v1/orders/${gone.orderId}/payment-plan`, {
      mode: 'amount',
      instalments: [{ dueDate: shanghaiDate(30), amount: '800' }],
    });
    expect(replanned.statusCode, replanned.body).toBe(200);
    const promised = await agentB.post(`/api/v1/call-entries/${entry.id}/outcome`, {
      outcome: 'promised_to_pay',
      promise: { date: shanghaiDate(3), amount: '800' },
      note: '已改付款计划',
    });
    expect(promised.statusCode, promised.body).toBe(200);
    expect(promised.json()).toMatchObject({
      entry: { status: 'done', lastOutcome: 'promised_to_pay' },
      attempt: {
        outcome: 'promised_to_pay',
        promiseDate: shanghaiDate(3),
        promiseAmount: '800.00',
        note: '已改付款计划',
      },
      instalmentNoteId: null,
    });
    expect((await manager.get(`/api/v1/orders/${gone.orderId}/instalment-notes`)).json().items).toEqual([]);
    const preview = (await agentB.get(`/api/v1/call-entries/${entry.id}`)).json();
    expect(preview.attempts[0]).toMatchObject({ promiseDate: shanghaiDate(3), promiseAmount: '800.00' });
    await manager.patch(`/api/v1/call-lists/${list.id}`, { status: 'closed' });
  });

  it('calls back at the time asked, moved into calling hours, and not on a public holiday', async () => {
    const customer = await createCustomer(manager, { name: unique('回电客户'), phone: '13922220001' });
    const list = (
      await manager.post('/api/v1/call-lists', {
        name: unique('欢迎来电'),
        purpose: 'welcome',
        source: { kind: 'newCustomers', params: { days: 7 } },
        callingStart: '00:00',
        callingEnd: '24:00',
        agentIds: [agentB.userId],
      })
    ).json().list;
    const entry = (await entriesOf(manager, list.id)).find((e) => e.customerId === customer.id)!;
    expect(entry).toMatchObject({ status: 'open', phone: '13922220001', agentId: agentB.userId });
    expect(
      (await agentB.post(`/api/v1/call-entries/${entry.id}/outcome`, { outcome: 'call_back' })).json().error.fields,
    ).toHaveProperty('callbackAt');
    const at = new Date(Date.now() + 3 * 3600_000).toISOString();
    const back = await agentB.post(`/api/v1/call-entries/${entry.id}/outcome`, {
      outcome: 'call_back',
      callbackAt: at,
    });
    expect(back.json().entry).toMatchObject({ status: 'open', unansweredAttempts: 0, nextCallAt: at });

    // Today a holiday of the company: no calling time until tomorrow, and dialling is refused.
    expect((await t.admin.patch('/api/v1/settings', { holidays: [shanghaiDate()] })).statusCode).toBe(200);
    try {
      await manager.patch(`/api/v1/call-lists/${list.id}`, { callingStart: '09:00', callingEnd: '21:00' });
      const next = (await agentB.get('/api/v1/call-entries/next', { listId: list.id })).json();
      expect(next.reason).toBe('outsideHours');
      expect(next.nextAt).toBe(new Date(`${shanghaiDate(1)}T09:00:00+08:00`).toISOString());
      const other = (await entriesOf(manager, list.id)).find((e) => e.status === 'open' && e.id !== entry.id);
      if (other)
        expect((await agentB.post(`/api/v1/call-entries/${other.id}/dial`)).json().error.code).toBe('CONFLICT');
    } finally {
      await t.admin.patch('/api/v1/settings', { holidays: [] });
    }
  });

  it('asks a survey during the call: the answers count in the survey’s results', async () => {
    const survey = (
      await t.admin.post('/api/v1/surveys', {
        name: unique('电话回访问卷'),
        questions: [
          { key: 'stars', kind: 'rating', label: '您对服务满意吗？', required: true },
          { key: 'why', kind: 'text', label: '还有什么建议？' },
        ],
      })
    ).json();
    const customer = await createCustomer(manager, { name: unique('问卷客户'), phone: '13933330001' });
    const list = (
      await manager.post('/api/v1/call-lists', {
        name: unique('满意度调查'),
        purpose: 'survey',
        source: { kind: 'newCustomers', params: {} },
        surveyId: survey.id,
        callingStart: '00:00',
        callingEnd: '24:00',
        agentIds: [agentA.userId],
      })
    ).json().list;
    const entry = (await entriesOf(manager, list.id)).find((e) => e.customerId === customer.id)!;
    const preview = (await agentA.get(`/api/v1/call-entries/${entry.id}`)).json();
    expect(preview.survey.questions.map((q: { key: string }) => q.key)).toEqual(['stars', 'why']);
    // Answers are checked like any answer of the survey, and only for a call that reached someone.
    const bad = await agentA.post(`/api/v1/call-entries/${entry.id}/outcome`, {
      outcome: 'reached',
      answers: { stars: 9 },
    });
    expect(bad.json().error.fields).toHaveProperty(['answers.stars']);
    expect(
      (await agentA.post(`/api/v1/call-entries/${entry.id}/outcome`, { outcome: 'no_answer', answers: { stars: 4 } }))
        .statusCode,
    ).toBe(400);
    const answered = await agentA.post(`/api/v1/call-entries/${entry.id}/outcome`, {
      outcome: 'reached',
      answers: { stars: 4, why: '送货再快一点' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().surveyInvitationId).toEqual(expect.any(Number));
    const report = (await t.admin.get(`/api/v1/surveys/${survey.id}/report`)).json();
    expect(report).toMatchObject({ sent: 1, answered: 1 });
    expect(report.questions[0]).toMatchObject({ key: 'stars', responses: 1, average: '4.00', counts: { 4: 1 } });
    expect(report.questions[1].texts[0].text).toBe('送货再快一点');
  });

  it('confirms a contact’s data on the call: the contact is updated and the change audited', async () => {
    const customer = await createCustomer(manager, { name: unique('资料客户') });
    const contact = (
      await manager.post('/api/v1/contacts', { customerId: customer.id, name: '周女士', mobile: '13944440001' })
    ).json();
    const list = (
      await manager.post('/api/v1/call-lists', {
        name: unique('资料确认'),
        purpose: 'confirmation',
        source: { kind: 'incompleteData', params: {} },
        script: '您好{{contactName}}，我们想核对您的{{missingFields}}。',
        callingStart: '00:00',
        callingEnd: '24:00',
        agentIds: [agentA.userId],
      })
    ).json().list;
    const entry = (await entriesOf(manager, list.id)).find((e) => e.contactId === contact.id)!;
    expect(entry.details.missingFields).toBe('邮箱、职务、生日');
    const preview = (await agentA.get(`/api/v1/call-entries/${entry.id}`)).json();
    expect(preview.script).toBe('您好周女士，我们想核对您的邮箱、职务、生日。');
    const confirmed = await agentA.post(`/api/v1/call-entries/${entry.id}/outcome`, {
      outcome: 'reached',
      confirmation: { email: 'Zhou@Example.com', title: '采购经理', birthday: '1988-05-20' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().contactUpdated).toBe(true);
    expect((await manager.get(`/api/v1/contacts/${contact.id}`)).json()).toMatchObject({
      email: 'zhou@example.com',
      title: '采购经理',
      birthday: '1988-05-20',
    });
    const audit = (await t.admin.get('/api/v1/audit-logs', { entity: 'contacts', entityId: contact.id })).json().items;
    const update = audit.find((a: { action: string }) => a.action === 'update');
    expect(update.userId).toBe(agentA.userId);
    expect(update.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'email', old: null, new: 'zhou@example.com' })]),
    );
  });

  it('assigns by owner, and keeps lists to their builder’s data scope', async () => {
    const owner = await createUserClient(t, 'sales_rep', department);
    const customer = await createCustomer(owner, { name: unique('自有客户'), phone: '13955550001' });
    const list = (
      await manager.post('/api/v1/call-lists', {
        name: unique('按负责人'),
        purpose: 'welcome',
        source: { kind: 'newCustomers', params: {} },
        callingStart: '00:00',
        callingEnd: '24:00',
        assignment: 'owner',
        agentIds: [agentA.userId],
      })
    ).json().list;
    const entries = await entriesOf(manager, list.id);
    expect(entries.find((e) => e.customerId === customer.id)?.agentId).toBe(owner.userId);
    // The owner works it with their calls permission.
    const entry = entries.find((e) => e.customerId === customer.id)!;
    expect((await owner.get(`/api/v1/call-entries/${entry.id}`)).statusCode).toBe(200);
    // Reassigned evenly to agent B.
    const reassigned = await manager.post(`/api/v1/call-lists/${list.id}/assign`, {
      assignment: 'even',
      agentIds: [agentB.userId],
    });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    expect((await entriesOf(manager, list.id)).every((e) => e.status !== 'open' || e.agentId === agentB.userId)).toBe(
      true,
    );
    expect((await owner.get(`/api/v1/call-entries/${entry.id}`)).statusCode).toBe(404);

    // A manager of another department does not see the list.
    const elsewhere = await createUserClient(t, 'sales_manager', await createDepartment(t, '华北'));
    expect((await elsewhere.get(`/api/v1/call-lists/${list.id}`)).statusCode).toBe(404);
    expect((await elsewhere.get('/api/v1/call-lists')).json().items.some((l: { id: number }) => l.id === list.id)).toBe(
      false,
    );
    expect((await elsewhere.post(`/api/v1/call-lists/${list.id}/refresh`)).statusCode).toBe(404);
  });

  it('reports calls per agent per day, reach, outcomes per list, conversion, and the inbound answer rate', async () => {
    // Inbound calls through a cloud call center: one answered after 12 s, one not answered.
    const secret = 'report-key';
    const connection = (await t.admin.post('/api/v1/cti/connections', { name: '云呼', kind: 'cloud', secret })).json();
    await t.admin.put(`/api/v1/cti/seats/${agentA.userId}`, { extension: '8101' });
    const post = (payload: unknown) => {
      const body = JSON.stringify(payload);
      const timestamp = String(Math.floor(Date.now() / 1000));
      return injectWithin(t.app, {
        method: 'POST',
        url: `/api/public/v1/cti/${connection.id}/events`,
        headers: {
          'content-type': 'application/json',
          'x-relate-timestamp': timestamp,
          'x-relate-signature': signPayload(secret, timestamp, body),
        },
        payload: body,
      });
    };
    const start = Math.floor(Date.now() / 1000) - 600;
    await post({
      events: [
        { event: 'ringing', callId: 'r-1', from: '13966660001', to: '4008001234', agent: '8101', at: start },
        { event: 'answered', callId: 'r-1', agent: '8101', at: start + 12 },
        { event: 'hangup', callId: 'r-1', at: start + 72 },
        { event: 'ringing', callId: 'r-2', from: '13966660002', to: '4008001234', agent: '8101', at: start + 100 },
        { event: 'hangup', callId: 'r-2', at: start + 130 },
      ],
    });

    // A dunning call that reached the customer, who orders the next minute: a conversion.
    await debtor('庚', '13911110007', 15);
    const list = (await dunningList({ agentIds: [agentA.userId] })).json().list;
    const entry = (await entriesOf(manager, list.id)).find((e) => e.customerId === debtors['庚']!.customerId)!;
    await agentA.post(`/api/v1/call-entries/${entry.id}/outcome`, { outcome: 'reached' });
    const other = (await entriesOf(manager, list.id)).find((e) => e.status === 'open')!;
    await agentA.post(`/api/v1/call-entries/${other.id}/outcome`, { outcome: 'no_answer' });
    const order = (
      await manager.post('/api/v1/orders', {
        title: '回访后下单',
        customerId: debtors['庚']!.customerId,
        lines: [{ name: '配件', quantity: '1', unitPrice: '300', taxRate: '0' }],
      })
    ).json();
    await manager.post(`/api/v1/orders/${order.id}/submit`);

    const today = shanghaiDate();
    const report = await manager.get('/api/v1/call-center/report', { from: shanghaiDate(-1), to: today });
    expect(report.statusCode, report.body).toBe(200);
    const figures = report.json();
    const line = figures.lists.find((l: { listId: number }) => l.listId === list.id);
    expect(line).toMatchObject({
      attempts: 2,
      reached: 1,
      reachRate: '50.00',
      outcomes: { reached: 1, no_answer: 1 },
      reachedEntries: 1,
      converted: 1,
      conversionRate: '100.00',
    });
    // The agent's days (the calls rang ten minutes ago: yesterday, just after midnight).
    const agentDays = figures.agentDays.filter((row: { agentId: number }) => row.agentId === agentA.userId);
    const sum = (field: string) =>
      agentDays.reduce((total: number, row: Record<string, number>) => total + row[field]!, 0);
    expect(agentDays.every((row: { date: string }) => row.date === today || row.date === shanghaiDate(-1))).toBe(true);
    expect([sum('calls'), sum('inbound'), sum('outbound'), sum('talkSeconds')]).toEqual([2, 2, 0, 60]);
    expect(sum('attempts')).toBeGreaterThanOrEqual(2);
    // The agent's totals over the two days, and everyone's, each added up by the database.
    const agentTotal = figures.agents.find((row: { agentId: number }) => row.agentId === agentA.userId);
    expect(agentTotal).toMatchObject({
      calls: 2,
      inbound: 2,
      outbound: 0,
      callsPerDay: '1.00',
      talkSeconds: 60,
      attempts: sum('attempts'),
      reached: sum('reached'),
    });
    const everyone = (field: string) =>
      figures.agents.reduce((total: number, row: Record<string, number>) => total + row[field]!, 0);
    expect(figures.total).toMatchObject({
      calls: everyone('calls'),
      attempts: everyone('attempts'),
      reached: everyone('reached'),
      talkSeconds: everyone('talkSeconds'),
    });
    expect(figures.total.reachRate).toBe(((everyone('reached') * 100) / everyone('attempts')).toFixed(2));
    expect(figures.inbound).toMatchObject({
      calls: 2,
      answered: 1,
      answerRate: '50.00',
      averageWaitSeconds: 12,
      longestWaitSeconds: 12,
    });
    // The calls are in the agent's calls scope only for those who see them: a manager of another department sees none.
    const elsewhere = await createUserClient(t, 'sales_manager', await createDepartment(t, '华南'));
    const theirs = (await elsewhere.get('/api/v1/call-center/report', { from: today, to: today })).json();
    expect(theirs).toMatchObject({
      agentDays: [],
      agents: [],
      total: { calls: 0, attempts: 0, reachRate: '0.00' },
      lists: [],
      inbound: { calls: 0 },
    });
    expect((await manager.get('/api/v1/call-center/report', { from: '2026-01-01', to: '2026-12-31' })).statusCode).toBe(
      400,
    );
  });
});
