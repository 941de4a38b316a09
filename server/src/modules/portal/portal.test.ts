import { readJson } from '../../db/json.ts';
import { describe, expect, it } from 'vitest';
import { type Client, clientFor } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { appWithMailServer } from '../../../test/smtp.ts';

const portalPassword = 'Portal2026';

function multipart(fileName: string, content: Buffer) {
  const boundary = 'portalboundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testDialects)('customer portal on %s', (dialect) => {
  const env = appWithMailServer(dialect);

  const login = (login: string, password: string, extra: Record<string, string> = {}) =>
    env.t.app.inject({ method: 'POST', url: '/api/portal/v1/login', payload: { login, password, ...extra } });
  const portalClient = (response: Awaited<ReturnType<typeof login>>): Client => {
    const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return clientFor(env.t.app, cookie, response.json().csrfToken, 0);
  };

  /** A customer with one contact who has accepted a portal invitation, signed in. */
  const companyOnPortal = async (name: string, email: string) => {
    const customer = await createCustomer(env.t.admin, { name });
    const contact = (
      await env.t.admin.post('/api/v1/contacts', { name: `${name}联系人`, customerId: customer.id, email })
    ).json();
    const invitation = (await env.t.admin.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, {})).json();
    const token = new URL(invitation.inviteUrl).searchParams.get('token');
    const accepted = await env.t.app.inject({
      method: 'POST',
      url: '/api/portal/v1/accept',
      payload: { token, password: portalPassword },
    });
    expect(accepted.statusCode).toBe(200);
    return { customer, contact, portal: portalClient(accepted) };
  };

  it('invites a contact by email, lets them set a password once, and keeps portal and staff sessions apart', async () => {
    const agent = await createUserClient(env.t, 'service_agent', await createDepartment(env.t, '门户客服'));
    const rep = await createUserClient(env.t, 'sales_rep', await createDepartment(env.t, '门户销售'));
    const customer = await createCustomer(env.t.admin, { name: '宁波港机械' });
    const noEmail = (await env.t.admin.post('/api/v1/contacts', { name: '无邮箱', customerId: customer.id })).json();
    expect(
      (await agent.post(`/api/v1/contacts/${noEmail.id}/portal-access/invite`, {})).json().error.fields,
    ).toHaveProperty('email');
    const contact = (
      await env.t.admin.post('/api/v1/contacts', {
        name: '周工',
        customerId: customer.id,
        email: 'Zhou@NBPort.example',
      })
    ).json();
    expect((await rep.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, {})).statusCode).toBe(403);
    expect((await agent.get(`/api/v1/contacts/${contact.id}/portal-access`)).statusCode).toBe(404);

    await env.t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      from: 'service@relate.example',
      fromName: 'Relate',
    });
    const invited = await agent.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, { locale: 'en' });
    expect(invited.statusCode).toBe(200);
    expect(invited.json()).toMatchObject({
      emailed: true,
      access: { login: 'zhou@nbport.example', status: 'invited' },
    });
    const mail = env.smtp.received.at(-1)!;
    expect(mail.to).toEqual(['zhou@nbport.example']);
    const token = new URL(invited.json().inviteUrl).searchParams.get('token')!;
    expect(mail.raw.replace(/=\r\n/g, '')).toContain(token);
    await env.t.admin.delete('/api/v1/settings/mail');

    const accept = (password: string) =>
      env.t.app.inject({ method: 'POST', url: '/api/portal/v1/accept', payload: { token, password } });
    expect((await accept('short')).json().error.fields).toHaveProperty('password');
    const accepted = await accept(portalPassword);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      customerId: customer.id,
      customerName: '宁波港机械',
      name: '周工',
      login: 'zhou@nbport.example',
      locale: 'en',
    });
    expect((await accept('Another2026')).statusCode).toBe(409);
    expect((await agent.get(`/api/v1/contacts/${contact.id}/portal-access`)).json()).toMatchObject({
      status: 'active',
    });

    const portal = portalClient(accepted);
    expect((await portal.get('/api/portal/v1/me')).json()).toMatchObject({ contactId: contact.id });
    // A page asks who is signed in without a 401 for visitors.
    expect((await portal.get('/api/portal/v1/session')).json()).toMatchObject({ session: { contactId: contact.id } });
    const visitor = await env.t.app.inject({ method: 'GET', url: '/api/portal/v1/session' });
    expect([visitor.statusCode, visitor.json()]).toEqual([200, { session: null }]);
    // A portal session opens nothing of the staff API, and a staff session nothing of the portal.
    expect((await portal.get('/api/v1/customers')).statusCode).toBe(401);
    expect((await portal.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await env.t.admin.get('/api/portal/v1/me')).statusCode).toBe(401);
    // Writes need the portal session's CSRF token.
    expect(
      (
        await portal.request('PATCH', '/api/portal/v1/me', {
          payload: { mobile: '13800000000' },
          headers: { 'x-csrf-token': 'wrong' },
        })
      ).statusCode,
    ).toBe(403);
    const profile = await portal.patch('/api/portal/v1/me', {
      mobile: '13800000001',
      title: '设备主管',
      locale: 'zh-CN',
    });
    expect(profile.json()).toMatchObject({ mobile: '13800000001', title: '设备主管', locale: 'zh-CN' });
    expect((await env.t.admin.get(`/api/v1/contacts/${contact.id}`)).json()).toMatchObject({
      mobile: '13800000001',
      title: '设备主管',
    });

    expect((await login('zhou@nbport.example', portalPassword)).statusCode).toBe(200);
    // Turning access off ends the sessions at once and refuses sign-in.
    expect((await agent.post(`/api/v1/contacts/${contact.id}/portal-access/disable`)).json()).toMatchObject({
      status: 'disabled',
    });
    expect((await portal.get('/api/portal/v1/me')).statusCode).toBe(401);
    expect((await portal.get('/api/portal/v1/session')).json()).toEqual({ session: null });
    expect((await login('zhou@nbport.example', portalPassword)).json().error.code).toBe('ACCOUNT_DISABLED');
    await agent.post(`/api/v1/contacts/${contact.id}/portal-access/enable`);
    expect((await login('ZHOU@nbport.example', portalPassword)).statusCode).toBe(200);

    const audit = (await env.t.admin.get('/api/v1/audit-logs', { entity: 'portal', pageSize: 50 }))
      .json()
      .items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['portal_accept', 'login', 'login_failed']));
  });

  it('emails a link for a forgotten password, only where the server knows its public address', async () => {
    const { portal, contact } = await companyOnPortal('湖州丝绸', 'buyer@hzsilk.example');
    expect((await portal.patch('/api/portal/v1/me', { locale: 'en' })).statusCode).toBe(200);
    const solvedCaptcha = async () => {
      const captcha = (await env.t.app.inject({ method: 'GET', url: '/api/portal/v1/captcha' })).json();
      const { answer } = await env.t.database.db
        .selectFrom('captchas')
        .select('answer')
        .where('id', '=', captcha.id)
        .executeTakeFirstOrThrow();
      return { captchaId: captcha.id, captchaText: answer };
    };
    const reset = async (login: string, captcha: Record<string, string>) =>
      env.t.app.inject({ method: 'POST', url: '/api/portal/v1/password-reset', payload: { login, ...captcha } });
    await env.t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      from: 'service@relate.example',
    });

    env.t.config.publicUrl = undefined;
    expect((await env.t.app.inject({ method: 'GET', url: '/api/portal/v1/branding' })).json().passwordReset).toBe(
      false,
    );
    expect((await reset('buyer@hzsilk.example', await solvedCaptcha())).json().error.code).toBe('CONFLICT');

    env.t.config.publicUrl = 'https://crm.example.com';
    try {
      expect((await env.t.app.inject({ method: 'GET', url: '/api/portal/v1/branding' })).json().passwordReset).toBe(
        true,
      );
      expect((await reset('buyer@hzsilk.example', {})).json().error.code).toBe('CAPTCHA_REQUIRED');
      const blank = await reset('  ', await solvedCaptcha());
      expect(blank.statusCode).toBe(400);
      expect(blank.json().error.fields).toHaveProperty('login');
      const before = env.smtp.received.length;
      // An unknown login gets the same answer and no mail.
      expect((await reset('nobody@hzsilk.example', await solvedCaptcha())).statusCode).toBe(202);
      const asked = await env.t.app.inject({
        method: 'POST',
        url: '/api/portal/v1/password-reset',
        headers: { host: 'evil.example' },
        payload: { login: 'Buyer@HZsilk.example', ...(await solvedCaptcha()) },
      });
      expect(asked.statusCode).toBe(202);
      await expect.poll(() => env.smtp.received.length, { timeout: 5000 }).toBe(before + 1);
      const mail = env.smtp.received.at(-1)!;
      expect(mail.to).toContain('buyer@hzsilk.example');
      const text = mail.raw
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      expect(text).toContain('reset your password');
      const link = text.match(/https:\/\/crm\.example\.com\/portal\/accept\?token=([\w-]+)/);
      expect(link, text).not.toBeNull();

      const accepted = await env.t.app.inject({
        method: 'POST',
        url: '/api/portal/v1/accept',
        payload: { token: link![1], password: 'Silk2027new' },
      });
      expect(accepted.statusCode).toBe(200);
      expect((await login('buyer@hzsilk.example', portalPassword)).statusCode).toBe(401);
      expect((await login('buyer@hzsilk.example', 'Silk2027new')).statusCode).toBe(200);
      // The link works once.
      expect(
        (
          await env.t.app.inject({
            method: 'POST',
            url: '/api/portal/v1/accept',
            payload: { token: link![1], password: 'Silk2028new' },
          })
        ).statusCode,
      ).toBe(409);
      const audit = await env.t.database.db
        .selectFrom('auditLogs')
        .select('detail')
        .where('action', '=', 'portal_reset_request')
        .execute();
      expect(audit.map((a) => readJson<{ known?: boolean }>(a.detail, {}).known)).toEqual([false, true]);
      // Links for customers follow PUBLIC_URL, not the address staff reached the server at.
      expect(
        (await env.t.admin.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, {})).json().inviteUrl,
      ).toMatch(/^https:\/\/crm\.example\.com\/portal\/accept\?token=/);
    } finally {
      env.t.config.publicUrl = undefined;
    }
  });

  it('asks for a captcha after failed sign-ins and locks the account like staff sign-in', async () => {
    await companyOnPortal('温州阀门厂', 'buyer@wzvalve.example');
    for (let i = 0; i < 3; i++)
      expect((await login('buyer@wzvalve.example', 'Wrong12345')).json().error.code).toBe('INVALID_CREDENTIALS');
    expect((await login('buyer@wzvalve.example', portalPassword)).json().error.code).toBe('CAPTCHA_REQUIRED');
    const captcha = (await env.t.app.inject({ method: 'GET', url: '/api/portal/v1/captcha' })).json();
    const answer = (
      await env.t.database.db
        .selectFrom('captchas')
        .select('answer')
        .where('id', '=', captcha.id)
        .executeTakeFirstOrThrow()
    ).answer;
    expect(
      (await login('buyer@wzvalve.example', portalPassword, { captchaId: captcha.id, captchaText: answer })).statusCode,
    ).toBe(200);

    await env.t.admin.patch('/api/v1/settings', { lockAfterFailures: 2, captchaAfterFailures: 5 });
    try {
      await login('buyer@wzvalve.example', 'Wrong12345');
      await login('buyer@wzvalve.example', 'Wrong12345');
      expect((await login('buyer@wzvalve.example', portalPassword)).json().error.code).toBe('ACCOUNT_LOCKED');
      expect((await login('nobody@wzvalve.example', 'Wrong12345')).json().error.code).toBe('INVALID_CREDENTIALS');
    } finally {
      await env.t.admin.patch('/api/v1/settings', { lockAfterFailures: 10, captchaAfterFailures: 3 });
    }
  });

  it('lets a customer open a ticket with a photo, follow the public thread, reply and rate — and shows them nothing of another company', async () => {
    const team = await createDepartment(env.t, '门户服务组');
    const agent = await createUserClient(env.t, 'service_agent', team);
    const a = await companyOnPortal('嘉兴纺织', 'it@jxtex.example');
    const b = await companyOnPortal('湖州丝绸', 'it@hzsilk.example');

    const created = await a.portal.post('/api/portal/v1/tickets', {
      type: 'repair',
      subject: '织机报警 E07',
      description: '三号车间织机开机报警',
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json();
    expect(ticket).toMatchObject({ status: expect.stringMatching(/new|assigned/), contactName: '嘉兴纺织联系人' });
    expect(
      (await a.portal.post('/api/portal/v1/tickets', { type: 'nonsense', subject: 'x' })).json().error.fields,
    ).toHaveProperty('type');
    expect((await a.portal.post('/api/portal/v1/tickets', { subject: '' })).json().error.fields).toHaveProperty(
      'subject',
    );
    const photo = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = await a.portal.request(
      'POST',
      `/api/portal/v1/tickets/${ticket.id}/attachments`,
      multipart('报警.png', photo),
    );
    expect(upload.statusCode).toBe(201);

    const staffView = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json();
    expect(staffView).toMatchObject({ channel: 'portal', customerId: a.customer.id, contactId: a.contact.id });
    await agent.post(`/api/v1/tickets/${ticket.id}/assign`, { assigneeId: agent.userId });
    await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'note', body: '内部：怀疑主板故障' });
    await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'reply', body: '请拍一张控制面板的照片' });
    await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'wait' });

    const seen = (await a.portal.get(`/api/portal/v1/tickets/${ticket.id}`)).json();
    expect(seen.status).toBe('waiting');
    expect(seen.messages.map((m: { body: string }) => m.body)).toEqual(['请拍一张控制面板的照片']);
    expect(JSON.stringify(seen)).not.toContain('主板');
    expect(seen.attachments).toHaveLength(1);
    const download = await a.portal.get(`/api/portal/v1/attachments/${seen.attachments[0].id}/download`);
    expect(download.rawPayload.equals(photo)).toBe(true);

    // The other company sees none of it: not in its list, 404 on every way in.
    expect((await b.portal.get('/api/portal/v1/tickets')).json().items.map((x: { id: number }) => x.id)).not.toContain(
      ticket.id,
    );
    expect((await b.portal.get(`/api/portal/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
    expect((await b.portal.post(`/api/portal/v1/tickets/${ticket.id}/messages`, { body: '看看' })).statusCode).toBe(
      404,
    );
    expect(
      (await b.portal.post(`/api/portal/v1/tickets/${ticket.id}/rating`, { solved: true, score: 1 })).statusCode,
    ).toBe(404);
    expect((await b.portal.get(`/api/portal/v1/attachments/${seen.attachments[0].id}/download`)).statusCode).toBe(404);
    expect(
      (await b.portal.request('POST', `/api/portal/v1/tickets/${ticket.id}/attachments`, multipart('x.png', photo)))
        .statusCode,
    ).toBe(404);

    // The customer's reply puts the waiting ticket back to work and tells the agent.
    const replied = (
      await a.portal.post(`/api/portal/v1/tickets/${ticket.id}/messages`, { body: '照片已上传' })
    ).json();
    expect(replied.status).toBe('in_progress');
    const thread = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json().messages;
    expect(thread.at(-1)).toMatchObject({ kind: 'customer', body: '照片已上传', authorName: '嘉兴纺织联系人' });
    const notes = (await agent.get('/api/v1/notifications')).json().items;
    expect(notes.some((n: { kind: string }) => n.kind === 'ticketCustomerReply')).toBe(true);

    expect(
      (await a.portal.post(`/api/portal/v1/tickets/${ticket.id}/rating`, { solved: true, score: 5 })).statusCode,
    ).toBe(409);
    await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'resolve', resolution: '更换主板' });
    const resolved = (await a.portal.get(`/api/portal/v1/tickets/${ticket.id}`)).json();
    expect(resolved).toMatchObject({ status: 'callback', resolution: '更换主板', canRate: true });
    expect(
      (await a.portal.post(`/api/portal/v1/tickets/${ticket.id}/rating`, { solved: true, score: 9 })).json().error
        .fields,
    ).toHaveProperty('score');
    const rated = (
      await a.portal.post(`/api/portal/v1/tickets/${ticket.id}/rating`, { solved: true, score: 5, comment: '响应很快' })
    ).json();
    expect(rated).toMatchObject({ status: 'closed', satisfactionScore: 5, canRate: false });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const csat = (await agent.get('/api/v1/tickets/satisfaction', { from: today, to: today, groupBy: 'agent' })).json();
    expect(csat.rows.find((r: { key: string }) => r.key === String(agent.userId))).toMatchObject({
      responses: 1,
      average: '5.00',
    });

    // Not solved sends the ticket back to work with the customer's words.
    const second = (await a.portal.post('/api/portal/v1/tickets', { subject: '噪音大' })).json();
    await agent.post(`/api/v1/tickets/${second.id}/assign`, { assigneeId: agent.userId });
    await agent.post(`/api/v1/tickets/${second.id}/transition`, { action: 'resolve', resolution: '已调整' });
    const unsolved = (
      await a.portal.post(`/api/portal/v1/tickets/${second.id}/rating`, {
        solved: false,
        score: 2,
        comment: '还是很响',
      })
    ).json();
    expect(unsolved).toMatchObject({ status: 'reopened' });
    expect(unsolved.messages.at(-1)).toMatchObject({ kind: 'customer', body: '还是很响' });

    const mine = (await a.portal.get('/api/portal/v1/tickets', { status: 'open' })).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toEqual([second.id]);
    expect((await env.t.app.inject({ method: 'GET', url: '/api/portal/v1/tickets' })).statusCode).toBe(401);
  });

  it('emails the service team’s replies to the customer, with the portal link for contacts on the portal', async () => {
    const { customer, contact } = await companyOnPortal('金华火腿', 'buyer@jinhua.example');
    await env.t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      from: 'service@relate.example',
    });
    try {
      const ticket = (
        await env.t.admin.post('/api/v1/tickets', {
          type: 'consultation',
          customerId: customer.id,
          contactId: contact.id,
          subject: '发货时间',
        })
      ).json();
      const before = env.smtp.received.length;
      // An internal note sends nothing; the reply sends one message.
      await env.t.admin.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'note', body: '内部备注不外发' });
      await env.t.admin.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'reply', body: '预计周五发货' });
      await expect.poll(() => env.smtp.received.length, { timeout: 5000 }).toBe(before + 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(env.smtp.received.length).toBe(before + 1);
      const mail = env.smtp.received.at(-1)!;
      expect(mail.to).toEqual(['buyer@jinhua.example']);
      const raw = mail.raw.replace(/=\r\n/g, '');
      expect(raw).toContain(`/portal/tickets/${ticket.id}`);
    } finally {
      await env.t.admin.delete('/api/v1/settings/mail');
    }
  });

  it("shows the company's orders, deliveries, invoices and amounts due read-only, and nobody else's", async () => {
    const a = await companyOnPortal('绍兴印染', 'fin@sxdye.example');
    const b = await companyOnPortal('台州汽配', 'fin@tzauto.example');
    const order = (
      await env.t.admin.post('/api/v1/orders', {
        title: '染色机配件',
        customerId: a.customer.id,
        lines: [{ name: '喷嘴', unit: '个', quantity: '10', unitPrice: '120.50', taxRate: '13' }],
      })
    ).json();
    await env.t.admin.post(`/api/v1/orders/${order.id}/submit`);
    const approved = (await env.t.admin.get(`/api/v1/orders/${order.id}`)).json();
    await env.t.admin.post(`/api/v1/orders/${order.id}/deliveries`, {
      deliveredOn: '2026-11-20',
      carrier: '顺丰',
      trackingNumber: 'SF123',
      lines: [{ orderLineId: approved.lines[0].id, quantity: '4' }],
    });
    await env.t.admin.put(`/api/v1/orders/${order.id}/payment-plan`, {
      instalments: [
        { dueDate: '2026-01-10', percent: '50' },
        { dueDate: '2099-01-10', percent: '50' },
      ],
    });
    await env.t.admin.post('/api/v1/invoices', {
      type: 'vat_ordinary',
      number: 'PT0001',
      issuedOn: '2026-11-21',
      customerId: a.customer.id,
      orderId: order.id,
      amount: '500',
      tax: '65',
      buyerTitle: '绍兴印染',
    });
    const draft = (
      await env.t.admin.post('/api/v1/orders', {
        title: '草稿',
        customerId: a.customer.id,
        lines: [{ name: 'x', quantity: '1', unitPrice: '1', taxRate: '0' }],
      })
    ).json();

    const orders = (await a.portal.get('/api/portal/v1/orders')).json();
    expect(orders.items.map((o: { id: number }) => o.id)).toEqual([order.id]);
    const detail = (await a.portal.get(`/api/portal/v1/orders/${order.id}`)).json();
    expect(detail).toMatchObject({
      total: '1361.65',
      lines: [{ name: '喷嘴', quantity: '10', delivered: '4' }],
      deliveries: [{ carrier: '顺丰', trackingNumber: 'SF123' }],
    });
    expect((await a.portal.get(`/api/portal/v1/orders/${draft.id}`)).statusCode).toBe(404);
    expect((await a.portal.get('/api/portal/v1/invoices')).json().items).toMatchObject([
      { number: 'PT0001', amount: '500.00', orderNumber: order.number },
    ]);
    const statement = (await a.portal.get('/api/portal/v1/statement')).json();
    expect(statement.totals).toEqual([{ currency: 'CNY', outstanding: '1361.65', overdue: '680.83' }]);
    expect(statement.instalments).toHaveLength(2);

    expect((await b.portal.get(`/api/portal/v1/orders/${order.id}`)).statusCode).toBe(404);
    expect((await b.portal.get('/api/portal/v1/orders')).json().items).toEqual([]);
    expect((await b.portal.get('/api/portal/v1/invoices')).json().items).toEqual([]);
    const [invoice] = (await a.portal.get('/api/portal/v1/invoices')).json().items;
    expect((await a.portal.get(`/api/portal/v1/invoices/${invoice.id}`)).json()).toMatchObject({
      number: 'PT0001',
      tax: '65.00',
    });
    expect((await b.portal.get(`/api/portal/v1/invoices/${invoice.id}`)).statusCode).toBe(404);
    expect((await b.portal.get('/api/portal/v1/statement')).json()).toMatchObject({ totals: [], instalments: [] });
    // Read-only: the portal has no way to change an order.
    expect((await a.portal.request('PATCH', `/api/portal/v1/orders/${order.id}`, { payload: {} })).statusCode).toBe(
      404,
    );
  });

  it('serves public FAQ articles to visitors, portal ones to signed-in customers, and internal ones to nobody', async () => {
    const { portal } = await companyOnPortal('义乌小商品', 'kb@yiwu.example');
    const publish = async (title: string, visibility: string) => {
      const article = (
        await env.t.admin.post('/api/v1/kb/articles', { title, body: `<p>${title}的处理步骤</p>`, visibility })
      ).json();
      await env.t.admin.post(`/api/v1/kb/articles/${article.id}/publish`);
      return article.id as number;
    };
    const open = await publish('打印机卡纸怎么办', 'public');
    const portalOnly = await publish('保修期内如何预约上门', 'portal');
    const internal = await publish('内部维修价目表', 'internal');
    const visitor = (url: string) => env.t.app.inject({ method: 'GET', url });
    const branding = (await visitor('/api/portal/v1/branding')).json();
    expect(branding).toMatchObject({
      hasLogo: false,
      ticketTypes: expect.arrayContaining([expect.objectContaining({ code: 'repair' })]),
    });

    const visitorIds = (await visitor('/api/portal/v1/kb?pageSize=200')).json().items.map((a: { id: number }) => a.id);
    expect(visitorIds).toContain(open);
    expect(visitorIds).not.toContain(portalOnly);
    expect((await visitor(`/api/portal/v1/kb/${portalOnly}`)).statusCode).toBe(404);
    const customerIds = (await portal.get('/api/portal/v1/kb', { pageSize: 200 }))
      .json()
      .items.map((a: { id: number }) => a.id);
    expect(customerIds).toEqual(expect.arrayContaining([open, portalOnly]));
    expect(customerIds).not.toContain(internal);
    expect((await portal.get(`/api/portal/v1/kb/${internal}`)).statusCode).toBe(404);
    expect(
      (await portal.get('/api/portal/v1/kb/suggest', { q: '保修 上门' })).json().map((a: { id: number }) => a.id),
    ).toContain(portalOnly);
    expect((await portal.post(`/api/portal/v1/kb/${portalOnly}/vote`, { helpful: true })).json()).toMatchObject({
      helpful: 1,
      myVote: true,
    });
    expect(
      (await env.t.app.inject({ method: 'POST', url: `/api/portal/v1/kb/${open}/vote`, payload: { helpful: true } }))
        .statusCode,
    ).toBe(401);

    // Files of an article: added by writers, downloadable wherever the article may be read.
    const manual = Buffer.from('%PDF-1.4\n% manual\n');
    for (const id of [open, internal])
      expect(
        (await env.t.admin.request('POST', `/api/v1/kb/articles/${id}/attachments`, multipart('说明书.pdf', manual)))
          .statusCode,
      ).toBe(201);
    const [file] = (await visitor(`/api/portal/v1/kb/${open}/attachments`)).json();
    expect(file).toMatchObject({ fileName: '说明书.pdf', contentType: 'application/pdf' });
    expect((await visitor(`/api/portal/v1/kb/${open}/attachments/${file.id}`)).rawPayload.equals(manual)).toBe(true);
    const [hidden] = (await env.t.admin.get(`/api/v1/kb/articles/${internal}/attachments`)).json();
    expect((await portal.get(`/api/portal/v1/kb/${internal}/attachments`)).statusCode).toBe(404);
    expect((await visitor(`/api/portal/v1/kb/${open}/attachments/${hidden.id}`)).statusCode).toBe(404);
    expect(
      (
        await (
          await createUserClient(env.t, 'sales_rep')
        ).request('POST', `/api/v1/kb/articles/${open}/attachments`, multipart('x.pdf', manual))
      ).statusCode,
    ).toBe(403);
  });
});
