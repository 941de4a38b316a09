import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';
import { openDatabase } from '../../db/database.ts';
import { loadActor } from '../../platform/authenticate.ts';
import type { AppError } from '../../platform/errors.ts';
import { consentFor, isSuppressed, mayMarketTo } from '../consent/index.ts';
import { sendToContact } from './sms.service.ts';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

type Received = { path: string; headers: IncomingMessage['headers']; body: string; signatureOk: boolean };

/**
 * Aliyun's V3 signature (ACS3-HMAC-SHA256) as the server checks it: the canonical request — method,
 * path, the query sorted by name with RFC 3986 encoding, the signed headers (host, x-acs-*,
 * content-type) as `name:value` lines, their names, and the body's SHA-256 (also sent as
 * x-acs-content-sha256) — hashed, and the hash signed with HMAC-SHA256 under the AccessKey secret.
 */
function aliyunSignatureOk(
  method: string,
  url: string,
  headers: IncomingMessage['headers'],
  body: string,
  secret: string,
) {
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(
    String(headers.authorization ?? ''),
  );
  if (!match) return false;
  const [path, search = ''] = url.split('?');
  const encode = (value: string) =>
    encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = search
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=').map((part) => decodeURIComponent(part.replace(/\+/g, '%20'))) as [string, string])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${encode(value ?? '')}`)
    .join('&');
  const signed = match[2]!.split(';');
  const canonicalHeaders = signed.map((name) => `${name}:${String(headers[name] ?? '').trim()}\n`).join('');
  if (headers['x-acs-content-sha256'] !== sha256(body)) return false;
  const canonical = [method, path, query, canonicalHeaders, signed.join(';'), sha256(body)].join('\n');
  const expected = hmac(secret, `ACS3-HMAC-SHA256\n${sha256(canonical)}`).toString('hex');
  return expected === match[3];
}

/**
 * Tencent's TC3-HMAC-SHA256: the canonical request (method, path, query, the content-type and host
 * headers — host without the port — their names, the body's SHA-256), the string to sign (algorithm,
 * X-TC-Timestamp, the scope `date/service/tc3_request`, the canonical request's SHA-256), signed with a key
 * derived from "TC3" + SecretKey by HMAC over the date, the service and "tc3_request".
 */
