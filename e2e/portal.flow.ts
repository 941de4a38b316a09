import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createUserClient, userPassword } from '../server/test/factories.ts';
import { startSmtpServer } from '../server/test/smtp.ts';
import { browserSuite, chooseOption, drawSignature, openContext, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };
const phoneSize = { width: 390, height: 844 };

describe('customer portal in the browser', () => {
  const suite = browserSuite();

  it('a customer raises a ticket on the portal and it goes to a service agent; the administrator answers it with a canned answer and dispatches a technician, who completes it on a phone; the rating lands on the agent’s CSAT', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, {
      name: '台州泵业有限公司',
      province: '浙江省',
      city: '台州市',
      address: '开发大道 66 号',
    });
    const contact = (
      await api.post('/api/v1/contacts', { name: '林工', customerId: customer.id, email: 'lin@tzpump.example' })
    ).json();
    await api.post('/api/v1/canned-answers', {
      title: '安排上门',
      body: '{contact}您好，工单 {ticket} 已安排工程师上门。',
    });
    const tech = await createUserClient(suite.server, 'service_agent');

    // Staff invite the contact from the customer's page and pass the link on.
    const agent = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await agent.goto(`${suite.server.baseUrl}/customers/${customer.id}`);
    await agent.getByRole('tab', { name: /联系人/ }).click();
    await agent.getByTestId(`portal-access-${contact.id}`).click();
    const invited = agent.waitForResponse((r) => r.url().endsWith(`/contacts/${contact.id}/portal-access/invite`));
    await agent
      .getByRole('dialog')
      .getByRole('button', { name: /邀 ?请/ })
      .click();
    expect((await invited).status()).toBe(200);
    const inviteUrl = await agent.getByTestId('portal-invite-url').innerText();
    expect(inviteUrl).toContain('/portal/accept?token=');
    await agent.keyboard.press('Escape');

    // The customer sets a password and raises a ticket with a photo.
    const context = await openContext(suite.browser, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1280, height: 900 },
    });
    const portal = await context.newPage();
    await portal.goto(inviteUrl.trim());
    await portal.getByLabel('新密码').fill('Portal2026');
    await portal.getByLabel('再次输入密码').fill('Portal2026');
    await portal.getByRole('button', { name: '设置密码并登录' }).click();
    await portal.waitForURL((url) => url.pathname === '/portal');
    await expect.poll(() => portal.getByText('台州泵业有限公司 · 林工').isVisible()).toBe(true);
    await portal.getByRole('button', { name: '提交服务请求' }).click();
    await portal.getByLabel('主题').fill('3 号水泵异响');
    await portal.getByLabel(/问题描述/).fill('开机后有金属摩擦声');
    await portal.locator('input[type=file]').setInputFiles({
      name: '现场.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    });
    await portal.getByTestId('portal-submit-ticket').click();
    await portal.waitForURL(/\/portal\/tickets\/\d+$/);
    await expect.poll(() => portal.getByText('现场.png').isVisible()).toBe(true);
    const [ticket] = (await api.get('/api/v1/tickets', { q: '3 号水泵' })).json().items;
    expect(ticket).toMatchObject({ channel: 'portal', customerId: customer.id, contactId: contact.id });
    // Routed to someone who works tickets, never to the administrator for holding every permission.
    expect(ticket.assigneeId).toEqual(expect.any(Number));
    expect(ticket.assigneeId).not.toBe(api.userId);

    // The agent answers with the canned answer and dispatches a technician.
    await agent.goto(`${suite.server.baseUrl}/tickets/${ticket.id}`);
    await chooseOption(agent, agent.getByTestId('canned-answer'), '安排上门', { showsChoice: false });
    await expect
      .poll(() => agent.getByTestId('composer-body').inputValue())
      .toBe(`林工您好，工单 ${ticket.number} 已安排工程师上门。`);
    await agent.getByTestId('composer-send').click();
    await expect.poll(() => agent.getByTestId('ticket-thread').innerText()).toContain('已安排工程师上门');
    await agent.getByTestId('new-work-order').click();
    await chooseOption(agent, agent.getByTestId('work-order-technician'), tech.username);
    await agent.getByTestId('work-order-save').click();
    await expect.poll(() => agent.getByTestId('ticket-work-orders').innerText()).toContain('已派工');

    await portal.reload();
    await expect.poll(() => portal.getByTestId('portal-message').first().innerText()).toContain('已安排工程师上门');

    // The technician works the job on a phone.
    const phone = await signInPage(
      suite.browser,
      suite.server.baseUrl,
      tech.username,
      userPassword,
      'zh-CN',
      phoneSize,
    );
    await phone.goto(`${suite.server.baseUrl}/my-work-orders`);
    const [order] = (await api.get('/api/v1/work-orders', { ticketId: ticket.id })).json().items;
    await expect.poll(() => phone.getByTestId('my-work-orders').innerText()).toContain('浙江省 台州市 开发大道 66 号');
    await phone.getByTestId(`accept-${order.id}`).click();
    await expect.poll(async () => (await api.get(`/api/v1/work-orders/${order.id}`)).json().status).toBe('accepted');
    await phone.getByTestId(`check-in-${order.id}`).click();
    await expect.poll(async () => (await api.get(`/api/v1/work-orders/${order.id}`)).json().status).toBe('on_site');
    await phone.locator('input[type=file]').setInputFiles({
      name: '轴承.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    });
    await expect
      .poll(async () => (await api.get(`/api/v1/work-orders/${order.id}/attachments`)).json())
      .toMatchObject([{ fileName: '轴承.png' }]);
    await phone.getByTestId(`check-out-${order.id}`).click();
    await phone.getByTestId('work-done').fill('更换轴承，试机无异响');
    await drawSignature(phone, phone.getByTestId('signature-pad'), [
      [20, 40],
      [160, 80],
    ]);
    await phone.getByTestId('check-out-save').click();
    await expect
      .poll(async () => (await api.get(`/api/v1/work-orders/${order.id}`)).json())
      .toMatchObject({ status: 'completed', hasSignature: true });
    await phone.context().close();

    // The agent resolves the ticket; the callback is the customer's own rating on the portal.
    await agent.reload();
    await agent.getByTestId('ticket-resolve').click();
    await agent.getByTestId('ticket-resolution').fill('更换轴承');
    await expect.poll(() => agent.getByTestId('ticket-resolution').inputValue()).toBe('更换轴承');
    await agent.getByTestId('ticket-dialog-ok').click();
    await expect
      .poll(async () => (await api.get(`/api/v1/tickets/${ticket.id}`)).json().status)
      .toBe('callback')
      .catch(async (error: Error) => {
        // Saved, the dialog closes; open, it says why not.
        const said = await agent.locator('.ant-modal-content').allInnerTexts();
        throw new Error(`${error.message}\nThe resolve dialog: ${said.join(' | ') || '(closed)'}`);
      });

    await portal.reload();
    const rating = portal.getByTestId('portal-rating');
    await rating.locator('.ant-rate-star').nth(4).click();
    await rating.getByLabel('意见或建议').fill('师傅很专业');
    await rating.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => portal.getByTestId('portal-ticket-status').innerText()).toBe('已关闭');
    await expect
      .poll(async () => (await api.get(`/api/v1/tickets/${ticket.id}`)).json())
      .toMatchObject({ status: 'closed', satisfactionScore: 5, callbackSolved: true });

    await agent.getByRole('menuitem', { name: /(^|\s)满意度$/ }).click();
    await agent.waitForURL('**/satisfaction');
    const row = agent.getByTestId('satisfaction-table').getByRole('row', { name: ticket.assigneeName });
    await expect.poll(() => row.innerText()).toMatch(/1\s+5\.00\s+100\.00%/);
    await agent.context().close();
    await context.close();
  });

  it('shows a signed-in customer their company’s orders and amounts due, and the FAQ to visitors', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '温岭机电' });
    const contact = (
      await api.post('/api/v1/contacts', { name: 'Amy', customerId: customer.id, email: 'amy@wenling.example' })
    ).json();
    const order = (
      await api.post('/api/v1/orders', {
        title: 'Spare parts',
        customerId: customer.id,
        lines: [{ name: 'Bearing', quantity: '8', unitPrice: '50', taxRate: '0' }],
      })
    ).json();
    await api.post(`/api/v1/orders/${order.id}/submit`);
    await api.put(`/api/v1/orders/${order.id}/payment-plan`, {
      instalments: [{ dueDate: '2099-06-30', percent: '100' }],
    });
    const article = (
      await api.post('/api/v1/kb/articles', {
        title: 'How to reset the pump controller',
        body: '<p>Hold <b>STOP</b> for five seconds.</p>',
        visibility: 'public',
      })
    ).json();
    await api.post(`/api/v1/kb/articles/${article.id}/publish`);
    const token = new URL(
      (await api.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, {})).json().inviteUrl,
    ).searchParams.get('token');

    // A visitor reads the FAQ without signing in.
    const context = await openContext(suite.browser, {
      locale: 'en',
      timezoneId: 'Asia/Shanghai',
      viewport: phoneSize,
    });
    const page = await context.newPage();
    await page.goto(`${suite.server.baseUrl}/portal/kb`);
    await page.getByRole('searchbox').fill('pump controller');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'How to reset the pump controller' }).click();
    await expect.poll(() => page.getByTestId('portal-article-body').innerHTML()).toContain('<b>STOP</b>');

    await page.goto(`${suite.server.baseUrl}/portal/accept?token=${token}`);
    await page.getByLabel('New password').fill('Portal2026');
    await page.getByLabel('Repeat the password').fill('Portal2026');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/portal');
    await page.goto(`${suite.server.baseUrl}/portal/orders`);
    await page.getByRole('button', { name: order.number }).click();
    await expect.poll(() => page.getByRole('dialog').innerText()).toContain('Bearing');
    await page.goto(`${suite.server.baseUrl}/portal/billing`);
    await expect.poll(() => page.getByTestId('portal-outstanding').innerText()).toContain('400.00');

    // The contact (whose portal language is Chinese) changes their password; a wrong current one is pointed out on its field.
    await page.goto(`${suite.server.baseUrl}/portal/profile`);
    await page.getByLabel('当前密码').fill('Wrong2026');
    await page.getByLabel('新密码').fill('Portal2027');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(['当前密码不正确']);
    await page.getByLabel('当前密码').fill('Portal2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => page.getByText('密码已修改').isVisible()).toBe(true);
    await context.close();
  });

  it('lets a contact who forgot the password set a new one from an emailed link', async () => {
    const smtp = await startSmtpServer();
    const api = suite.server.admin;
    try {
      await api.put('/api/v1/settings/mail', {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        from: 'service@relate.example',
      });
      suite.server.config.publicUrl = suite.server.baseUrl;
      const customer = await createCustomer(api, { name: '嘉兴纺织' });
      const contact = (
        await api.post('/api/v1/contacts', { name: 'Mia', customerId: customer.id, email: 'mia@jxtex.example' })
      ).json();
      const token = new URL(
        (await api.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, { locale: 'en' })).json().inviteUrl,
      ).searchParams.get('token');
      expect(
        (
          await suite.server.app.inject({
            method: 'POST',
            url: '/api/portal/v1/accept',
            payload: { token, password: 'Portal2026' },
          })
        ).statusCode,
      ).toBe(200);
      const mailsBefore = smtp.received.length;

      const context = await openContext(suite.browser, {
        locale: 'en',
        timezoneId: 'Asia/Shanghai',
        viewport: phoneSize,
      });
      const page = await context.newPage();
      await page.goto(`${suite.server.baseUrl}/portal/login`);
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      // The sign-in page has an Email field too: wait for the reset page before typing.
      await page.getByRole('heading', { name: /Reset your password/ }).waitFor();
      await page.getByLabel('Email').fill('mia@jxtex.example');
      await expect.poll(() => page.getByRole('img', { name: 'Captcha' }).isVisible()).toBe(true);
      const captcha = await suite.server.database.db
        .selectFrom('captchas')
        .select('answer')
        .orderBy('expiresAt', 'desc')
        .executeTakeFirstOrThrow();
      await page.getByRole('textbox', { name: 'Captcha' }).fill(captcha.answer);
      await page.getByRole('button', { name: 'Email me a link' }).click();
      await expect.poll(() => page.getByText('Check your email').isVisible()).toBe(true);

      await expect.poll(() => smtp.received.length).toBe(mailsBefore + 1);
      const text = smtp.received
        .at(-1)!
        .raw.replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      const link = text.match(/https?:\/\/\S+\/portal\/accept\?token=[\w-]+/)![0];
      await page.goto(link);
      await page.getByLabel('New password').fill('Portal2027');
      await page.getByLabel('Repeat the password').fill('Portal2027');
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/portal');
      await context.close();
    } finally {
      suite.server.config.publicUrl = undefined;
      await api.delete('/api/v1/settings/mail');
      await smtp.close();
    }
  });

  it('writes a survey, sends its link to a contact, and shows the answer in the results', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '丽水竹木' });
    await api.post('/api/v1/contacts', { name: '叶经理', customerId: customer.id, mobile: '13700000000' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.getByRole('menuitem', { name: '满意度调查' }).click();
    await page.waitForURL('**/surveys');
    await page.getByTestId('survey-new').click();
    await page.getByTestId('survey-name').fill('年度客户调查');
    await page.getByTestId('survey-add-question').click();
    await page.getByTestId('survey-question-1').fill('您最看重什么？');
    await page.getByRole('combobox', { name: '选项' }).fill('价格');
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: '选项' }).fill('质量');
    await page.keyboard.press('Enter');
    await page.getByTestId('survey-save').click();
    const row = page.getByRole('row', { name: /年度客户调查/ });
    await expect.poll(() => row.isVisible()).toBe(true);
    const [survey] = (await api.get('/api/v1/surveys')).json();
    expect(survey.questions).toMatchObject([
      { kind: 'rating', key: 'q1' },
      { kind: 'single', options: ['价格', '质量'], key: 'q2' },
    ]);

    await page.getByTestId(`survey-send-${survey.id}`).click();
    await page.getByRole('dialog').getByText('短信（链接）').click();
    await chooseOption(page, page.getByTestId('survey-contacts'), '叶经理');
    await page.getByRole('dialog').getByText('发送方式').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /发 ?送/ })
      .click();
    const link = (await page.getByRole('dialog').locator('.ant-typography').first().innerText()).trim();
    expect(link).toContain('/surveys/');

    const context = await openContext(suite.browser, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: phoneSize,
    });
    const visitor = await context.newPage();
    await visitor.goto(link);
    await visitor.locator('.ant-rate-star').nth(3).click();
    await visitor.getByRole('radio', { name: '质量' }).check();
    await visitor.getByTestId('survey-submit').click();
    await expect.poll(() => visitor.getByTestId('survey-done').isVisible()).toBe(true);
    await context.close();

    await page.keyboard.press('Escape');
    await page.reload();
    await page
      .getByRole('row', { name: /年度客户调查/ })
      .getByRole('button', { name: '结果' })
      .click();
    await expect.poll(() => page.getByTestId('survey-summary').innerText()).toMatch(/已回答\s+1/);
    await expect.poll(() => page.getByTestId('survey-result-q1').innerText()).toContain('100.00');
    await page.context().close();
  });
});
