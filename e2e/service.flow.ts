import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, drawSignature, openContext, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

describe('service desk in the browser', () => {
  const suite = browserSuite();

  it('sets an SLA policy, opens a ticket, answers it with a canned answer, resolves it and records the callback rating', async () => {
    const api = suite.server.admin;
    await createCustomer(api, { name: '嘉兴印染有限公司' });
    await api.post('/api/v1/canned-answers', {
      title: '已受理报修',
      body: '{customer}您好，工单 {ticket} 已受理，工程师将在 2 小时内联系您。',
    });

    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.goto(`${suite.server.baseUrl}/admin/service`);
    await page.getByTestId('sla-new').click();
    await page.getByTestId('sla-name').fill('默认时限');
    await page.getByTestId('sla-response').fill('120');
    await page.getByTestId('row-save').click();
    await expect.poll(() => page.getByRole('cell', { name: '默认时限' }).isVisible()).toBe(true);

    await page.getByRole('menuitem', { name: /\s工单$/ }).click();
    await page.waitForURL('**/tickets');
    await page.getByTestId('new-ticket').click();
    await page.getByTestId('ticket-subject').fill('染色机温控失灵');
    await chooseOption(page, page.getByRole('combobox', { name: '客户' }), '嘉兴印染');
    await page.getByTestId('ticket-save').click();
    await page.waitForURL(/\/tickets\/\d+$/);
    await expect.poll(() => page.getByRole('heading', { name: '染色机温控失灵' }).isVisible()).toBe(true);
    expect(await page.getByTestId('sla-countdown').innerText()).toContain('响应时限');
    const [ticket] = (await api.get('/api/v1/tickets', { q: '染色机' })).json().items;

    await chooseOption(page, page.getByTestId('canned-answer'), '已受理报修', { showsChoice: false });
    await expect
      .poll(() => page.getByTestId('composer-body').inputValue())
      .toBe(`嘉兴印染有限公司您好，工单 ${ticket.number} 已受理，工程师将在 2 小时内联系您。`);
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('ticket-thread').innerText()).toContain(`工单 ${ticket.number} 已受理`);
    await expect
      .poll(async () => (await api.get(`/api/v1/tickets/${ticket.id}`)).json())
      .toMatchObject({ status: 'in_progress', firstResponseBreached: false });

    await page.getByTestId('ticket-resolve').click();
    await page.getByTestId('ticket-resolution').fill('更换温控模块，试机正常');
    await page.getByTestId('ticket-dialog-ok').click();
    await expect.poll(() => page.getByText('待回访', { exact: true }).first().isVisible()).toBe(true);

    // The callback: solved, five stars; the rating shows on the agent's satisfaction.
    await page.getByTestId('ticket-callback').click();
    // Five stars, clicked again until the rating shows them: a click while the dialog is still opening can be lost.
    const score = page.getByTestId('callback-score');
    await expect
      .poll(async () => {
        const full = await score.locator('li.ant-rate-star-full').count();
        if (full !== 5) await score.locator('li').nth(4).click();
        return full;
      })
      .toBe(5);
    await page.getByRole('textbox', { name: '客户意见' }).fill('工程师很专业');
    await page.getByTestId('ticket-dialog-ok').click();
    await expect
      .poll(async () => (await api.get(`/api/v1/tickets/${ticket.id}`)).json())
      .toMatchObject({ status: 'closed', satisfactionScore: 5, callbackSolved: true });
    await page.getByRole('menuitem', { name: /(^|\s)满意度$/ }).click();
    await page.waitForURL('**/satisfaction');
    const row = page.getByTestId('satisfaction-table').getByRole('row', { name: /系统管理员/ });
    await expect.poll(() => row.innerText()).toMatch(/1\s+5\.00\s+100\.00%/);
    await page.context().close();
  });

  it('writes and publishes a knowledge article, then finds and links it from a ticket about the same problem', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '绍兴化纤有限公司' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.getByRole('menuitem', { name: '知识库' }).click();
    await page.waitForURL('**/kb');
    await page.getByTestId('new-article').click();
    await page.getByTestId('article-title').fill('卷绕机断丝的处理');
    await page.getByTestId('rich-text-editor').locator('.ProseMirror').click();
    await page.keyboard.type('检查导丝钩磨损，必要时更换。');
    await page.getByRole('button', { name: '加粗' }).click();
    await page.keyboard.type('注意先停机。');
    await page.getByTestId('article-save').click();
    await page.waitForURL(/\/kb\/\d+$/);
    await expect.poll(() => page.getByTestId('article-body').innerHTML()).toContain('<strong>注意先停机。</strong>');
    await page.getByTestId('article-publish').click();
    await expect.poll(() => page.getByText('已发布', { exact: true }).isVisible()).toBe(true);
    const articleId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.locator('input[type=file]').setInputFiles({
      name: '导丝钩更换图.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% guide\n'),
    });
    await expect.poll(() => page.getByText('导丝钩更换图.pdf').isVisible()).toBe(true);
    expect((await api.get(`/api/v1/kb/articles/${articleId}/attachments`)).json()).toHaveLength(1);

    const ticket = (
      await api.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '3 号卷绕机频繁断丝' })
    ).json();
    await page.goto(`${suite.server.baseUrl}/tickets/${ticket.id}`);
    const suggested = page.getByTestId('suggested-articles');
    await expect.poll(() => suggested.innerText()).toContain('卷绕机断丝的处理');
    await suggested.getByRole('button', { name: '关联' }).click();
    await expect.poll(() => page.getByTestId('linked-articles').innerText()).toContain('卷绕机断丝的处理');
    expect((await api.get(`/api/v1/tickets/${ticket.id}/articles`)).json()).toHaveLength(1);
    await page.context().close();
  });

  it('records a customer’s asset and shows its warranty and service contract on a ticket about it', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '湖州电梯维保客户' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.getByRole('menuitem', { name: '设备与服务合同' }).click();
    await page.waitForURL('**/assets');
    await page.getByTestId('asset-new').click();
    await chooseOption(page, page.getByRole('dialog').getByRole('combobox', { name: '客户' }), '湖州电梯');
    await page.getByTestId('asset-name').fill('客梯 1 号');
    await page.getByRole('textbox', { name: '序列号' }).fill('EL-7788');
    await page.getByRole('textbox', { name: '保修截止' }).fill('2030-12-31');
    await page.keyboard.press('Enter');
    await page.getByTestId('asset-save').click();
    await expect.poll(() => page.getByRole('cell', { name: 'EL-7788' }).isVisible()).toBe(true);

    const [asset] = (await api.get('/api/v1/assets', { q: 'EL-7788' })).json().items;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await api.post('/api/v1/service-contracts', {
      name: '电梯全保合同',
      customerId: customer.id,
      startsOn: today,
      endsOn: '2030-12-31',
      visitsIncluded: 12,
      assetIds: [asset.id],
    });
    const ticket = (
      await api.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        assetId: asset.id,
        subject: '电梯门关不严',
      })
    ).json();
    await page.goto(`${suite.server.baseUrl}/tickets/${ticket.id}`);
    await expect.poll(() => page.getByTestId('warranty-tag').innerText()).toContain('保修至 2030-12-31');
    await page.getByTestId('record-usage').click();
    await page.getByRole('spinbutton', { name: '上门次数' }).fill('1');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确 ?定|OK/ })
      .click();
    await expect
      .poll(async () => (await api.get(`/api/v1/tickets/${ticket.id}/coverage`)).json().serviceContract.visitsUsed)
      .toBe(1);
    await expect.poll(() => page.getByText('1/12 次').isVisible()).toBe(true);
    await page.context().close();
  });

  it('dispatches a work order from a ticket; the technician accepts, checks in and completes it on a phone with the customer’s signature', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, {
      name: '萧山物流园',
      province: '浙江省',
      city: '杭州市',
      address: '空港大道 8 号',
    });
    const tech = await createUserClient(suite.server, 'service_agent');
    const ticket = (
      await api.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '冷库温度报警' })
    ).json();

    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.goto(`${suite.server.baseUrl}/tickets/${ticket.id}`);
    await page.getByTestId('new-work-order').click();
    await chooseOption(page, page.getByTestId('work-order-technician'), tech.username);
    await page.getByTestId('work-order-save').click();
    await expect.poll(() => page.getByTestId('ticket-work-orders').innerText()).toContain('已派工');
    await page.context().close();

    const phone = await signInPage(suite.browser, suite.server.baseUrl, tech.username, userPassword, 'en', {
      width: 390,
      height: 844,
    });
    await phone.goto(`${suite.server.baseUrl}/my-work-orders`);
    const [order] = (await api.get('/api/v1/work-orders', { ticketId: ticket.id })).json().items;
    await expect.poll(() => phone.getByTestId('my-work-orders').innerText()).toContain('浙江省 杭州市 空港大道 8 号');
    await phone.getByTestId(`accept-${order.id}`).click();
    await expect.poll(async () => (await api.get(`/api/v1/work-orders/${order.id}`)).json().status).toBe('accepted');
    await phone.getByTestId(`check-in-${order.id}`).click();
    await expect.poll(async () => (await api.get(`/api/v1/work-orders/${order.id}`)).json().status).toBe('on_site');
    await phone.getByTestId(`check-out-${order.id}`).click();
    await phone.getByTestId('work-done').fill('Replaced the thermostat; cold room back to -18 °C');
    await drawSignature(phone, phone.getByTestId('signature-pad'), [
      [20, 40],
      [120, 90],
      [220, 50],
    ]);
    await phone.getByRole('textbox', { name: 'Signed by' }).fill('Zhou');
    await phone.getByTestId('check-out-save').click();
    await expect
      .poll(async () => (await api.get(`/api/v1/work-orders/${order.id}`)).json())
      .toMatchObject({ status: 'completed', hasSignature: true, signedBy: 'Zhou' });
    await expect.poll(() => phone.getByText('No open jobs').isVisible()).toBe(true);
    expect((await api.get(`/api/v1/tickets/${ticket.id}`)).json().messages.at(-1).body).toContain(
      'Replaced the thermostat',
    );
    await phone.context().close();
  });

  it('sets a strategy for key customers and starts a key customer’s plan with it', async () => {
    const api = suite.server.admin;
    await createCustomer(api, { name: '宁波舟山港务', level: 'A' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.getByRole('menuitem', { name: '服务策略' }).click();
    await page.waitForURL('**/strategies');
    await page.getByTestId('strategy-new').click();
    await page.getByTestId('strategy-name').fill('专属客户经理');
    await chooseOption(page, page.getByRole('dialog').getByRole('combobox', { name: '适用客户级别' }), '重要客户');
    await page.keyboard.press('Escape');
    await page.getByTestId('strategy-save').click();
    await expect.poll(() => page.getByRole('cell', { name: '专属客户经理' }).isVisible()).toBe(true);

    await page.getByRole('tab', { name: '实施方案' }).click();
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-title').fill('港务集团年度服务方案');
    await chooseOption(page, page.getByRole('dialog').getByRole('combobox', { name: '客户' }), '宁波舟山');
    await page.getByTestId('plan-save').click();
    const row = page.getByRole('row', { name: /港务集团年度服务方案/ });
    await expect.poll(() => row.innerText()).toContain('专属客户经理');
    await page.context().close();
  });

  it('takes a request from the public web form on the website and turns it into a ticket', async () => {
    const api = suite.server.admin;
    const admin = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await admin.goto(`${suite.server.baseUrl}/admin/service`);
    await admin.getByRole('tab', { name: '网页表单' }).click();
    await admin.getByTestId('web-form-enabled').click();
    await expect.poll(async () => (await api.get('/api/v1/settings')).json().webFormEnabled).toBe(true);
    expect(await admin.getByTestId('web-form-snippet').inputValue()).toContain('/forms/ticket');
    await admin.context().close();

    // A visitor, not signed in.
    const context = await openContext(suite.browser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const visitor = await context.newPage();
    await visitor.goto(`${suite.server.baseUrl}/forms/ticket`);
    await visitor.getByRole('textbox', { name: '您的姓名' }).fill('赵先生');
    await visitor.getByRole('textbox', { name: '邮箱' }).fill('zhao@visitor.example');
    await visitor.getByRole('textbox', { name: '主题' }).fill('询问安装服务');
    // The answer is read where the server keeps it: the newest captcha is the one on the page.
    const newest = () =>
      suite.server.database.db
        .selectFrom('captchas')
        .select('answer')
        .orderBy('expiresAt', 'desc')
        .limit(1)
        .executeTakeFirst();
    await expect.poll(async () => Boolean(await newest())).toBe(true);
    const captcha = (await newest())!;
    await visitor.getByRole('textbox', { name: '验证码' }).fill(captcha.answer);
    await visitor.getByTestId('web-form-send').click();
    await expect.poll(() => visitor.getByTestId('web-form-done').innerText()).toMatch(/工单号是 T\d{6}-\d{5}/);
    const [ticket] = (await api.get('/api/v1/tickets', { q: '询问安装服务' })).json().items;
    expect(ticket).toMatchObject({ channel: 'web_form', requesterName: '赵先生' });
    await context.close();
  });
  it('shows the working calendar with China’s statutory holidays, takes a day of the company’s own, and offers “in N working days” for a due date', async () => {
    const { baseUrl, admin: api } = suite.server;
    const page = await signInPage(suite.browser, baseUrl, 'admin', adminPassword);
    await page.goto(`${baseUrl}/admin/service`);
    await page.getByRole('tab', { name: '工作时间与分配' }).click();
    const calendar = page.getByTestId('working-year');
    const day = (date: string) => calendar.locator(`[data-date="${date}"]`);
    const shownYear = async () => Number((await calendar.getByText(/^\d{4} 年$/).innerText()).slice(0, 4));
    while ((await shownYear()) > 2026) await calendar.getByRole('button', { name: '上一年' }).click();
    while ((await shownYear()) < 2026) await calendar.getByRole('button', { name: '下一年' }).click();
    // National Day off; the Saturday worked in its place; an ordinary Sunday off.
    await expect.poll(() => day('2026-10-01').getAttribute('data-worked')).toBe('false');
    expect(await day('2026-10-10').getAttribute('data-worked')).toBe('true');
    expect(await day('2026-10-11').getAttribute('data-worked')).toBe('false');
    expect(await day('2026-10-01').getAttribute('aria-label')).toContain('国庆节');

    // The company takes the make-up Saturday off too, and saves.
    await day('2026-10-10').click();
    // It is a working day already: making it one is offered, but not to be chosen.
    expect(await page.getByRole('menuitem', { name: '设为工作日' }).getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('menuitem', { name: '设为休息日' }).click();
    expect(await day('2026-10-10').getAttribute('data-worked')).toBe('false');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(async () => (await api.get('/api/v1/settings')).json().holidays).toContain('2026-10-10');

    // A year whose schedule is not yet in the data says so.
    await calendar.getByRole('button', { name: '下一年' }).click();
    const known = (await api.get('/api/v1/calendar/years/2027')).json().statutoryKnown as boolean;
    await expect.poll(() => calendar.getByText(/尚未收录 2027 年的法定节假日安排/).count()).toBe(known ? 0 : 1);

    // A task due in two working days.
    const expected = (await api.get('/api/v1/calendar/working-days', { days: 2 })).json().date as string;
    await page.goto(`${baseUrl}/tasks`);
    await page.getByRole('button', { name: '新建任务' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('截止时间').click();
    await page.getByLabel('个工作日后').fill('2');
    await page.getByRole('button', { name: '个工作日后' }).click();
    // The day moves; the time already in the form stays.
    await expect
      .poll(() => dialog.getByLabel('截止时间').inputValue())
      .toMatch(new RegExp(`^${expected} \\d{2}:\\d{2}$`));
    await page.context().close();
  });
});
