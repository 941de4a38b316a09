import { describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createLead, unique } from '../../../test/factories.ts';
import {
  campaignMembers,
  campaignWith as newCampaign,
  grantConsent,
  header,
  linksIn,
  ok,
  oneClickLink,
  personAgent,
  postOneClick,
  readMail,
  useMailServer,
} from '../../../test/campaigns.ts';
import { appWithMailServer } from '../../../test/smtp.ts';
import { openDatabase } from '../../db/database.ts';
import { jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';
import { runDueJobs, scheduleJob } from '../../platform/jobs.ts';
import { type AdvanceOptions, advanceJobKind, advanceSequences } from './index.ts';

const dayMs = 86_400_000;
type Sequence = {
  status: string;
  steps: Array<{ id: number; position: number; settings: Record<string, unknown>; figures: Record<string, any> }>;
  funnel: Record<string, any>;
};

describe.each(testDialects)('campaign sequences on %s', (dialect) => {
  const env = appWithMailServer(dialect);
  const ctx = () => ({ db: env.t.database.db, dialect: env.t.database.dialect, config: env.t.config }) as AppContext;
  /** Runs the sequences' job as the job runner would, on the clock given. */
  const runAt = async (at: Date, options: AdvanceOptions = {}) => {
    await scheduleJob(env.t.database.db, { kind: advanceJobKind, runAt: at.toISOString(), dedupeKey: unique('t') });
    const handlers = {
      ...jobHandlers,
      [advanceJobKind]: async (ctx: AppContext) => void (await advanceSequences(ctx, { now: at, ...options })),
    };
    await runDueJobs(ctx(), handlers, [], 'test', at);
  };
  const lastError = async () =>
    (
      await env.t.database.db
        .selectFrom('scheduledJobs')
        .select(['lastError'])
        .where('kind', '=', advanceJobKind)
        .where('lastError', 'is not', null)
        .orderBy('id', 'desc')
        .executeTakeFirst()
    )?.lastError;
  const setUpChannels = async () => {
    await useMailServer(env.t.admin, env.smtp.port);
    await ok(env.t.admin.put('/api/v1/settings/sms', { provider: 'outbox', perRecipientPerHour: 20 }));
  };
  const emailTemplate = async (category = 'marketing') =>
    (
      await ok(
        env.t.admin.post('/api/v1/email-templates', {
          name: unique('序列邮件'),
          category,
          scope: 'shared',
          defaultLanguage: 'zh-CN',
          versions: [
            {
              language: 'zh-CN',
              subject: '{{ contact.name }}，新品上市',
              body: '<p>{{ contact.name }} 您好</p><p><a href="https://example.com/new">看看</a></p>',
            },
          ],
        }),
        201,
      )
    ).id as number;
  const smsTemplate = async () =>
    (
      await ok(
        env.t.admin.post('/api/v1/sms/templates', {
          name: unique('序列短信'),
          providerCode: 'SMS_778899',
          signature: '瑞联科技',
          content: '${name}您好，新品已上市，回复TD退订',
          variables: [{ name: 'name', maxLength: 10 }],
        }),
        201,
      )
    ).id as number;
  /** A contact with an address, a mobile and the consents named. */
  const contact = async (customerId: number, email: string, consents: Array<'email' | 'sms'>, extra = {}) => {
    const created = await ok(
      env.t.admin.post('/api/v1/contacts', {
        customerId,
        name: unique('联系人'),
        email,
        mobile: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        ...extra,
      }),
      201,
    );
    for (const channel of consents) await grantConsent(env.t.admin, { entity: 'contacts', id: created.id }, channel);
    return created as { id: number; name: string; mobile: string };
  };
  const campaignWith = (members: Parameters<typeof newCampaign>[1]) => newCampaign(env.t.admin, members);
  const sequenceOf = async (campaignId: number) =>
    (await ok<{ sequence: Sequence }>(env.t.admin.get(`/api/v1/campaigns/${campaignId}/sequence`))).sequence;
  const received = (suffix: string) => env.smtp.received.filter((m) => m.to.some((to) => to.endsWith(suffix)));
  const outboxTo = async (mobile: string) =>
    (await ok(env.t.admin.get('/api/v1/sms/outbox', { pageSize: 100 }))).items.filter(
      (i: { phone: string }) => i.phone === mobile,
    );
  const membersOf = (campaignId: number) => campaignMembers(env.t.admin, campaignId);

  it('takes members through email → wait 2 days → branch on opened → SMS or a task and a segment, by the job on its clock', async () => {
    await setUpChannels();
    const tag = unique('f').toLowerCase();
    const customer = await createCustomer(env.t.admin);
    const reader = await contact(customer.id, `reader-${tag}@example.com`, ['email', 'sms']);
    const quiet = await contact(customer.id, `quiet-${tag}@example.com`, ['email', 'sms']);
    const unasked = await contact(customer.id, `unasked-${tag}@example.com`, []);
    const lead = await createLead(env.t.admin, { email: `lead-${tag}@example.com` });
    const campaignId = await campaignWith([
      { entity: 'contacts', ids: [reader.id, quiet.id, unasked.id] },
      { entity: 'leads', ids: [lead.id] },
    ]);
    const segment = await ok(
      env.t.admin.post('/api/v1/segments', { name: unique('未打开'), entity: 'contacts', kind: 'static' }),
      201,
    );
    const title = `回访 {{name}} ${tag}`;
    const steps = [
      { kind: 'email', templateId: await emailTemplate() },
      { kind: 'wait', days: 2 },
      { kind: 'branch', condition: 'opened', noStep: 6 },
      { kind: 'sms', templateId: await smsTemplate(), variables: { name: '{{name}}' } },
      { kind: 'end' },
      { kind: 'task', title, dueDays: 3 },
      { kind: 'segment', action: 'add', segmentId: segment.id },
    ];
    const draft = (await ok(env.t.admin.put(`/api/v1/campaigns/${campaignId}/sequence`, { steps, perSecond: 50 })))
      .sequence as Sequence;
    expect(draft.status).toBe('draft');
    expect(draft.steps.map((s) => s.settings.kind)).toEqual(steps.map((s) => s.kind));
    const started = (await ok(env.t.admin.patch(`/api/v1/campaigns/${campaignId}/sequence`, { action: 'start' })))
      .sequence as Sequence;
    expect(started.status).toBe('active');

    const t0 = new Date();
    await runAt(t0);
    // Only those who agreed to email are mailed (the lead never did); the rest are counted by reason and move on all the same.
    expect(
      received(`-${tag}@example.com`)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([`quiet-${tag}@example.com`, `reader-${tag}@example.com`].sort());
    let sequence = await sequenceOf(campaignId);
    expect(sequence.steps[0]!.figures).toMatchObject({ done: 2, skipped: { noConsent: 2 } });
    expect(sequence.steps[1]!.figures.current).toBe(4);
    expect(sequence.funnel).toMatchObject({ members: 4, entered: 4, waiting: 4 });

    // The reader opens the message (its pixel, fetched by a person's mail program).
    const pixel = new URL(linksIn(received(`reader-${tag}@example.com`)[0]!.raw).find((l) => l.includes('/t/o/'))!);
    await env.t.app.inject({ method: 'GET', url: pixel.pathname, headers: { 'user-agent': personAgent } });

    // A day later everyone is still waiting.
    await runAt(new Date(t0.getTime() + dayMs));
    expect((await sequenceOf(campaignId)).steps[1]!.figures.current).toBe(4);

    await runAt(new Date(t0.getTime() + 2 * dayMs + 60_000));
    sequence = await sequenceOf(campaignId);
    expect(sequence.steps[2]!.figures).toMatchObject({ done: 4, yes: 1, no: 3 });
    // Yes: the reader gets the SMS, its name filled in, and leaves at the end step.
    const sms = await outboxTo(reader.mobile);
    expect(sms).toHaveLength(1);
    expect(sms[0].content).toBe(`【瑞联科技】${reader.name.slice(0, 10)}您好，新品已上市，回复TD退订`);
    expect(await outboxTo(quiet.mobile)).toHaveLength(0);
    // No: a task for each one's owner, and the contacts into the segment (the lead is of another kind).
    const tasks = (await ok(env.t.admin.get('/api/v1/tasks', { pageSize: 100 }))).items.filter(
      (t: { subject: string }) => t.subject.includes(tag),
    );
    expect(tasks.map((t: { subject: string }) => t.subject).sort()).toEqual(
      [quiet.name, unasked.name, lead.name].map((name) => `回访 ${name} ${tag}`).sort(),
    );
    expect(tasks.find((t: { relatedEntity: string }) => t.relatedEntity === 'leads')).toMatchObject({
      relatedId: lead.id,
      assigneeId: env.t.admin.userId,
    });
    expect(Date.parse(tasks[0].dueAt)).toBe(t0.getTime() + 5 * dayMs + 60_000);
    const inSegment = (await ok(env.t.admin.get(`/api/v1/segments/${segment.id}/members`))).items.map(
      (m: { id: number }) => m.id,
    );
    expect(inSegment.sort()).toEqual([quiet.id, unasked.id].sort());
    expect(sequence.steps[6]!.figures).toMatchObject({ done: 2, skipped: { otherEntity: 1 } });
    expect(sequence.steps[0]!.figures).toMatchObject({ opened: 1, clicked: 0 });
    expect(sequence.funnel).toMatchObject({ entered: 4, completed: 4, active: 0, waiting: 0 });

    // Run again, later: nothing is sent twice.
    const mails = env.smtp.received.length;
    await runAt(new Date(t0.getTime() + 4 * dayMs));
    expect(env.smtp.received.length).toBe(mails);
    expect(await outboxTo(reader.mobile)).toHaveLength(1);
    // A member added later enters at the first step and is mailed once.
    const late = await contact(customer.id, `late-${tag}@example.com`, ['email']);
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'contacts', ids: [late.id] }));
    await runAt(new Date(t0.getTime() + 4 * dayMs + 60_000));
    expect(received(`late-${tag}@example.com`)).toHaveLength(1);
    expect((await sequenceOf(campaignId)).steps[1]!.figures.current).toBe(1);
  });

  it('mails leads and customers at an email step, an address two members share once', async () => {
    await setUpChannels();
    const tag = unique('l').toLowerCase();
    const lead = await createLead(env.t.admin, { email: `lead-${tag}@example.com`, company: '华南泵业' });
    await grantConsent(env.t.admin, { entity: 'leads', id: lead.id });
    const firm = await createCustomer(env.t.admin, { email: `firm-${tag}@example.com` });
    await grantConsent(env.t.admin, { entity: 'customers', id: firm.id });
    const unasked = await createCustomer(env.t.admin, { email: `unasked-${tag}@example.com` });
    // The lead's address on a contact who agreed too: one message, the lead's (it entered first).
    const twin = await contact(firm.id, `LEAD-${tag}@example.com`, ['email']);
    const campaignId = await campaignWith([{ entity: 'leads', ids: [lead.id] }]);
    await ok(
      env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'customers', ids: [firm.id, unasked.id] }),
    );
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'contacts', ids: [twin.id] }));
    await ok(
      env.t.admin.put(`/api/v1/campaigns/${campaignId}/sequence`, {
        perSecond: 50,
        steps: [{ kind: 'email', templateId: await emailTemplate() }, { kind: 'end' }],
      }),
    );
    await ok(env.t.admin.patch(`/api/v1/campaigns/${campaignId}/sequence`, { action: 'start' }));
    await runAt(new Date());
    const mine = received(`-${tag}@example.com`).map((m) => m.to[0]!.toLowerCase());
    expect(mine.sort()).toEqual([`firm-${tag}@example.com`, `lead-${tag}@example.com`]);
    const leadMail = await readMail(received(`lead-${tag}@example.com`)[0]!.raw);
    expect(leadMail.subject).toBe(`${lead.name}，新品上市`);
    expect(leadMail.text).toMatch(/\/unsubscribe\/lead-\d+\./);
    const sequence = await sequenceOf(campaignId);
    expect(sequence.steps[0]!.figures).toMatchObject({ done: 2, skipped: { noConsent: 1, duplicateAddress: 1 } });
    expect(sequence.funnel).toMatchObject({ entered: 4, completed: 4 });
  });

  it("texts leads and customers who agreed to SMS at a sequence's SMS step at their mobile number, skipping the rest by reason; a lead's “TD” reply withdraws its consent and stops it", async () => {
    await setUpChannels();
    const tag = unique('m').toLowerCase();
    const mobile = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const texted = await createLead(env.t.admin, { name: `短信${tag}`.slice(0, 20), mobile: mobile() });
    await grantConsent(env.t.admin, { entity: 'leads', id: texted.id }, 'sms');
    const staying = await createLead(env.t.admin, { mobile: mobile() });
    await grantConsent(env.t.admin, { entity: 'leads', id: staying.id }, 'sms');
    const unasked = await createLead(env.t.admin, { mobile: mobile() });
    const emailOnly = await createLead(env.t.admin, { email: `only-${tag}@example.com` });
    await grantConsent(env.t.admin, { entity: 'leads', id: emailOnly.id }, 'sms');
    // Email consent is no SMS consent.
    await grantConsent(env.t.admin, { entity: 'leads', id: unasked.id }, 'email');
    // A mobile number written in the phone field is texted there.
    const phoneOnly = await createLead(env.t.admin, { phone: mobile() });
    await grantConsent(env.t.admin, { entity: 'leads', id: phoneOnly.id }, 'sms');
    // A company's landline is not; a person's own mobile is.
    const firm = await createCustomer(env.t.admin, { phone: '0755-88886666' });
    await grantConsent(env.t.admin, { entity: 'customers', id: firm.id }, 'sms');
    const buyer = await createCustomer(env.t.admin, { type: 'individual', phone: mobile() });
    await grantConsent(env.t.admin, { entity: 'customers', id: buyer.id }, 'sms');
    const campaignId = await campaignWith([
      { entity: 'leads', ids: [texted.id, staying.id, unasked.id, emailOnly.id, phoneOnly.id] },
    ]);
    await ok(
      env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'customers', ids: [firm.id, buyer.id] }),
    );
    const templateId = await smsTemplate();
    await ok(
      env.t.admin.put(`/api/v1/campaigns/${campaignId}/sequence`, {
        perSecond: 50,
        steps: [
          { kind: 'sms', templateId, variables: { name: '{{name}}' } },
          { kind: 'wait', days: 1 },
          { kind: 'sms', templateId, variables: { name: '{{name}}' } },
        ],
      }),
    );
    await ok(env.t.admin.patch(`/api/v1/campaigns/${campaignId}/sequence`, { action: 'start' }));
    const t0 = new Date();
    await runAt(t0);
    const first = await outboxTo(texted.mobile);
    expect(first).toHaveLength(1);
    expect(first[0].content).toBe(`【瑞联科技】${[...texted.name].slice(0, 10).join('')}您好，新品已上市，回复TD退订`);
    expect(await outboxTo(staying.mobile)).toHaveLength(1);
    expect(await outboxTo(unasked.mobile)).toHaveLength(0);
    expect(await outboxTo(phoneOnly.phone)).toHaveLength(1);
    expect(await outboxTo(buyer.phone)).toHaveLength(1);
    let sequence = await sequenceOf(campaignId);
    expect(sequence.steps[0]!.figures).toMatchObject({ done: 4, skipped: { noConsent: 1, noAddress: 2 } });

    // The lead answers “TD”: its number is suppressed and its SMS consent withdrawn, so the sequence stops it.
    const callbacks = (await ok(env.t.admin.get('/api/v1/settings/sms'))).callbacks;
    const reply = await env.t.app.inject({
      method: 'POST',
      url: callbacks.replies as string,
      payload: { phone: `+86${texted.mobile}`, text: 'TD' },
    });
    expect(reply.statusCode).toBe(200);
    const consent = (await ok(env.t.admin.get(`/api/v1/leads/${texted.id}/consents`))).items.find(
      (c: { channel: string }) => c.channel === 'sms',
    );
    expect(consent).toMatchObject({ state: 'withdrawn', suppressed: true });

    await runAt(new Date(t0.getTime() + dayMs + 60_000));
    sequence = await sequenceOf(campaignId);
    expect(sequence.funnel.stopped).toEqual({ consentWithdrawn: 1 });
    expect(await outboxTo(texted.mobile)).toHaveLength(1);
    expect(await outboxTo(staying.mobile)).toHaveLength(2);
    expect(sequence.steps[2]!.figures).toMatchObject({ done: 3 });
  });

  it('never mails a member twice when two runs of the job work at once, each taking fewer members than there are', async () => {
    await setUpChannels();
    const tag = unique('c').toLowerCase();
    const customer = await createCustomer(env.t.admin);
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await contact(customer.id, `c${i}-${tag}@example.com`, ['email'])).id);
    const campaignId = await campaignWith([{ entity: 'contacts', ids }]);
    await ok(
      env.t.admin.put(`/api/v1/campaigns/${campaignId}/sequence`, {
        perSecond: 50,
        steps: [{ kind: 'email', templateId: await emailTemplate() }, { kind: 'end' }],
      }),
    );
    await ok(env.t.admin.patch(`/api/v1/campaigns/${campaignId}/sequence`, { action: 'start' }));
    // A second server instance on the same database (SQLite: one process, so the same handle).
    const second = dialect === 'postgres' ? openDatabase(env.t.databaseUrl) : null;
    try {
      const other = second ? ({ ...ctx(), db: second.db, dialect: second.dialect } as AppContext) : ctx();
      const handler = (c: AppContext) => advanceSequences(c, { batchSize: 4 });
      const steps = await Promise.all([handler(ctx()), handler(other)]);
      expect(steps[0]! + steps[1]!).toBe(24);
    } finally {
      await second?.close();
    }
    const mine = received(`-${tag}@example.com`);
    expect(mine).toHaveLength(12);
    expect(new Set(mine.map((m) => m.to[0])).size).toBe(12);
    expect((await sequenceOf(campaignId)).funnel).toMatchObject({ entered: 12, completed: 12 });
  });

  it('never sends again after a run stops between claiming a member and sending, nor after sending and before recording', async () => {
    await setUpChannels();
    const tag = unique('k').toLowerCase();
    const customer = await createCustomer(env.t.admin);
    const people: Array<{ id: number }> = [];
    for (let i = 0; i < 4; i++) people.push(await contact(customer.id, `k${i}-${tag}@example.com`, ['email']));
    const campaignId = await campaignWith([{ entity: 'contacts', ids: people.map((p) => p.id) }]);
    await ok(
      env.t.admin.put(`/api/v1/campaigns/${campaignId}/sequence`, {
        perSecond: 50,
        steps: [{ kind: 'email', templateId: await emailTemplate() }],
      }),
    );
    await ok(env.t.admin.patch(`/api/v1/campaigns/${campaignId}/sequence`, { action: 'start' }));
    const members = new Map((await membersOf(campaignId)).map((m) => [m.entityId, m.id]));
    const memberOf = (i: number) => members.get(people[i]!.id)!;

    const t0 = new Date(Date.now() + 60_000);
    // The second member is claimed and its step recorded, then the run dies before its message goes.
    await runAt(t0, {
      hooks: {
        beforeSend: (memberId) => {
          if (memberId === memberOf(1)) throw new Error('killed');
        },
      },
    });
    expect(await lastError()).toBe('killed');
    expect(received(`-${tag}@example.com`).map((m) => m.to[0])).toEqual([`k0-${tag}@example.com`]);
    // Run again at once: the members that run claimed are still its own.
    await runAt(new Date(t0.getTime() + 1000));
    expect(received(`-${tag}@example.com`)).toHaveLength(1);

    // Once its claims are stale: the interrupted member is not mailed; the third is, and that run dies after sending.
    const later = new Date(t0.getTime() + env.t.config.workLockTimeoutMs + 5000);
    await runAt(later, {
      hooks: {
        afterSend: (memberId) => {
          if (memberId === memberOf(2)) throw new Error('killed after sending');
        },
      },
    });
    expect(await lastError()).toBe('killed after sending');
    await runAt(new Date(later.getTime() + env.t.config.workLockTimeoutMs + 5000));
    const mine = received(`-${tag}@example.com`).map((m) => m.to[0]);
    expect(mine.sort()).toEqual([0, 2, 3].map((i) => `k${i}-${tag}@example.com`));
    const sequence = await sequenceOf(campaignId);
    // The member mailed before the crash is failed as interrupted too: its message may not be recorded, never repeated.
    expect(sequence.steps[0]!.figures).toMatchObject({ done: 2, failed: 2 });
    expect(sequence.funnel).toMatchObject({ completed: 4 });
    const recipients = await env.t.database.db
      .selectFrom('campaignEmailRecipients')
      .select(['memberId', 'status', 'error', 'messageId'])
      .where('memberId', 'in', [...members.values()])
      .execute();
    expect(recipients.find((r) => r.memberId === memberOf(2))).toMatchObject({
      status: 'failed',
      error: 'interrupted',
    });
    expect(recipients.find((r) => r.memberId === memberOf(1))).toBeUndefined();
    for (const r of recipients.filter((r) => r.status === 'sent'))
      expect(env.smtp.received.filter((m) => header(m.raw, 'Message-ID') === r.messageId)).toHaveLength(1);
  });

  it('skips and counts members without consent or suppressed, and stops those who unsubscribe, withdraw consent or convert', async () => {
    await setUpChannels();
    const tag = unique('s').toLowerCase();
    const customer = await createCustomer(env.t.admin);
    const leaver = await contact(customer.id, `leaver-${tag}@example.com`, ['email', 'sms']);
    const unasked = await contact(customer.id, `unasked-${tag}@example.com`, ['sms']);
    const blocked = await contact(customer.id, `blocked-${tag}@example.com`, ['email', 'sms']);
    const withdrawing = await contact(customer.id, `withdrawing-${tag}@example.com`, ['email', 'sms']);
    const buyer = await contact(customer.id, `buyer-${tag}@example.com`, ['email', 'sms']);
    const stays = await contact(customer.id, `stays-${tag}@example.com`, ['email', 'sms']);
    await ok(
      env.t.admin.post('/api/v1/suppressions', {
        channel: 'email',
        address: `blocked-${tag}@example.com`,
        reason: '投诉',
      }),
      204,
    );
    const all = [leaver, unasked, blocked, withdrawing, buyer, stays];
    const campaignId = await campaignWith([{ entity: 'contacts', ids: all.map((c) => c.id) }]);
    await ok(
      env.t.admin.put(`/api/v1/campaigns/${campaignId}/sequence`, {
        perSecond: 50,
        steps: [
          { kind: 'email', templateId: await emailTemplate() },
          { kind: 'wait', days: 1 },
          { kind: 'sms', templateId: await smsTemplate(), variables: { name: '您' } },
        ],
      }),
    );
    await ok(env.t.admin.patch(`/api/v1/campaigns/${campaignId}/sequence`, { action: 'start' }));
    const t0 = new Date();
    await runAt(t0);
    let sequence = await sequenceOf(campaignId);
    // The blocked address withdrew its consent when it was suppressed: it stops at once, before any message.
    expect(sequence.funnel.stopped).toEqual({ consentWithdrawn: 1 });
    expect(sequence.steps[0]!.figures).toMatchObject({ done: 4, skipped: { noConsent: 1 } });
    expect(received(`blocked-${tag}@example.com`)).toHaveLength(0);

    // One unsubscribes by its message's one-click link, one withdraws SMS consent, one converts.
    const link = oneClickLink(received(`leaver-${tag}@example.com`)[0]!.raw);
    expect((await postOneClick(env.t.app, link)).statusCode).toBe(204);
    await grantConsent(env.t.admin, { entity: 'contacts', id: withdrawing.id }, 'sms', 'withdrawn');
    const buyerMember = (await membersOf(campaignId)).find((m) => m.entityId === buyer.id)!;
    await ok(
      env.t.admin.patch(`/api/v1/campaigns/${campaignId}/members/${buyerMember.id}`, { status: 'converted' }),
      204,
    );

    await runAt(new Date(t0.getTime() + dayMs + 60_000));
    sequence = await sequenceOf(campaignId);
    expect(sequence.funnel.stopped).toEqual({ consentWithdrawn: 2, unsubscribed: 1, converted: 1 });
    expect(sequence.funnel.completed).toBe(2);
    expect(sequence.steps[2]!.figures).toMatchObject({ done: 2 });
    for (const gone of [leaver, withdrawing, buyer, blocked]) expect(await outboxTo(gone.mobile)).toHaveLength(0);
    for (const kept of [stays, unasked]) expect(await outboxTo(kept.mobile)).toHaveLength(1);
  });

  it("refuses bad steps with a message for each, and a started sequence's edits; pauses and resumes it", async () => {
    await setUpChannels();
    const campaignId = await campaignWith([]);
    const url = `/api/v1/campaigns/${campaignId}/sequence`;
    expect((await sequenceOf(campaignId)) as unknown).toBeNull();
    const empty = await env.t.admin.put(url, { steps: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toHaveProperty('steps');
    const dynamic = await ok(
      env.t.admin.post('/api/v1/segments', {
        name: unique('动态'),
        entity: 'contacts',
        kind: 'dynamic',
        filter: { combinator: 'and', rules: [] },
      }),
      201,
    );
    const bad = await env.t.admin.put(url, {
      steps: [
        { kind: 'email', templateId: await emailTemplate('service') },
        { kind: 'wait', days: 2, until: '2030-01-01' },
        { kind: 'branch', condition: 'score', noStep: 1 },
        { kind: 'sms', templateId: await smsTemplate(), variables: {} },
        { kind: 'segment', action: 'add', segmentId: dynamic.id },
        { kind: 'wait' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(
      [
        'steps.0.templateId',
        'steps.1.days',
        'steps.2.minScore',
        'steps.2.noStep',
        'steps.3.variables.name',
        'steps.4.segmentId',
        'steps.5.days',
      ].sort(),
    );
    const unknownKind = await env.t.admin.put(url, { steps: [{ kind: 'fax' }] });
    expect(unknownKind.statusCode).toBe(400);
    expect((await env.t.admin.patch(url, { action: 'start' })).statusCode).toBe(404);

    await ok(env.t.admin.put(url, { steps: [{ kind: 'wait', days: 1 }, { kind: 'end' }] }));
    await ok(env.t.admin.put(url, { steps: [{ kind: 'wait', until: '2030-01-01' }] }));
    expect((await env.t.admin.patch(url, { action: 'pause' })).statusCode).toBe(409);
    expect((await ok(env.t.admin.patch(url, { action: 'start' }))).sequence.status).toBe('active');
    const edit = await env.t.admin.put(url, { steps: [{ kind: 'end' }] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toMatch(/已启动/);
    expect((await env.t.admin.delete(url)).statusCode).toBe(409);
    expect((await env.t.admin.patch(url, { action: 'start' })).statusCode).toBe(409);
    expect((await ok(env.t.admin.patch(url, { action: 'pause' }))).sequence.status).toBe('paused');
    expect((await ok(env.t.admin.patch(url, { action: 'resume' }))).sequence.status).toBe('active');
    expect((await env.t.admin.get('/api/v1/campaigns/999999/sequence')).statusCode).toBe(404);
    // A draft can be deleted.
    const other = await campaignWith([]);
    await ok(env.t.admin.put(`/api/v1/campaigns/${other}/sequence`, { steps: [{ kind: 'end' }] }));
    await ok(env.t.admin.delete(`/api/v1/campaigns/${other}/sequence`), 204);
    expect(await sequenceOf(other)).toBeNull();
  });
});
