import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import {
  createCustomer,
  createDepartment,
  createFollowup,
  createLead,
  createUserClient,
  userPassword,
} from '../server/test/factories.ts';
import { browserSuite, signInPage } from './harness.ts';

describe('sales flows in the browser', () => {
  const suite = browserSuite();

  it('converts a lead into a customer and logs a follow-up with a next follow-up time', async () => {
    const lead = await createLead(suite.server.admin, {
      name: '林静',
      company: '厦门海湾物流有限公司',
      mobile: '13605920000',
    });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);

    await page.getByRole('menuitem', { name: /(^|\s)线索$/ }).click();
    await page.getByTestId('lead-search').getByRole('searchbox').fill('海湾');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: '林静' }).click();
    await page.waitForURL(`**/leads/${lead.id}`);
    await page.getByTestId('convert-lead').click();
    await expect.poll(() => page.getByRole('textbox', { name: '客户名称' }).inputValue()).toBe('厦门海湾物流有限公司');
    await page.getByTestId('convert-confirm').click();
    await page.waitForURL(/\/customers\/\d+$/);
    await expect.poll(() => page.getByRole('heading', { name: '厦门海湾物流有限公司' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: '13605920000' }).isVisible()).toBe(true);

    await page.getByTestId('log-followup').click();
    await page.getByTestId('followup-content').fill('电话确认需求，下周上门演示');
    const next = dayjs().add(1, 'day').format('YYYY-MM-DD') + ' 10:00';
    await page.getByTestId('followup-next').click();
    await page.getByTestId('followup-next').fill(next);
    await page.keyboard.press('Enter');
    await page
      .locator('.ant-drawer input[type=file]')
      .setInputFiles({ name: '需求清单.txt', mimeType: 'text/plain', buffer: Buffer.from('需求一\n需求二') });
    await page.getByTestId('followup-save').click();
    await expect.poll(() => page.getByTestId('next-followup').innerText()).toBe(next);
    await page.getByRole('tab', { name: '动态' }).click();
    await expect.poll(() => page.getByTestId('followup-card').first().innerText()).toContain('电话确认需求');
    await page.getByTestId('followup-card').first().getByRole('button', { name: '附件' }).click();
    await expect.poll(() => page.getByRole('button', { name: '需求清单.txt' }).isVisible()).toBe(true);

    // The planned follow-up is on the calendar, on its day.
    const customerId = Number(page.url().split('/').pop());
    const [followup] = (await suite.server.admin.get('/api/v1/followups', { customerId })).json().items;
    await page.getByRole('menuitem', { name: '日程' }).click();
    await page.waitForURL('**/calendar');
    const event = page.getByTestId(`day-${next.slice(0, 10)}`).getByTestId(`event-followup-${followup.id}`);
    await expect.poll(() => event.innerText()).toContain('10:00 厦门海湾物流有限公司');
    await page.context().close();
  });

  it('drags an opportunity across stages on the board, asking for the reason when it is lost', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '成都天府软件园' });
    const created = (
      await api.post('/api/v1/opportunities', { name: '园区网络改造', customerId: customer.id, amount: '88000' })
    ).json();
    // Wide enough for all six stages side by side, as on a desktop monitor.
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', {
      width: 1600,
      height: 900,
    });
    await page.getByRole('menuitem', { name: '商机' }).click();
    await page.waitForURL('**/opportunities');
    const card = page.getByTestId(`card-${created.id}`);
    await expect.poll(() => card.isVisible()).toBe(true);

    await card.dragTo(page.getByTestId('stage-proposal'));
    await expect
      .poll(() => page.getByTestId('stage-proposal').getByTestId(`card-${created.id}`).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByTestId('stage-total-proposal').innerText()).toContain('88,000.00');

    await page.getByTestId(`card-${created.id}`).dragTo(page.getByTestId('stage-lost'));
    await page.getByTestId('lost-reason').fill('预算取消');
    await page.getByRole('button', { name: /确 ?定|OK/ }).click();
    await expect.poll(() => page.getByTestId('stage-lost').getByTestId(`card-${created.id}`).isVisible()).toBe(true);
    expect((await api.get(`/api/v1/opportunities/${created.id}`)).json()).toMatchObject({
      status: 'lost',
      lostReason: '预算取消',
    });
    await page.context().close();
  });

  it('lets a sales rep claim a customer from the public pool', async () => {
    const api = suite.server.admin;
    const rep = await createUserClient(suite.server, 'sales_rep');
    const customer = await createCustomer(api, { name: '青岛啤酒花园餐饮' });
    expect((await api.post(`/api/v1/customers/${customer.id}/release`, { reason: '原负责人离职' })).statusCode).toBe(
      204,
    );
    const page = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword);
    await page.getByRole('menuitem', { name: /公海|Public pool/ }).click();
    await page.waitForURL('**/pool');
    await page.getByTestId(`claim-${customer.id}`).click();
    await page.waitForURL(`**/customers/${customer.id}`);
    await expect.poll(() => page.getByRole('heading', { name: '青岛啤酒花园餐饮' }).isVisible()).toBe(true);
    expect((await api.get(`/api/v1/customers/${customer.id}`)).json().ownerId).toBe(rep.userId);
    await page.context().close();
  });

  it('shows the leaderboard with the best seller first', async () => {
    const api = suite.server.admin;
    const rep = await createUserClient(suite.server, 'sales_rep');
    const [pipeline] = (await api.get('/api/v1/pipelines')).json();
    const won = pipeline.stages.find((s: { kind: string }) => s.kind === 'won').id;
    const customer = await createCustomer(rep, { name: '榜单客户' });
    expect(
      (
        await rep.post('/api/v1/opportunities', {
          name: '大单',
          customerId: customer.id,
          stageId: won,
          amount: '9999999',
        })
      ).statusCode,
    ).toBe(201);
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.getByRole('menuitem', { name: '光荣榜' }).click();
    await page.waitForURL('**/performance');
    const firstRow = page.getByTestId('leaderboard').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => firstRow.innerText()).toContain(rep.username);
    expect(await firstRow.innerText()).toContain('9,999,999.00');
    await page.context().close();
  });

  it('drafts a daily report from the day’s follow-ups, submits it, and shows it to the manager', async () => {
    const team = await createDepartment(suite.server, '日报小组');
    const rep = await createUserClient(suite.server, 'sales_rep', team);
    const manager = await createUserClient(suite.server, 'sales_manager', team);
    const customer = await createCustomer(rep, { name: '日报演示客户' });
    await createFollowup(rep, { customerId: customer.id, content: 'Discussed the renewal' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword);
    await page.getByRole('menuitem', { name: 'Daily reports' }).click();
    await page.waitForURL('**/daily-reports');
    await expect
      .poll(() => page.getByTestId('report-summary').inputValue())
      .toContain('日报演示客户: Discussed the renewal');
    await page.getByTestId('report-summary').fill('Renewal call with 日报演示客户; quote goes out tomorrow.');
    await expect.poll(() => page.getByTestId('report-summary').inputValue()).toContain('quote goes out tomorrow');
    await page.getByTestId('report-submit').click();
    // The confirmation first, then its OK; the submission's reply is awaited, so that a refused or slow
    // save under load says which.
    const confirm = page.getByRole('dialog').filter({ hasText: 'Submit the report?' });
    await expect.poll(() => confirm.getByRole('button', { name: 'OK' }).isVisible()).toBe(true);
    const submitted = page.waitForResponse(
      (response) => response.request().method() === 'PUT' && response.url().includes('/api/v1/daily-reports/mine/'),
      { timeout: 45_000 },
    );
    await confirm.getByRole('button', { name: 'OK' }).click();
    const reply = await submitted;
    expect(reply.status(), await reply.text()).toBe(200);
    await expect.poll(() => page.getByText('Submitted', { exact: true }).first().isVisible()).toBe(true);
    await page.context().close();

    const managerPage = await signInPage(suite.browser, suite.server.baseUrl, manager.username, userPassword);
    await managerPage.goto(`${suite.server.baseUrl}/daily-reports`);
    await managerPage.getByRole('tab', { name: 'Team reports' }).click();
    await managerPage.getByTestId('team-reports').getByText('quote goes out tomorrow', { exact: false }).click();
    await expect
      .poll(() => managerPage.getByRole('dialog').getByRole('link', { name: '日报演示客户' }).isVisible())
      .toBe(true);
    await managerPage.context().close();
  });
});
