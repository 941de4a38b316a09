import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Client } from '../../../test/app.ts';
import {
  campaignMembers,
  campaignWith,
  grantConsent,
  header,
  linksIn,
  ok,
  oneClickLink,
  personAgent,
  postOneClick,
  useMailServer,
} from '../../../test/campaigns.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createLead, unique } from '../../../test/factories.ts';
import { appWithMailServer } from '../../../test/smtp.ts';
import { readJson } from '../../db/json.ts';
import { jobGiveUps, jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';
import { type JobHandlers, runDueJobs } from '../../platform/jobs.ts';
import { deliverEmailSend } from './delivery.ts';

const template = (extra: Record<string, unknown> = {}) => ({
  name: unique('春季推广'),
  category: 'marketing',
  scope: 'shared',
  defaultLanguage: 'zh-CN',
  versions: [
    {
      language: 'zh-CN',
      subject: '{{ contact.name }}，春季新品',
      body: '<p>{{ contact.name }} 您好：</p><p><a href="https://example.com/spring?a=1&amp;b=2">查看新品</a> <a href="https://example.com/price">价格</a></p>',
    },
  ],
  ...extra,
});

describe.each(testDialects)('campaign email sends on %s', (dialect) => {
  const env = appWithMailServer(dialect);
  const ctx = () => ({ db: env.t.database.db, dialect: env.t.database.dialect, config: env.t.config }) as AppContext;
  const runJobs = (handlers: JobHandlers = jobHandlers, hoursAhead = 1) =>
    runDueJobs(ctx(), handlers, [], 'test', new Date(Date.now() + hoursAhead * 3600_000));
  // Signed in to the test server, as a company's server asks.
  const mailServer = (extra: Record<string, unknown> = {}) =>
    useMailServer(env.t.admin, env.smtp.port, { username: 'crm', password: 's3cret', fromName: 'Relate', ...extra });
  /** A contact with an address and email consent (unless told otherwise). */
  const contact = async (by: Client, customerId: number, fields: Record<string, unknown>, consent = true) => {
    const created = await ok(by.post('/api/v1/contacts', { customerId, name: unique('联系人'), ...fields }), 201);
    if (consent) await grantConsent(by, { entity: 'contacts', id: created.id });
    return created as { id: number; name: string };
  };
  const staticSegment = async (ids: number[]) => {
    const segment = await ok(
      env.t.admin.post('/api/v1/segments', { name: unique('分群'), entity: 'contacts', kind: 'static' }),
      201,
    );
    await ok(env.t.admin.post(`/api/v1/segments/${segment.id}/members`, { ids }));
    return segment.id as number;
  };
  const campaign = () => campaignWith(env.t.admin);
  const newTemplate = async () => (await ok(env.t.admin.post('/api/v1/email-templates', template()), 201)).id as number;
  const receivedBy = (address: string) => env.smtp.received.filter((m) => m.to.includes(address));
  /** A send of a new campaign to `count` new contacts with consent, mailed as `<prefix><n>-<tag>@example.com`. */
  const sendToNewContacts = async (prefix: string, count: number) => {
    await mailServer();
    const customer = await createCustomer(env.t.admin);
    const tag = unique(prefix).toLowerCase();
    const ids = [];
    for (let i = 0; i < count; i++)
      ids.push((await contact(env.t.admin, customer.id, { email: `${prefix}${i}-${tag}@example.com` })).id);
    const campaignId = await campaign();
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'contacts', ids }));
    const send = await ok(
      env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-sends`, {
        templateId: await newTemplate(),
        perSecond: 50,
      }),
      201,
    );
    return { tag, campaignId, send };
  };
  const members = (campaignId: number) => campaignMembers(env.t.admin, campaignId);

  it('mails members who may be mailed, with a plain-text part, a Message-ID and one-click unsubscribe headers; skips the rest by reason', async () => {
    await mailServer();
    const customer = await createCustomer(env.t.admin);
    const tag = unique('m').toLowerCase();
    const yes = await contact(env.t.admin, customer.id, { email: `yes-${tag}@example.com` });
    const suppressed = await contact(env.t.admin, customer.id, { email: `gone-${tag}@example.com` });
    await ok(
      env.t.admin.post('/api/v1/suppressions', {
        channel: 'email',
        address: `GONE-${tag}@example.com`,
        reason: '投诉',
      }),
      204,
    );
    const noConsent = await contact(env.t.admin, customer.id, { email: `ask-${tag}@example.com` }, false);
    const noAddress = await contact(env.t.admin, customer.id, {});
    const leftBefore = await contact(env.t.admin, customer.id, { email: `left-${tag}@example.com` });
    const lead = await createLead(env.t.admin, { email: `lead-${tag}@example.com` });
    const campaignId = await campaign();
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'contacts', ids: [leftBefore.id] }));
    const [left] = await members(campaignId);
    await ok(env.t.admin.patch(`/api/v1/campaigns/${campaignId}/members/${left!.id}`, { status: 'unsubscribed' }), 204);
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'leads', ids: [lead.id] }));
    const segmentId = await staticSegment([yes.id, suppressed.id, noConsent.id, noAddress.id]);
    const templateId = await newTemplate();

    // The lead has an address but never agreed to be mailed.
    const skipped = { suppressed: 1, noConsent: 2, noAddress: 1, unsubscribed: 1 };
    // Before it starts: how many would receive it, how many not and why.
    expect(
      await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-audience`, { templateId, segmentId })),
    ).toEqual({
      recipients: 1,
      skipped,
      byKind: {
        contacts: { recipients: 1, skipped: { suppressed: 1, noConsent: 1, noAddress: 1, unsubscribed: 1 } },
        leads: { recipients: 0, skipped: { noConsent: 1 } },
      },
    });
    // A throttle is a whole number of messages per second within bounds.
    const tooFast = await env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-sends`, {
      templateId,
      perSecond: 500,
    });
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.json().error.fields).toHaveProperty('perSecond');

    const send = await ok(
      env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId, segmentId, perSecond: 20 }),
      201,
    );
    expect(send).toMatchObject({ status: 'queued', counts: { total: 6, queued: 1, skipped: 5, sent: 0 }, skipped });
    await runJobs();

    const [message, ...more] = receivedBy(`yes-${tag}@example.com`);
    expect(more).toHaveLength(0);
    expect(env.smtp.received.some((m) => m.to.some((to) => to.includes(tag) && !to.startsWith('yes-')))).toBe(false);
    const raw = message!.raw;
    expect(raw).toMatch(/Content-Type: text\/plain/i);
    expect(raw).toMatch(/Content-Type: text\/html/i);
    expect(header(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(raw, 'List-Unsubscribe')).toMatch(
      /^<http:\/\/.+\/api\/public\/v1\/campaign-emails\/unsubscribe\/\d+\.[\w-]+>$/,
    );
    expect(header(raw, 'Message-ID')).toMatch(new RegExp(`^<campaign\\.${send.id}\\.\\d+\\.[0-9a-f]+@example\\.com>$`));
    expect(header(raw, 'DKIM-Signature')).toBeNull();

    const report = await ok(env.t.admin.get(`/api/v1/campaigns/${campaignId}/email-sends/${send.id}`));
    expect(report).toMatchObject({ status: 'done', counts: { total: 6, queued: 0, sent: 1, failed: 0, skipped: 5 } });
    expect((await ok(env.t.admin.get(`/api/v1/campaigns/${campaignId}/email-sends`)))[0].id).toBe(send.id);
    const byContact = new Map(
      (await members(campaignId)).filter((m) => m.entity === 'contacts').map((m) => [m.entityId, m.status]),
    );
    expect(byContact.get(yes.id)).toBe('sent');
    expect(byContact.get(noConsent.id)).toBe('planned');
    expect(byContact.get(leftBefore.id)).toBe('unsubscribed');
  });

  it('never mails a member twice when a run stops between sending and recording, and leaves no job running', async () => {
    const { tag, campaignId, send } = await sendToNewContacts('c', 5);
    // The third message goes out, then the run dies before recording it (as a killed process would).
    let sent = 0;
    const crashing: JobHandlers = {
      ...jobHandlers,
      'campaignEmail.send': (ctx, payload) =>
        deliverEmailSend(ctx, (payload as { sendId: number }).sendId, {
          afterSend: () => {
            if (++sent === 3) throw new Error('killed');
          },
        }),
    };
    await runJobs(crashing);
    expect(env.smtp.received.filter((m) => m.to[0]!.endsWith(`-${tag}@example.com`))).toHaveLength(3);
    const job = async () =>
      (
        await env.t.database.db
          .selectFrom('scheduledJobs')
          .select(['status', 'lastError', 'payload'])
          .where('kind', '=', 'campaignEmail.send')
          .execute()
      ).find((j) => readJson<{ sendId?: number }>(j.payload, {}).sendId === send.id)!;
    expect(await job()).toMatchObject({ status: 'pending', lastError: 'killed' });

    // The retry (after its backoff) resumes the send: the interrupted member is not mailed again, the others are.
    await runJobs(jobHandlers, 2);
    expect((await job()).status).toBe('done');
    const mine = env.smtp.received.filter((m) => m.to[0]!.endsWith(`-${tag}@example.com`));
    expect(mine).toHaveLength(5);
    const perMember = new Map<string, number>();
    for (const m of mine) perMember.set(m.to[0]!, (perMember.get(m.to[0]!) ?? 0) + 1);
    expect([...perMember.values()]).toEqual([1, 1, 1, 1, 1]);
    expect(new Set(mine.map((m) => header(m.raw, 'Message-ID'))).size).toBe(5);
    const report = await ok(env.t.admin.get(`/api/v1/campaigns/${campaignId}/email-sends/${send.id}`));
    expect(report).toMatchObject({ status: 'done', counts: { total: 5, queued: 0, sent: 4, failed: 1 } });
    const recorded = await env.t.database.db
      .selectFrom('campaignEmailRecipients')
      .select(['status', 'error', 'messageId'])
      .where('sendId', '=', send.id)
      .orderBy('id')
      .execute();
    expect(recorded[2]).toMatchObject({ status: 'failed', error: 'interrupted' });
    // Every Message-ID recorded is one the sink received exactly once.
    for (const r of recorded) expect(mine.filter((m) => header(m.raw, 'Message-ID') === r.messageId)).toHaveLength(1);
  });

  it('fails a send whose job has failed for good instead of leaving it "sending", and sends the rest when retried, nobody twice', async () => {
    const { tag, campaignId, send } = await sendToNewContacts('g', 3);
    // Every run dies after its first message has gone, before recording it.
    const crashing: JobHandlers = {
      ...jobHandlers,
      'campaignEmail.send': (ctx, payload) =>
        deliverEmailSend(ctx, (payload as { sendId: number }).sendId, {
          afterSend: () => {
            throw new Error('killed');
          },
        }),
    };
    const options = { retry: { maxAttempts: 2, backoffMs: 1_000 }, givenUp: jobGiveUps };
    await runDueJobs(ctx(), crashing, [], 'test', new Date(Date.now() + 3600_000), options);
    const url = `/api/v1/campaigns/${campaignId}/email-sends/${send.id}`;
    expect((await ok(env.t.admin.get(url))).status).toBe('sending');
    await runDueJobs(ctx(), crashing, [], 'test', new Date(Date.now() + 2 * 3600_000), options);

    const report = await ok(env.t.admin.get(url));
    expect(report).toMatchObject({ status: 'failed', counts: { total: 3, sent: 0, failed: 2, queued: 1 } });
    expect(report.finishedAt).toEqual(expect.any(String));
    const mine = env.smtp.received.filter((m) => m.to[0]!.endsWith(`-${tag}@example.com`));
    expect(mine.map((m) => m.to[0])).toEqual([`g0-${tag}@example.com`, `g1-${tag}@example.com`]);
    const recorded = await env.t.database.db
      .selectFrom('campaignEmailRecipients')
      .select(['status', 'error'])
      .where('sendId', '=', send.id)
      .orderBy('id')
      .execute();
    expect(recorded).toMatchObject([
      { status: 'failed', error: 'interrupted' },
      { status: 'failed', error: 'interrupted' },
      { status: 'queued' },
    ]);
    const jobs = await env.t.database.db
      .selectFrom('scheduledJobs')
      .select(['status', 'payload'])
      .where('kind', '=', 'campaignEmail.send')
      .execute();
    expect(jobs.filter((j) => readJson<{ sendId?: number }>(j.payload, {}).sendId === send.id)).toMatchObject([
      { status: 'failed' },
    ]);
    // Sent again, the failed send mails the member still queued, and nobody twice.
    expect((await ok(env.t.admin.patch(url, { action: 'resume' }))).status).toBe('queued');
    await runDueJobs(ctx(), jobHandlers, [], 'test', new Date(Date.now() + 3 * 3600_000), options);
    expect(await ok(env.t.admin.get(url))).toMatchObject({
      status: 'done',
      counts: { sent: 1, failed: 2, queued: 0 },
    });
    expect(env.smtp.received.filter((m) => m.to[0]!.endsWith(`-${tag}@example.com`))).toHaveLength(3);
  });

  it('pauses, resumes and cancels a send', async () => {
    await mailServer();
    const customer = await createCustomer(env.t.admin);
    const tag = unique('p').toLowerCase();
    const one = await contact(env.t.admin, customer.id, { email: `one-${tag}@example.com` });
    const campaignId = await campaign();
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'contacts', ids: [one.id] }));
    const send = await ok(
      env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId: await newTemplate() }),
      201,
    );
    const url = `/api/v1/campaigns/${campaignId}/email-sends/${send.id}`;
    expect((await ok(env.t.admin.patch(url, { action: 'pause' }))).status).toBe('paused');
    await runJobs();
    expect(receivedBy(`one-${tag}@example.com`)).toHaveLength(0);
    expect((await ok(env.t.admin.patch(url, { action: 'resume' }))).status).toBe('queued');
    await runJobs();
    expect(receivedBy(`one-${tag}@example.com`)).toHaveLength(1);
    expect((await ok(env.t.admin.get(url))).status).toBe('done');
    expect((await env.t.admin.patch(url, { action: 'cancel' })).statusCode).toBe(409);
    // A send of another campaign is not found under this one.
    const other = await campaign();
    expect((await env.t.admin.get(`/api/v1/campaigns/${other}/email-sends/${send.id}`)).statusCode).toBe(404);
  });

  it('fails a send at once when no outgoing mail server is set, leaving its recipients queued and no job running', async () => {
    await mailServer();
    const customer = await createCustomer(env.t.admin);
    const one = await contact(env.t.admin, customer.id, { email: `${unique('n').toLowerCase()}@example.com` });
    const campaignId = await campaign();
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'contacts', ids: [one.id] }));
    const send = await ok(
      env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId: await newTemplate() }),
      201,
    );
    await ok(env.t.admin.delete('/api/v1/settings/mail'), 204);
    await runJobs();
    const report = await ok(env.t.admin.get(`/api/v1/campaigns/${campaignId}/email-sends/${send.id}`));
    expect(report).toMatchObject({ status: 'failed', counts: { queued: 1, sent: 0 } });
    const running = await env.t.database.db
      .selectFrom('scheduledJobs')
      .select('id')
      .where('kind', '=', 'campaignEmail.send')
      .where('status', '=', 'running')
      .execute();
    expect(running).toEqual([]);
  });

  it('unsubscribes at once by a one-click POST; a GET only shows the confirmation page', async () => {
    await mailServer();
    const customer = await createCustomer(env.t.admin);
    const tag = unique('u').toLowerCase();
    const reader = await contact(env.t.admin, customer.id, { email: `reader-${tag}@example.com` });
    const campaignId = await campaign();
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'contacts', ids: [reader.id] }));
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId: await newTemplate() }), 201);
    await runJobs();
    const [message] = receivedBy(`reader-${tag}@example.com`);
    const link = oneClickLink(message!.raw);

    const get = await env.t.app.inject({ method: 'GET', url: link.pathname });
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toMatch(/^\/unsubscribe\/\d+\.[\w-]+$/);
    expect((await members(campaignId))[0]!.status).toBe('sent');
    // Without the one-click body it is refused; a forged token is not found.
    const bare = await env.t.app.inject({
      method: 'POST',
      url: link.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=Maybe',
    });
    expect(bare.statusCode).toBe(400);
    const forged = await env.t.app.inject({
      method: 'POST',
      url: link.pathname.replace(/\.[\w-]+$/, '.AAAAAAAAAAAAAAAAAAAAAA'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(forged.statusCode).toBe(404);

    const oneClick = await postOneClick(env.t.app, link);
    expect(oneClick.statusCode, oneClick.body).toBe(204);
    expect((await members(campaignId))[0]!.status).toBe('unsubscribed');
    const consents = await ok(env.t.admin.get(`/api/v1/contacts/${reader.id}/consents`));
    expect(consents.items.find((c: { channel: string }) => c.channel === 'email')).toMatchObject({
      state: 'withdrawn',
    });
    // Other routes still take no form bodies.
    const form = await env.t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${campaignId}/email-audience`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: env.t.admin.cookie,
        'x-csrf-token': env.t.admin.csrfToken,
      },
      payload: 'templateId=1',
    });
    expect(form.statusCode).toBe(415);
  });

  it('counts opens and clicks of people, not of bots or privacy proxies, and redirects only to the links sent', async () => {
    await mailServer();
    const customer = await createCustomer(env.t.admin);
    const tag = unique('t').toLowerCase();
    const reader = await contact(env.t.admin, customer.id, { email: `open-${tag}@example.com` });
    const campaignId = await campaign();
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'contacts', ids: [reader.id] }));
    const send = await ok(
      env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId: await newTemplate() }),
      201,
    );
    await runJobs();
    // Behaviour rules of lead scoring: the first open and the first click of a message count for the contact.
    const defaultGroup = (await ok(env.t.admin.get('/api/v1/scoring'))).groups.find(
      (g: { isDefault: boolean }) => g.isDefault,
    ).id;
    const scoringRules: number[] = [];
    for (const [event, points] of [
      ['email_opened', 1],
      ['email_clicked', 3],
    ] as const)
      scoringRules.push(
        (
          await ok(
            env.t.admin.post('/api/v1/scoring/rules', {
              groupId: defaultGroup,
              name: event,
              kind: 'behaviour',
              event,
              points,
            }),
            201,
          )
        ).id,
      );
    const links = linksIn(receivedBy(`open-${tag}@example.com`)[0]!.raw);
    const pixel = new URL(links.find((l) => l.includes('/t/o/'))!);
    const clicks = links.filter((l) => l.includes('/t/c/')).map((l) => new URL(l));
    expect(clicks).toHaveLength(2);
    expect(links.some((l) => l.startsWith('https://example.com/'))).toBe(false);
    // The plain-text part's links are the same tracked ones.
    const raw = receivedBy(`open-${tag}@example.com`)[0]!.raw;
    const text = raw.slice(raw.indexOf('Content-Type: text/plain'), raw.indexOf('Content-Type: text/html'));
    const unfolded = text.replace(/=\r\n/g, '').replace(/=3D/g, '=');
    expect(unfolded).not.toContain('https://example.com/');
    expect(unfolded.match(/\/t\/c\//g)).toHaveLength(2);

    const fetch = (url: URL, ua: string) =>
      env.t.app.inject({ method: 'GET', url: url.pathname, headers: { 'user-agent': ua } });
    for (const machine of [
      'Googlebot/2.1 (+http://www.google.com/bot.html)',
      'Mozilla/5.0',
      'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    ]) {
      const r = await fetch(pixel, machine);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('image/gif');
    }
    const tracking = async () =>
      (await ok(env.t.admin.get(`/api/v1/campaigns/${campaignId}/email-sends/${send.id}`))).tracking;
    expect(await tracking()).toMatchObject({ opens: 0, uniqueOpens: 0 });
    await fetch(pixel, personAgent);
    await fetch(pixel, personAgent);
    expect((await members(campaignId))[0]!.status).toBe('opened');

    const first = await fetch(clicks[0]!, personAgent);
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe('https://example.com/spring?a=1&b=2');
    expect((await fetch(clicks[1]!, 'Googlebot/2.1')).headers.location).toBe('https://example.com/price');
    // Another link index, or another recipient's signature, leads nowhere.
    const [, rid, , sig] = /\/(\d+)\.(\d+)\.([\w-]+)$/.exec(clicks[0]!.pathname)!;
    expect((await env.t.app.inject({ method: 'GET', url: `/api/public/v1/t/c/${rid}.7.${sig}` })).statusCode).toBe(404);
    expect(
      (await env.t.app.inject({ method: 'GET', url: `/api/public/v1/t/c/${Number(rid) + 1}.0.${sig}` })).statusCode,
    ).toBe(404);

    expect(await tracking()).toEqual({
      opens: 2,
      uniqueOpens: 1,
      clicks: 1,
      uniqueClicks: 1,
      links: [
        { url: 'https://example.com/spring?a=1&b=2', clicks: 1, uniqueClicks: 1 },
        { url: 'https://example.com/price', clicks: 0, uniqueClicks: 0 },
      ],
    });
    expect((await members(campaignId))[0]!.status).toBe('clicked');
    const scored = await ok(env.t.admin.get(`/api/v1/contacts/${reader.id}/score-reasons`));
    expect(scored.score).toBe(4);
    for (const id of scoringRules) await ok(env.t.admin.delete(`/api/v1/scoring/rules/${id}`), 204);
  });

  it('signs with DKIM when a key is set, keeping the key sealed and never showing it', async () => {
    const invalid = await env.t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      from: 'news@example.com',
      dkimDomain: 'example.com',
      dkimSelector: 'crm2026',
      dkimPrivateKey: 'not a key',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields).toHaveProperty('dkimPrivateKey');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const saved = await mailServer({ dkimDomain: 'Example.com', dkimSelector: 'crm2026', dkimPrivateKey: pem });
    expect(saved).toMatchObject({ dkimDomain: 'example.com', dkimSelector: 'crm2026', dkimKeySet: true });
    expect(JSON.stringify(await ok(env.t.admin.get('/api/v1/settings/mail')))).not.toContain('PRIVATE KEY');
    const stored = await env.t.database.db
      .selectFrom('settings')
      .selectAll()
      .execute()
      .catch(() => []);
    expect(JSON.stringify(stored)).not.toContain('PRIVATE KEY');

    const customer = await createCustomer(env.t.admin);
    const tag = unique('d').toLowerCase();
    const reader = await contact(env.t.admin, customer.id, { email: `dkim-${tag}@example.com` });
    const campaignId = await campaign();
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'contacts', ids: [reader.id] }));
    await ok(env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId: await newTemplate() }), 201);
    await runJobs();
    const signature = header(receivedBy(`dkim-${tag}@example.com`)[0]!.raw, 'DKIM-Signature');
    expect(signature).toMatch(/d=example\.com/);
    expect(signature).toMatch(/s=crm2026/);
    // Saving without a key keeps it; null removes it.
    expect((await mailServer({ dkimDomain: 'example.com', dkimSelector: 'crm2026' })).dkimKeySet).toBe(true);
    expect((await mailServer({ dkimPrivateKey: null })).dkimKeySet).toBe(false);
  });

  it('refuses a template that is not for marketing, and a campaign the caller does not see', async () => {
    const campaignId = await campaign();
    const notice = await ok(env.t.admin.post('/api/v1/email-templates', template({ category: 'service' })), 201);
    const refused = await env.t.admin.post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId: notice.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty('templateId');
    expect((await env.t.admin.post(`/api/v1/campaigns/999999/email-sends`, { templateId: notice.id })).statusCode).toBe(
      404,
    );
  });
});