function tencentSignatureOk(
  method: string,
  url: string,
  headers: IncomingMessage['headers'],
  body: string,
  secret: string,
) {
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(
      String(headers.authorization ?? ''),
    );
  if (!match) return false;
  const [, , date, service, signedHeaders, signature] = match as unknown as string[];
  const [path, search = ''] = url.split('?');
  const host = String(headers.host ?? '').replace(/:\d+$/, '');
  const canonical = [
    method,
    path,
    search,
    `content-type:${headers['content-type']}\nhost:${host}\n`,
    signedHeaders,
    sha256(body),
  ].join('\n');
  const timestamp = String(headers['x-tc-timestamp']);
  if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date) return false;
  const toSign = ['TC3-HMAC-SHA256', timestamp, `${date}/${service}/tc3_request`, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${secret}`, date!), service!), 'tc3_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === signature && headers['x-tc-action'] === 'SendSms';
}

/** A local HTTP stub of a provider's API: records each request with whether its signature checked out. */
async function providerStub(
  check: (method: string, url: string, headers: IncomingMessage['headers'], body: string) => boolean,
  answer: (body: string, url: string) => unknown,
) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signatureOk = check(request.method ?? '', request.url ?? '', request.headers, body);
      received.push({ path: request.url ?? '', headers: request.headers, body, signatureOk });
      response.writeHead(signatureOk ? 200 : 400, { 'content-type': 'application/json' });
      response.end(JSON.stringify(signatureOk ? answer(body, request.url ?? '') : { Code: 'SignatureDoesNotMatch' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    endpoint: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(testDialects)('SMS and consent on %s', (dialect) => {
  let t: TestApp;
  let templateId: number;
  let contactId: number;
  let customerId: number;
  const mobile = '138 0013 8000';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const customer = await createCustomer(t.admin);
    customerId = customer.id;
    contactId = (
      await t.admin.post('/api/v1/contacts', { customerId, name: '王芳', mobile, email: 'wang@example.com' })
    ).json().id;
    const template = await t.admin.post('/api/v1/sms/templates', {
      name: '回访提醒',
      providerCode: 'SMS_123456',
      signature: '瑞联科技',
      content: '${name}您好，我们将于${date}回访。',
      variables: [
        { name: 'name', maxLength: 10 },
        { name: 'date', maxLength: 20 },
      ],
    });
    expect(template.statusCode).toBe(201);
    templateId = template.json().id;
  });
  afterAll(async () => t?.close());

  const send = (extra: Record<string, unknown> = {}, id = contactId) =>
    t.admin.post(`/api/v1/contacts/${id}/sms`, {
      templateId,
      variables: { name: '王女士', date: '12月8日' },
      ...extra,
    });
  const callbackUrl = async (kind: 'receipts' | 'replies') =>
    (await t.admin.get('/api/v1/settings/sms')).json().callbacks[kind] as string;

  it('sends through the outbox provider, logs it on the timeline and shows it in the outbox', async () => {
    expect((await send()).json().error.message).toBe('尚未配置短信服务商。');
    const saved = await t.admin.put('/api/v1/settings/sms', { provider: 'outbox', perRecipientPerHour: 3 });
    expect(saved.statusCode).toBe(200);
    const tooLong = await send({ variables: { name: '一二三四五六七八九十十一', date: '' } });
    expect(tooLong.statusCode).toBe(400);
    expect(Object.keys(tooLong.json().error.fields).sort()).toEqual(['variables.date', 'variables.name']);

    const sent = await send();
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      direction: 'out',
      phone: '13800138000',
      status: 'sent',
      provider: 'outbox',
      content: '【瑞联科技】王女士您好，我们将于12月8日回访。',
      contactName: '王芳',
    });
    const outbox = (await t.admin.get('/api/v1/sms/outbox')).json();
    expect(outbox.items[0]).toMatchObject({
      phone: '13800138000',
      signature: '瑞联科技',
      templateCode: 'SMS_123456',
      params: { name: '王女士', date: '12月8日' },
      messageId: sent.json().providerMessageId,
    });
    const timeline = (await t.admin.get(`/api/v1/customers/${customerId}/timeline`, { kinds: 'sms' })).json();
    expect(timeline.items[0]).toMatchObject({ kind: 'sms', sms: { id: sent.json().id, status: 'sent' } });

    // A delivery receipt, signed by the URL the settings show, marks it delivered; a wrong signature is refused.
    const receipts = await callbackUrl('receipts');
    const forged = await t.app.inject({
      method: 'POST',
      url: receipts.replace(/signature=\w+/, 'signature=0000'),
      payload: [{ messageId: sent.json().providerMessageId, delivered: true }],
    });
    expect(forged.statusCode).toBe(403);
    const receipt = await t.app.inject({
      method: 'POST',
      url: receipts,
      payload: [{ messageId: sent.json().providerMessageId, delivered: true }],
    });
    expect(receipt.statusCode).toBe(200);
    const after = (await t.admin.get(`/api/v1/customers/${customerId}/timeline`, { kinds: 'sms' })).json();
    expect(after.items[0].sms.status).toBe('delivered');
  });

  it('throttles per recipient with a clear 429', async () => {
    await t.admin.put('/api/v1/settings/sms', { provider: 'outbox', perRecipientPerHour: 2 });
    const other = (
      await t.admin.post('/api/v1/contacts', { customerId, name: '李雷', mobile: '+86 139-0000-1111' })
    ).json().id;
    expect((await send({}, other)).statusCode).toBe(201);
    expect((await send({}, other)).statusCode).toBe(201);
    const third = await send({}, other);
    expect(third.statusCode).toBe(429);
    expect(third.json().error.message).toContain('过去一小时已收到 2 条短信');
  });

  // SQLite runs one transaction at a time; on PostgreSQL several servers (or a pool) send side by side.
  it.runIf(dialect === 'postgres')(
    'lets no more than the hourly limit through when several servers send to one number at once',
    async () => {
      await t.admin.put('/api/v1/settings/sms', { provider: 'outbox', perRecipientPerHour: 3 });
      const crowded = (
        await t.admin.post('/api/v1/contacts', { customerId, name: '韩梅梅', mobile: '+86 137-0000-2222' })
      ).json().id;
      const servers = Array.from({ length: 6 }, () => openDatabase(t.databaseUrl));
      try {
        const actor = (await loadActor(t.database.db, t.admin.userId, { via: 'apikey' }, { headers: {} }))!;
        const input = { templateId, variables: { name: '韩女士', date: '12月8日' }, confirmUnsubscribed: false };
        const outcomes = await Promise.allSettled(
          servers.flatMap((server) =>
            [1, 2].map(() =>
              sendToContact({ db: server.db, dialect: server.dialect, config: t.config }, actor, crowded, input),
            ),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
        const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as AppError] : []));
        expect(refused.map((error) => error.code)).toEqual(Array(9).fill('RATE_LIMITED'));
      } finally {
        for (const server of servers) await server.close();
      }
    },
  );

  it('a “退订” reply suppresses the number, withdraws consent, and a send then needs confirmation', async () => {
    await t.admin.put('/api/v1/settings/sms', { provider: 'outbox', perRecipientPerHour: 20 });
    const rep = await createUserClient(t, 'sales_rep');
    const owned = (
      await rep.post('/api/v1/contacts', {
        customerId: (await createCustomer(rep)).id,
        name: '赵敏',
        mobile: '13700001234',
      })
    ).json();
    expect(
      (await rep.post(`/api/v1/contacts/${owned.id}/sms`, { templateId, variables: { name: '赵', date: '明天' } }))
        .statusCode,
    ).toBe(201);
    // Marketing consent granted on the contact page.
    const granted = await rep.put(`/api/v1/contacts/${owned.id}/consents`, {
      channel: 'sms',
      state: 'granted',
      source: 'form',
    });
    expect(granted.statusCode).toBe(200);
    expect(await mayMarketTo(t.database.db, owned.id, 'sms')).toBe(true);

    const reply = await t.app.inject({
      method: 'POST',
      url: await callbackUrl('replies'),
      payload: { phone: '+8613700001234', text: '退订' },
    });
    expect(reply.statusCode).toBe(200);
    expect(await isSuppressed(t.database.db, 'sms', '137-0000-1234')).toBe(true);
    expect((await consentFor(t.database.db, owned.id, 'sms')).state).toBe('withdrawn');
    expect(await mayMarketTo(t.database.db, owned.id, 'sms')).toBe(false);
    // The reply is on the timeline and its owner is told.
    const timeline = (await rep.get(`/api/v1/customers/${owned.customerId}/timeline`, { kinds: 'sms' })).json();
    expect(timeline.items[0].sms).toMatchObject({ direction: 'in', content: '退订', status: 'received' });
    const notes = (await rep.get('/api/v1/notifications')).json();
    expect(notes.items[0]).toMatchObject({ kind: 'smsReply', params: { unsubscribed: true } });

    expect((await rep.get(`/api/v1/contacts/${owned.id}/sms`)).json()).toEqual({
      mobile: '13700001234',
      unsubscribed: true,
    });
    const refused = await rep.post(`/api/v1/contacts/${owned.id}/sms`, {
      templateId,
      variables: { name: '赵', date: '明天' },
    });
    expect(refused.statusCode).toBe(409);
    const confirmed = await rep.post(`/api/v1/contacts/${owned.id}/sms`, {
      templateId,
      variables: { name: '赵', date: '明天' },
      confirmUnsubscribed: true,
    });
    expect(confirmed.statusCode).toBe(201);
    const consents = (await rep.get(`/api/v1/contacts/${owned.id}/consents`)).json().items;
    expect(consents.find((c: { channel: string }) => c.channel === 'sms')).toMatchObject({
      state: 'withdrawn',
      source: 'sms:outbox',
      suppressed: true,
    });
  });

  it('consent: never asked, granted, withdrawn; suppression by address; audited', async () => {
    expect(await consentFor(t.database.db, contactId, 'email')).toEqual({ state: null, source: null, at: null });
    expect(await mayMarketTo(t.database.db, contactId, 'email')).toBe(false);
    await t.admin.put(`/api/v1/contacts/${contactId}/consents`, {
      channel: 'email',
      state: 'granted',
      source: 'trade show',
    });
    expect(await mayMarketTo(t.database.db, contactId, 'email')).toBe(true);
    const added = await t.admin.post('/api/v1/suppressions', {
      channel: 'email',
      address: 'Wang@Example.com',
      reason: 'complaint',
    });
    expect(added.statusCode).toBe(204);
    expect(await isSuppressed(t.database.db, 'email', 'wang@example.com')).toBe(true);
    expect(await mayMarketTo(t.database.db, contactId, 'email')).toBe(false);
    const list = (await t.admin.get('/api/v1/suppressions', { channel: 'email' })).json();
    expect(list.items[0]).toMatchObject({ address: 'wang@example.com', reason: 'complaint' });
    expect((await t.admin.delete(`/api/v1/suppressions/${list.items[0].id}`)).statusCode).toBe(204);
    expect(await isSuppressed(t.database.db, 'email', 'wang@example.com')).toBe(false);
    const audit = (
      await t.admin.get('/api/v1/audit-logs', { entity: 'contacts', entityId: contactId, action: 'consent' })
    ).json();
    expect(audit.items.length).toBeGreaterThan(0);
    const viewer = await createUserClient(t, 'readonly');
    expect(
      (await viewer.put(`/api/v1/contacts/${contactId}/consents`, { channel: 'sms', state: 'granted', source: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await viewer.post(`/api/v1/contacts/${contactId}/sms`, { templateId })).statusCode).toBe(403);
  });

  it('sends through the Aliyun SDK to a stub that checks its ACS3-HMAC-SHA256 signature, and reads its receipts', async () => {
    const stub = await providerStub(
      (method, url, headers, body) => aliyunSignatureOk(method, url, headers, body, 'aliyun-secret'),
      () => ({ Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'r-1' }),
    );
    try {
      const saved = await t.admin.put('/api/v1/settings/sms', {
        provider: 'aliyun',
        perRecipientPerHour: 50,
        aliyun: {
          accessKeyId: 'LTAI-test',
          accessKeySecret: 'aliyun-secret',
          endpoint: stub.endpoint,
          protocol: 'http',
        },
      });
      expect(saved.statusCode).toBe(200);
      expect(JSON.stringify(saved.json())).not.toContain('aliyun-secret');
      expect(saved.json().aliyun).toMatchObject({ accessKeyId: 'LTAI-test', secretSet: true });
      const sent = await send();
      expect(sent.statusCode).toBe(201);
      expect(sent.json()).toMatchObject({
        provider: 'aliyun',
        status: 'sent',
        providerMessageId: '900619746936498440^0',
      });
      expect(stub.received).toHaveLength(1);
      expect(stub.received[0]!.signatureOk).toBe(true);
      const query = new URLSearchParams(stub.received[0]!.path.split('?')[1]);
      expect(query.get('PhoneNumbers')).toBe('13800138000');
      expect(query.get('SignName')).toBe('瑞联科技');
      expect(query.get('TemplateCode')).toBe('SMS_123456');
      expect(JSON.parse(query.get('TemplateParam')!)).toEqual({ name: '王女士', date: '12月8日' });

      // Saving again without the secret keeps it; a wrong secret fails the signature and the send (502, failed on the timeline).
      await t.admin.put('/api/v1/settings/sms', {
        provider: 'aliyun',
        perRecipientPerHour: 50,
        aliyun: { accessKeyId: 'LTAI-test', accessKeySecret: 'wrong', endpoint: stub.endpoint, protocol: 'http' },
      });
      const failed = await send();
      expect(failed.statusCode).toBe(502);
      expect(stub.received.at(-1)!.signatureOk).toBe(false);

      const receipt = await t.app.inject({
        method: 'POST',
        url: await callbackUrl('receipts'),
        payload: [
          {
            phone_number: '13800138000',
            send_time: '2026-12-07 10:00:00',
            report_time: '2026-12-07 10:00:05',
            success: false,
            err_code: 'MK:0001',
            err_msg: '用户关机',
            biz_id: '900619746936498440^0',
            out_id: '',
          },
        ],
      });
      expect(receipt.json()).toEqual({ code: 0, msg: '成功' });
      const timeline = (
        await t.admin.get(`/api/v1/customers/${customerId}/timeline`, { kinds: 'sms', limit: 50 })
      ).json();
      const aliyunSent = timeline.items.find((item: { sms: { id: number } }) => item.sms.id === sent.json().id);
      expect(aliyunSent.sms).toMatchObject({ status: 'failed', error: 'MK:0001 用户关机' });
      // An Aliyun SmsUp reply “TD”.
      const up = await t.app.inject({
        method: 'POST',
        url: await callbackUrl('replies'),
        payload: [
          {
            phone_number: '13800138000',
            send_time: '2026-12-07 10:01:00',
            content: 'TD',
            sign_name: '瑞联科技',
            dest_code: '1',
            sequence_id: 1,
          },
        ],
      });
      expect(up.statusCode).toBe(200);
      expect(await isSuppressed(t.database.db, 'sms', '13800138000')).toBe(true);
    } finally {
      await stub.close();
    }
  });

  it('sends through the Tencent SDK to a stub that checks its TC3-HMAC-SHA256 signature, and reads its receipts', async () => {
    const stub = await providerStub(
      (method, url, headers, body) => tencentSignatureOk(method, url, headers, body, 'tencent-secret'),
      () => ({
        Response: {
          SendStatusSet: [
            {
              SerialNo: '2028:f825e6b16e23f73f4123',
              PhoneNumber: '+8613900002222',
              Code: 'Ok',
              Message: 'send success',
            },
          ],
          RequestId: 'r-2',
        },
      }),
    );
    try {
      const saved = await t.admin.put('/api/v1/settings/sms', {
        provider: 'tencent',
        perRecipientPerHour: 50,
        tencent: {
          secretId: 'AKID-test',
          secretKey: 'tencent-secret',
          sdkAppId: '1400000000',
          region: 'ap-guangzhou',
          endpoint: stub.endpoint,
          protocol: 'http',
        },
      });
      expect(saved.statusCode).toBe(200);
      const recipient = (
        await t.admin.post('/api/v1/contacts', { customerId, name: '孙悦', mobile: '13900002222' })
      ).json().id;
      const sent = await send({}, recipient);
      expect(sent.statusCode).toBe(201);
      expect(sent.json()).toMatchObject({
        provider: 'tencent',
        status: 'sent',
        providerMessageId: '2028:f825e6b16e23f73f4123',
      });
      expect(stub.received[0]!.signatureOk).toBe(true);
      expect(JSON.parse(stub.received[0]!.body)).toEqual({
        PhoneNumberSet: ['+8613900002222'],
        SmsSdkAppId: '1400000000',
        SignName: '瑞联科技',
        TemplateId: 'SMS_123456',
        TemplateParamSet: ['王女士', '12月8日'],
      });
      const receipt = await t.app.inject({
        method: 'POST',
        url: await callbackUrl('receipts'),
        payload: [
          {
            user_receive_time: '2026-12-07 10:00:05',
            nationcode: '86',
            mobile: '13900002222',
            report_status: 'SUCCESS',
            errmsg: 'DELIVRD',
            description: '用户短信送达成功',
            sid: '2028:f825e6b16e23f73f4123',
          },
        ],
      });
      expect(receipt.json()).toEqual({ result: 0, errmsg: 'OK' });
      const timeline = (await t.admin.get(`/api/v1/customers/${customerId}/timeline`, { kinds: 'sms' })).json();
      expect(timeline.items[0].sms).toMatchObject({
        id: sent.json().id,
        status: 'delivered',
        statusAt: '2026-12-07T02:00:05.000Z',
      });
      const reply = await t.app.inject({
        method: 'POST',
        url: await callbackUrl('replies'),
        payload: {
          extend: '',
          mobile: '13900002222',
          nationcode: '86',
          sign: '瑞联科技',
          text: '好的，谢谢',
          time: 1765072800,
        },
      });
      expect(reply.statusCode).toBe(200);
      expect(await isSuppressed(t.database.db, 'sms', '13900002222')).toBe(false);
    } finally {
      await stub.close();
    }
  });
});
