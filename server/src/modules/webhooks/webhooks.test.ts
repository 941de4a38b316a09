import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { systemActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { jobHandlers } from '../../jobs.ts';
import { slaSweep } from '../tickets/index.ts';
import { deliverDueWebhooks, retryWindowMs } from './webhook-delivery.ts';
import { postJson, urlProblem } from './webhook-sender.ts';

type Received = { url: string; headers: IncomingHttpHeaders; body: string };

/** A real HTTP receiver on 127.0.0.1: keeps every request; `replies` answers the next ones (200 "ok" after them). */
async function startReceiver() {
  const received: Received[] = [];
  const replies: Array<{ status: number; body?: string }> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = replies.shift() ?? { status: 200, body: 'ok' };
      response.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    replies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a receiver does with a generic delivery: recompute the HMAC over timestamp "." raw body. */
function verified(request: Received, secret: string): boolean {
  const timestamp = String(request.headers['x-relate-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
  return request.headers['x-relate-signature'] === expected;
}

describe.each(testDialects)('outgoing webhooks on %s', (dialect) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const ctx = () => ({ db: t.database.db, dialect: t.database.dialect, config: t.config }) as AppContext;
  const soon = (ms = 1000) => new Date(Date.now() + ms);

  beforeAll(async () => {
    // Loopback receivers are allowed here only: by default a webhook may not reach the server's network.
    t = await createTestApp(dialect, { env: { WEBHOOKS_ALLOW_PRIVATE: '1' } });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });
  beforeEach(async () => {
    // Each test listens with its own webhooks only.
    await t.database.db.updateTable('webhooks').set({ enabled: 0, deletedAt: new Date().toISOString() }).execute();
    await t.database.db
      .updateTable('webhookDeliveries')
      .set({ status: 'skipped' })
      .where('status', '=', 'pending')
      .execute();
    receiver.received.length = 0;
    receiver.replies.length = 0;
  });

  async function addWebhook(fields: Record<string, unknown>) {
    const response = await t.admin.post('/api/v1/webhooks', { name: 'ERP', url: `${receiver.url}/hook`, ...fields });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }
  const deliveriesOf = (webhookId: number) =>
    t.database.db
      .selectFrom('webhookDeliveries')
      .selectAll()
      .where('webhookId', '=', webhookId)
      .orderBy('id')
      .execute();

  it('signs a created customer’s delivery, sent by the job, and the receiver verifies it', async () => {
    const hook = await addWebhook({ events: ['customer.created', 'customer.updated'] });
    expect(hook.secret).toMatch(/^whsec_/);
    const shown = (await t.admin.get(`/api/v1/webhooks/${hook.id}`)).json();
    expect(shown).not.toHaveProperty('secret');
    expect(shown.secretSet).toBe(true);
    expect(JSON.stringify((await t.admin.get('/api/v1/webhooks')).json())).not.toContain(hook.secret);

    const customer = await createCustomer(t.admin, { name: '杭州云栖科技有限公司' });
    // Queued with the change; nothing is sent by the request itself.
    expect(receiver.received).toHaveLength(0);
    // The change asked for a run of the job within ten seconds.
    await runDueJobs(ctx(), jobHandlers, [], 'test', soon(11_000));
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request.url).toBe('/hook');
    expect(verified(request, hook.secret)).toBe(true);
    expect(verified(request, 'whsec_other')).toBe(false);
    const body = JSON.parse(request.body);
    expect(request.headers['x-relate-event']).toBe('customer.created');
    expect(body).toMatchObject({ event: 'customer.created', data: { id: customer.id, name: '杭州云栖科技有限公司' } });
    expect(String(body.id)).toBe(request.headers['x-relate-delivery']);
    // The data is what the customer's own page answers.
    expect(body.data).toEqual((await t.admin.get(`/api/v1/customers/${customer.id}`)).json());
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ status: 'succeeded', responseCode: 200, responseExcerpt: 'ok', attempts: 1 });
    expect(delivery.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('retries after a 500 with a growing pause, and gives up after 24 hours', async () => {
    const hook = await addWebhook({ events: ['customer.created'] });
    receiver.replies.push({ status: 500, body: 'database down' });
    await createCustomer(t.admin);
    const start = soon();
    expect(await deliverDueWebhooks(ctx(), start)).toBe(1);
    let [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      responseCode: 500,
      responseExcerpt: 'database down',
    });
    expect(delivery.nextAttemptAt).toBe(new Date(start.getTime() + 30_000).toISOString());
    // Not before its time.
    expect(await deliverDueWebhooks(ctx(), new Date(start.getTime() + 20_000))).toBe(0);
    receiver.replies.push({ status: 503 });
    expect(await deliverDueWebhooks(ctx(), new Date(start.getTime() + 30_000))).toBe(1);
    [delivery] = await deliveriesOf(hook.id);
    // The second failure waits twice as long.
    expect(delivery.nextAttemptAt).toBe(new Date(start.getTime() + 90_000).toISOString());
    expect(await deliverDueWebhooks(ctx(), new Date(start.getTime() + 90_000))).toBe(1);
    [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseCode: 200 });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).id)).size).toBe(1);

    // A receiver that keeps failing: the delivery ends failed once the next try would pass 24 hours.
    receiver.replies.push({ status: 500 });
    await createCustomer(t.admin);
    const [, late] = await deliveriesOf(hook.id);
    const born = new Date(Date.now() - retryWindowMs + 10_000).toISOString();
    await t.database.db.updateTable('webhookDeliveries').set({ createdAt: born }).where('id', '=', late.id).execute();
    await deliverDueWebhooks(ctx(), soon());
    expect((await deliveriesOf(hook.id))[1]).toMatchObject({
      status: 'failed',
      responseCode: 500,
      nextAttemptAt: null,
    });
  });

  it('queues nothing for a change that is rolled back, and the delivery of one that commits', async () => {
    const hook = await addWebhook({ events: ['customer.created'] });
    const customer = await createCustomer(t.admin);
    await t.database.db.deleteFrom('webhookDeliveries').where('webhookId', '=', hook.id).execute();
    await expect(
      inTransaction(ctx(), async (ctx) => {
        await writeAudit(ctx.db, systemActor, { action: 'create', entity: 'customers', entityId: customer.id });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliveriesOf(hook.id)).toHaveLength(0);
    await deliverDueWebhooks(ctx(), soon());
    expect(receiver.received).toHaveLength(0);
    await inTransaction(ctx(), (ctx) =>
      writeAudit(ctx.db, systemActor, { action: 'create', entity: 'customers', entityId: customer.id }),
    );
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
  });

  it('sends only what the webhook’s owner may see', async () => {
    const east = await createDepartment(t, '华东销售部');
    const rep = await createUserClient(t, 'sales_rep', east);
    const hook = await addWebhook({ events: ['customer.created', 'customer.deleted'] });
    // The owner is now a sales rep, who sees only their own customers.
    await t.database.db.updateTable('webhooks').set({ ownerId: rep.userId }).where('id', '=', hook.id).execute();
    const hidden = await createCustomer(t.admin, { name: '总部大客户' });
    const own = await createCustomer(rep, { name: '销售自己的客户' });
    await deliverDueWebhooks(ctx(), soon());
    const deliveries = await deliveriesOf(hook.id);
    expect(deliveries.map((d) => [d.recordId, d.status, d.error])).toEqual([
      [hidden.id, 'skipped', 'not visible'],
      [own.id, 'succeeded', null],
    ]);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].body).not.toContain('总部大客户');
    expect(JSON.parse(receiver.received[0].body).data.name).toBe('销售自己的客户');
  });

  it('posts to a DingTalk robot in its markdown format with its signed secret', async () => {
    const secret = 'SEC0123456789abcdef';
    const hook = await addWebhook({
      kind: 'dingtalk',
      url: `${receiver.url}/robot/send?access_token=abc`,
      events: ['opportunity.won'],
      secret,
    });
    expect(hook.secret).toBeNull();
    expect(hook.secretSet).toBe(true);
    const [pipeline] = (await t.admin.get('/api/v1/pipelines')).json();
    const won = pipeline.stages.find((s: { kind: string }) => s.kind === 'won');
    const customer = await createCustomer(t.admin);
    const deal = (
      await t.admin.post('/api/v1/opportunities', { name: '空压机改造项目', customerId: customer.id, amount: '80000' })
    ).json();
    expect((await t.admin.patch(`/api/v1/opportunities/${deal.id}`, { stageId: won.id })).statusCode).toBe(200);
    receiver.replies.push({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    await deliverDueWebhooks(ctx(), soon());
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const query = new URL(request.url, receiver.url).searchParams;
    expect(query.get('access_token')).toBe('abc');
    const timestamp = query.get('timestamp')!;
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    // DingTalk's check: base64 HMAC-SHA256 of "timestamp\nsecret" with the secret, URL-encoded in the query.
    expect(query.get('sign')).toBe(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
    expect(request.url).toContain(`sign=${encodeURIComponent(query.get('sign')!)}`);
    const body = JSON.parse(request.body);
    expect(body.msgtype).toBe('markdown');
    // In the company's language (Chinese by default), naming the deal.
    expect(body.markdown.title).toBe('【Relate】商机赢单');
    expect(body.markdown.text).toContain('空压机改造项目');
    expect((await deliveriesOf(hook.id))[0].status).toBe('succeeded');

    // A robot's refusal (a non-zero errcode under HTTP 200) is retried like a failure.
    const other = (
      await t.admin.post('/api/v1/opportunities', { name: '第二个项目', customerId: customer.id, amount: '100' })
    ).json();
    await t.admin.patch(`/api/v1/opportunities/${other.id}`, { stageId: won.id });
    receiver.replies.push({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    await deliverDueWebhooks(ctx(), soon());
    expect((await deliveriesOf(hook.id))[1]).toMatchObject({ status: 'pending', responseCode: 200 });
  });

  it('posts a VIP ticket to a WeCom robot and every ticket to a signed Feishu robot', async () => {
    const wecom = await addWebhook({
      kind: 'wecom',
      url: `${receiver.url}/cgi-bin/webhook/send?key=k1`,
      events: ['ticket.vip_opened'],
    });
    const feishuSecret = 'feishu-secret';
    const feishu = await addWebhook({
      kind: 'feishu',
      url: `${receiver.url}/open-apis/bot/v2/hook/h1`,
      events: ['ticket.created'],
      secret: feishuSecret,
    });
    const key = await createCustomer(t.admin, { name: '重要客户甲', level: 'A' });
    const small = await createCustomer(t.admin, { name: '普通客户乙', level: 'B' });
    const vip = (
      await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: key.id, subject: '主机停机' })
    ).json();
    await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: small.id, subject: '面板松动' });
    await deliverDueWebhooks(ctx(), soon());
    // Only the key customer's ticket is a VIP ticket (the top level of the customer levels).
    expect((await deliveriesOf(wecom.id)).map((d) => d.recordId)).toEqual([vip.id]);
    const [toWecom] = receiver.received.filter((r) => r.url.startsWith('/cgi-bin'));
    expect(JSON.parse(toWecom.body)).toEqual({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('主机停机') },
    });
    expect(JSON.parse(toWecom.body).markdown.content).toContain('重要客户新工单');
    const toFeishu = receiver.received.filter((r) => r.url.startsWith('/open-apis'));
    expect(toFeishu).toHaveLength(2);
    for (const request of toFeishu) {
      const body = JSON.parse(request.body);
      expect(body.msg_type).toBe('text');
      expect(body.content.text).toMatch(/工单/);
      // Feishu's check: base64 HMAC-SHA256 of an empty message keyed by "timestamp\nsecret".
      expect(body.sign).toBe(createHmac('sha256', `${body.timestamp}\n${feishuSecret}`).update('').digest('base64'));
    }
    expect((await deliveriesOf(feishu.id)).every((d) => d.status === 'succeeded')).toBe(true);
  });

  it('raises an SLA breach for the tickets the sweep flags', async () => {
    const hook = await addWebhook({ events: ['ticket.sla_breached'] });
    const customer = await createCustomer(t.admin);
    const ticket = (
      await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '无响应' })
    ).json();
    await slaSweep(ctx(), new Date(Date.now() + 40 * 86_400_000));
    // Every open ticket is late by then (those of the tests before too): each breach is an event.
    const deliveries = await deliveriesOf(hook.id);
    expect(deliveries.every((d) => d.event === 'ticket.sla_breached')).toBe(true);
    expect(deliveries.filter((d) => d.recordId === ticket.id).length).toBeGreaterThanOrEqual(1);
    await deliverDueWebhooks(ctx(), soon());
    const body = receiver.received.map((r) => JSON.parse(r.body)).find((b) => b.data.id === ticket.id);
    expect(body).toMatchObject({
      event: 'ticket.sla_breached',
      data: { id: ticket.id },
      detail: { missed: 'firstResponse' },
    });
  });

  it('refuses URLs that are not http(s) or that reach the server’s own network', async () => {
    for (const url of ['ftp://example.com/hook', 'http://user:pw@example.com/hook', 'not a url']) {
      const response = await t.admin.post('/api/v1/webhooks', { name: 'x', url, events: ['customer.created'] });
      expect(response.statusCode, url).toBe(400);
    }
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://10.0.0.8/',
      'http://192.168.1.20/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
    ])
      expect(urlProblem(url, false), url).toBe('webhookUrlInternal');
    expect(urlProblem('https://oapi.dingtalk.com/robot/send?access_token=x', false)).toBeNull();
    expect(urlProblem('http://127.0.0.1:8080/', true)).toBeNull();
    // Checked again when sent: nothing reaches the receiver.
    const refused = await postJson(`${receiver.url}/hook`, '{}', {}, { allowPrivate: false });
    expect(refused).toMatchObject({ status: null, error: 'webhookUrlInternal' });
    expect(receiver.received).toHaveLength(0);
    // Bad events and kinds are refused too.
    expect(
      (await t.admin.post('/api/v1/webhooks', { name: 'x', url: receiver.url, events: ['customer.exploded'] }))
        .statusCode,
    ).toBe(400);
  });

  it('tests a webhook at once, resends a delivery, rotates the secret', async () => {
    const hook = await addWebhook({ events: ['customer.created'] });
    const ping = await t.admin.post(`/api/v1/webhooks/${hook.id}/test`);
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toMatchObject({ event: 'ping', status: 'succeeded', responseCode: 200 });
    expect(receiver.received).toHaveLength(1);
    expect(verified(receiver.received[0], hook.secret)).toBe(true);

    receiver.replies.push({ status: 404 });
    const failedPing = (await t.admin.post(`/api/v1/webhooks/${hook.id}/test`)).json();
    // A failed test is reported, not retried.
    expect(failedPing).toMatchObject({ status: 'failed', responseCode: 404 });

    const customer = await createCustomer(t.admin);
    await deliverDueWebhooks(ctx(), soon());
    const sent = (await deliveriesOf(hook.id)).find((d) => d.event === 'customer.created')!;
    const resent = await t.admin.post(`/api/v1/webhooks/deliveries/${sent.id}/resend`);
    expect(resent.statusCode).toBe(201);
    expect(resent.json()).toMatchObject({ status: 'pending', event: 'customer.created', recordId: customer.id });
    await deliverDueWebhooks(ctx(), soon());
    const last = receiver.received.at(-1)!;
    expect(JSON.parse(last.body)).toMatchObject({ id: resent.json().id, data: { id: customer.id } });

    const rotated = (await t.admin.post(`/api/v1/webhooks/${hook.id}/secret`)).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    await t.admin.post(`/api/v1/webhooks/${hook.id}/test`);
    expect(verified(receiver.received.at(-1)!, rotated.secret)).toBe(true);
    expect(verified(receiver.received.at(-1)!, hook.secret)).toBe(false);
    expect((await t.admin.post('/api/v1/webhooks/deliveries/2147483000/resend')).statusCode).toBe(404);
  });

  it('pages the delivery log beyond one page and filters it by status', async () => {
    const hook = await addWebhook({ events: ['customer.created'] });
    const at = new Date().toISOString();
    await insertRows(
      t.database.db,
      'webhookDeliveries',
      Array.from({ length: 130 }, (_, i) => ({
        webhookId: hook.id,
        event: 'customer.created',
        entity: 'customers',
        recordId: i + 1,
        payload: '{}',
        status: i % 3 === 0 ? ('failed' as const) : ('succeeded' as const),
        attempts: 1,
        nextAttemptAt: null,
        lockedAt: null,
        createdAt: at,
      })),
    );
    const first = (await t.admin.get(`/api/v1/webhooks/${hook.id}/deliveries`, { pageSize: 50 })).json();
    expect(first.total).toBe(130);
    expect(first.items).toHaveLength(50);
    const third = (await t.admin.get(`/api/v1/webhooks/${hook.id}/deliveries`, { pageSize: 50, page: 3 })).json();
    expect(third.items).toHaveLength(30);
    const ids = [...first.items, ...third.items].map((d: { id: number }) => d.id);
    expect(new Set(ids).size).toBe(80);
    const counted = await t.database.db
      .selectFrom('webhookDeliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('webhookId', '=', hook.id)
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow();
    const failed = (
      await t.admin.get(`/api/v1/webhooks/${hook.id}/deliveries`, { status: 'failed', pageSize: 10 })
    ).json();
    expect(failed.total).toBe(Number(counted.n));
    expect(failed.items.every((d: { status: string }) => d.status === 'failed')).toBe(true);
    expect((await t.admin.get('/api/v1/webhooks/2147483000/deliveries')).statusCode).toBe(404);
  });

  it('takes back a delivery whose sender stopped mid-send', async () => {
    const hook = await addWebhook({ events: ['customer.created'] });
    await createCustomer(t.admin);
    const [queued] = await deliveriesOf(hook.id);
    const crashedAt = new Date(Date.now() - 120_000).toISOString();
    await t.database.db
      .updateTable('webhookDeliveries')
      .set({ status: 'sending', lockedAt: crashedAt, attempts: 1 })
      .where('id', '=', queued.id)
      .execute();
    await deliverDueWebhooks(ctx(), soon());
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
  });
});
