import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCustomer, createDepartment, createUserClient, unique, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };
/** A date in the company's time zone (Asia/Shanghai), `days` from today. */
const shanghaiDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Types a value into an Ant Design date picker and confirms it with Enter, as a keyboard user would. */
async function typeDate(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await page.keyboard.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

describe('outbound call lists in the browser', () => {
  const suite = browserSuite();

  it('a manager builds a dunning list for two agents; an agent works it (a promise to pay, no answer, wrong number); the manager sees the progress and the call-center report', async () => {
    const t = suite.server;
    // Calls go out every day: a run on a public holiday must not find it no calling time.
    expect((await t.admin.patch('/api/v1/settings', { statutoryCalendar: false, holidays: [] })).statusCode).toBe(200);
    const department = await createDepartment(t, unique('电话催收组'));
    const manager = await createUserClient(t, 'sales_manager', department, {
      displayName: unique('催收主管'),
      locale: 'zh-CN',
    });
    const agentAName = unique('坐席甲');
    const agentBName = unique('坐席乙');
    const agentA = await createUserClient(t, 'service_agent', department, { displayName: agentAName, locale: 'zh-CN' });
    const agentB = await createUserClient(t, 'service_agent', department, { displayName: agentBName, locale: 'zh-CN' });

    // Agent A has a seat on a cloud call center whose click-to-dial requests land here.
    const dialRequests: string[] = [];
    const dialServer = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        dialRequests.push(body);
        response.writeHead(200, { 'content-type': 'application/json' }).end(`{"callId":"out-${dialRequests.length}"}`);
      });
    });
    await new Promise<void>((resolve) => dialServer.listen(0, '127.0.0.1', resolve));
    try {
      const connection = await t.admin.post('/api/v1/cti/connections', {
        name: '云呼叫中心',
        kind: 'cloud',
        secret: 'dunning-key',
        dialUrl: `http://127.0.0.1:${(dialServer.address() as AddressInfo).port}/callout`,
      });
      expect(connection.statusCode, connection.body).toBe(201);
      expect((await t.admin.put(`/api/v1/cti/seats/${agentA.userId}`, { extension: '8201' })).statusCode).toBe(200);
      await agentA.post('/api/v1/cti/seat/state', { state: 'available' });

      // Six customers, each with a contact and an approved order whose instalment is past due.
      const debtors = new Map<string, { customerId: number; orderId: number }>();
      for (let i = 1; i <= 6; i++) {
        const name = unique(`欠款客户${i}号`);
        const customer = await createCustomer(manager, { name });
        const contact = await manager.post('/api/v1/contacts', {
          customerId: customer.id,
          name: `联系人${i}`,
          mobile: `1390000100${i}`,
          isPrimary: true,
        });
        expect(contact.statusCode, contact.body).toBe(201);
        const order = (
          await manager.post('/api/v1/orders', {
            title: '设备款',
            customerId: customer.id,
            lines: [{ name: '设备', quantity: '1', unitPrice: `${i}000`, taxRate: '0' }],
          })
        ).json();
        await manager.post(`/api/v1/orders/${order.id}/submit`);
        const plan = await manager.put(`/api/v1/orders/${order.id}/payment-plan`, {
          mode: 'amount',
          instalments: [{ dueDate: shanghaiDate(-10 - i), amount: `${i}000` }],
        });
        expect(plan.statusCode, plan.body).toBe(200);
        debtors.set(name, { customerId: customer.id, orderId: order.id });
      }

      // ——— The manager builds the list ———
      const page = await signInPage(suite.browser, t.baseUrl, manager.username, userPassword, 'zh-CN', tall);
      const errors = errorsOf(page);
      await page.goto(`${t.baseUrl}/call-lists`);
      await expect.poll(() => page.getByTestId('call-list-list').innerText()).toContain('还没有外呼名单');
      await page.getByTestId('call-list-new').click();
      await page.waitForURL('**/call-lists/new');
      await chooseOption(page, page.getByTestId('call-list-source'), '逾期回款计划');
      // The source's setting and its live preview: six customers overdue by at least a day, none by 30.
      await expect.poll(() => page.getByTestId('call-list-preview-count').textContent()).toBe('6');
      await page.getByTestId('source-param-minDaysOverdue').fill('30');
      await expect.poll(() => page.getByTestId('call-list-preview-count').textContent()).toBe('0');
      await page.getByTestId('source-param-minDaysOverdue').fill('5');
      await expect.poll(() => page.getByTestId('call-list-preview-count').textContent()).toBe('6');
      await expect.poll(() => page.getByTestId('call-list-preview').innerText()).toContain('13900001001');
      await expect.poll(() => page.getByTestId('call-list-purpose').innerText()).toContain('电话催收');
      await page.getByTestId('call-list-name').fill('十二月逾期催收');
      // The script, with merge fields put in from the help under it; one the source does not know is refused.
      const script = page.getByTestId('call-list-script');
      await script.fill('您好，');
      await page.getByTestId('merge-fields').getByText('{{contactName}}').click();
      await script.press('End');
      await script.pressSequentially('，我是{{agentName}}。订单');
      await page.getByTestId('merge-fields').getByText('{{orderNumber}}').click();
      await script.press('End');
      await script.pressSequentially('尚欠{{overdueAmount}}元，已逾期{{daysOverdue}}天。{{nonsense}}');
      await page.getByTestId('call-list-calling-start').fill('00:00');
      await page.getByTestId('call-list-calling-end').fill('24:00');
      await chooseOption(page, page.getByTestId('call-list-agents'), agentAName);
      await chooseOption(page, page.getByTestId('call-list-agents'), agentBName);
      // A multiple select stays open for more: closed with Escape.
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await page.getByTestId('call-list-save').click();
      const scriptItem = page.locator('.ant-form-item').filter({ has: script });
      await expect.poll(() => scriptItem.locator('.ant-form-item-explain-error').innerText()).toContain('{{nonsense}}');
      expect(page.url()).toContain('/call-lists/new');
      // The browser logs the refused save (400) as a failed resource: the only error expected on this page.
      expect(errors).toEqual([expect.stringContaining('400')]);
      errors.length = 0;
      await script.fill((await script.inputValue()).replace('{{nonsense}}', ''));
      await page.getByTestId('call-list-save').click();
      await page.waitForURL(/\/call-lists\/\d+$/);
      const listId = Number(new URL(page.url()).pathname.split('/').pop());
      await expect.poll(() => page.getByTestId('call-list-progress').innerText()).toContain('0/6');
      await expect.poll(() => page.getByTestId('call-list-count-open').innerText()).toBe('6');
      const list = (await manager.get(`/api/v1/call-lists/${listId}`)).json();
      expect(list).toMatchObject({
        name: '十二月逾期催收',
        sourceKind: 'overdueInstalments',
        sourceParams: { minDaysOverdue: 5 },
        purpose: 'dunning',
        assignment: 'even',
        callingStart: '00:00',
        callingEnd: '24:00',
      });
      expect(list.script).toBe(
        '您好，{{contactName}}，我是{{agentName}}。订单{{orderNumber}}尚欠{{overdueAmount}}元，已逾期{{daysOverdue}}天。',
      );
      // Shared evenly: three each.
      const entries = (await manager.get(`/api/v1/call-lists/${listId}/entries`, { pageSize: 50 })).json().items;
      expect(entries.filter((e: { agentId: number }) => e.agentId === agentA.userId)).toHaveLength(3);
      expect(entries.filter((e: { agentId: number }) => e.agentId === agentB.userId)).toHaveLength(3);

      // ——— Agent A works the list ———
      const agentPage = await signInPage(suite.browser, t.baseUrl, agentA.username, userPassword, 'zh-CN', tall);
      const agentErrors = errorsOf(agentPage);
      await agentPage.getByRole('menuitem', { name: '我的外呼' }).click();
      await agentPage.waitForURL('**/my-calls');
      await expect.poll(() => agentPage.getByTestId('dialer-remaining').innerText()).toContain('3');
      const entryOnScreen = async () => {
        await agentPage.getByTestId('dialer-entry').waitFor();
        const customerName = await agentPage.getByTestId('dialer-customer').innerText();
        return {
          customerName,
          debtor: debtors.get(customerName)!,
          id: Number(await agentPage.getByTestId('dialer-entry').getAttribute('data-entry-id')),
        };
      };
      const outcome = (label: string) => agentPage.locator('label.ant-radio-button-wrapper').filter({ hasText: label });
      const nextEntry = async (after: number) => {
        await expect
          .poll(async () => Number(await agentPage.getByTestId('dialer-entry').getAttribute('data-entry-id')))
          .not.toBe(after);
        return entryOnScreen();
      };

      // 1. Who and why, the script filled in, click-to-dial through the seat; the customer promises to pay.
      const first = await entryOnScreen();
      expect(first.debtor).toBeTruthy();
      const script1 = await agentPage.getByTestId('dialer-script').innerText();
      expect(script1).toMatch(
        new RegExp(`^您好，联系人\\d，我是${agentAName}。订单\\S+尚欠\\d000\\.00元，已逾期\\d+天。$`),
      );
      expect(await agentPage.getByTestId('dialer-fact-daysOverdue').innerText()).toMatch(/^1\d$/);
      const number1 = await agentPage.getByTestId('dialer-number').innerText();
      await agentPage.getByTestId('dialer-dial').click();
      await expect.poll(() => dialRequests.length).toBe(1);
      expect(dialRequests[0]).toContain(number1);
      await outcome('承诺付款').click();
      // The amount due is offered; the promise is for 800 within a week.
      await expect.poll(() => agentPage.getByTestId('call-promise-amount').inputValue()).toMatch(/^\d,?000\.00$/);
      await agentPage.getByTestId('call-promise-amount').fill('800');
      await typeDate(agentPage, 'call-promise-date', shanghaiDate(7));
      await agentPage.getByTestId('call-note').fill('月底前转账');
      await agentPage.getByTestId('call-outcome-save').click();
      const second = await nextEntry(first.id);
      // The promise is a note on the customer's instalment.
      const notes = (await manager.get(`/api/v1/orders/${first.debtor.orderId}/instalment-notes`)).json().items;
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ promisedOn: shanghaiDate(7), promisedAmount: '800.00', currency: 'CNY' });
      expect(notes[0].body).toContain('月底前转账');

      // 2. No answer, tried again tomorrow at ten (keyboard: Alt+2 picks the second outcome, Ctrl+Enter saves).
      await agentPage.keyboard.press('Alt+2');
      await expect.poll(() => outcome('无人接听').getAttribute('class')).toContain('ant-radio-button-wrapper-checked');
      const retryAt = `${shanghaiDate(1)} 10:00`;
      await typeDate(agentPage, 'call-callback-at', retryAt);
      await agentPage.keyboard.press('Control+Enter');
      const third = await nextEntry(second.id);
      const rescheduled = (await agentA.get(`/api/v1/call-entries/${second.id}`)).json().entry;
      expect(rescheduled).toMatchObject({ status: 'open', lastOutcome: 'no_answer', attempts: 1 });
      expect(rescheduled.nextCallAt).toBe(new Date(`${shanghaiDate(1)}T10:00:00+08:00`).toISOString());

      // 3. Wrong number.
      expect(third.id).not.toBe(first.id);
      await outcome('号码错误').click();
      await agentPage.getByTestId('call-outcome-save').click();
      // Nothing more due now: the unanswered one waits for tomorrow.
      await expect.poll(() => agentPage.getByTestId('dialer-empty').innerText()).toContain(`${shanghaiDate(1)} 10:00`);
      expect(await agentPage.getByTestId('dialer-remaining').innerText()).toContain('1');

      // ——— The manager sees the progress and the report ———
      await page.reload();
      await expect.poll(() => page.getByTestId('call-list-progress').innerText()).toContain('2/6');
      await expect.poll(() => page.getByTestId('call-list-count-attempts').innerText()).toBe('3');
      await expect.poll(() => page.getByTestId('call-list-count-reached').innerText()).toBe('1');
      await chooseOption(page, page.getByTestId('call-entry-outcome-filter'), '承诺付款');
      await expect.poll(() => page.getByTestId('call-entry-list').locator('tbody tr.ant-table-row').count()).toBe(1);
      expect(await page.getByTestId('call-entry-list').innerText()).toContain(first.customerName);

      await page.goto(`${t.baseUrl}/call-center`);
      const lists = page.getByTestId('call-center-lists');
      await expect.poll(() => lists.innerText()).toContain('十二月逾期催收');
      const row = lists.getByRole('row').filter({ hasText: '十二月逾期催收' });
      for (const label of ['承诺付款', '无人接听', '号码错误'])
        await expect.poll(() => lists.innerText()).toContain(label);
      await expect.poll(() => row.innerText()).toMatch(/33\.33%/);
      const agents = page.getByTestId('call-center-agents');
      await expect.poll(() => agents.innerText()).toContain(agentAName);
      // Each agent's totals over the period, and the overall total under them.
      await expect.poll(() => page.getByTestId('call-center-agent-totals').innerText()).toContain(agentAName);
      await expect.poll(() => page.getByTestId('call-center-total').innerText()).toContain('合计');
      expect(errors).toEqual([]);
      expect(agentErrors).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => dialServer.close(() => resolve()));
    }
  });
  it('a manager builds call lists from a segment and from a saved report: the records they see, at their contacts’ numbers', async () => {
    const t = suite.server;
    const department = await createDepartment(t, unique('分群外呼组'));
    const manager = await createUserClient(t, 'sales_manager', department, {
      displayName: unique('外呼主管'),
      locale: 'zh-CN',
    });
    const agentName = unique('坐席丙');
    await createUserClient(t, 'service_agent', department, { displayName: agentName, locale: 'zh-CN' });
    const tag = unique('华东');
    for (const [i, owner] of [manager, manager, t.admin].entries()) {
      const customer = await createCustomer(owner, { name: `${tag}客户${i}`, level: 'A' });
      const contact = await owner.post('/api/v1/contacts', {
        customerId: customer.id,
        name: `${tag}联系人${i}`,
        mobile: `1390000200${i}`,
        isPrimary: true,
      });
      expect(contact.statusCode, contact.body).toBe(201);
    }
    const byName = { combinator: 'and', rules: [{ field: 'name', op: 'contains', value: tag }] };
    const segmentName = unique('A级客户分群');
    const segment = await manager.post('/api/v1/segments', {
      name: segmentName,
      entity: 'customers',
      kind: 'dynamic',
      filter: byName,
    });
    expect(segment.statusCode, segment.body).toBe(201);
    const reportName = unique('华东客户报表');
    const report = await manager.post('/api/v1/reports', {
      name: reportName,
      definition: {
        source: 'customers',
        groupBy: [{ field: 'level' }],
        measures: [{ aggregate: 'count' }],
        filters: [{ field: 'name', op: 'contains', value: tag }],
      },
      chart: 'table',
    });
    expect(report.statusCode, report.body).toBe(201);

    const page = await signInPage(suite.browser, t.baseUrl, manager.username, userPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    const build = async (sourceLabel: string, param: string, choice: string, name: string) => {
      await page.goto(`${t.baseUrl}/call-lists/new`);
      await chooseOption(page, page.getByTestId('call-list-source'), sourceLabel);
      await chooseOption(page, page.getByTestId(param), choice);
      // The manager's two customers; the administrator's is not theirs to see.
      await expect.poll(() => page.getByTestId('call-list-preview-count').textContent()).toBe('2');
      await expect.poll(() => page.getByTestId('call-list-preview').innerText()).toContain('13900002000');
      await page.getByTestId('call-list-name').fill(name);
      await chooseOption(page, page.getByTestId('call-list-agents'), agentName);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await page.getByTestId('call-list-save').click();
      await page.waitForURL(/\/call-lists\/\d+$/);
      await expect.poll(() => page.getByTestId('call-list-count-open').innerText()).toBe('2');
      return Number(new URL(page.url()).pathname.split('/').pop());
    };
    const fromSegment = await build('客户分群', 'source-param-segmentId', segmentName, '分群回访');
    expect((await manager.get(`/api/v1/call-lists/${fromSegment}`)).json()).toMatchObject({
      sourceKind: 'segment',
      sourceParams: { segmentId: segment.json().id },
    });
    const fromReport = await build('已保存的报表', 'source-param-reportId', reportName, '报表回访');
    expect((await manager.get(`/api/v1/call-lists/${fromReport}`)).json()).toMatchObject({
      sourceKind: 'savedReport',
      sourceParams: { reportId: report.json().id },
    });
    expect(errors).toEqual([]);
  });
});
