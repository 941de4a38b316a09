import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createUserClient } from '../server/test/factories.ts';
import { browserSuite, chooseOption, openColumnChooser, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

/** Moves through an open choice with the arrow keys until `label` is the active option, and takes it. */
async function pickOpenOption(page: Page, label: string) {
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  await expect
    .poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').count())
    .toBeGreaterThan(0);
  for (let step = 0; !(await active.allInnerTexts()).some((text) => text.includes(label)); step++) {
    if (step > 50) throw new Error(`No option "${label}" reached with the arrow keys`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

const rowOf = (page: Page, text: string): Locator =>
  page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: text });

describe('bulk and inline edit in the browser', () => {
  const suite = browserSuite();

  it('edits a customer cell in place (refused, then saved), changes the level of a page of customers and assigns tickets in bulk', async () => {
    const api = suite.server.admin;
    // More customers than the list's page: a bulk edit of the page changes the page's customers only.
    const customers = [];
    for (let i = 0; i < 25; i++)
      customers.push(await createCustomer(api, { name: `批改客户${String(i).padStart(2, '0')}`, level: 'C' }));
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.goto(`${suite.server.baseUrl}/customers?q=${encodeURIComponent('批改客户')}`);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(20);

    // The phone column is offered by the column chooser.
    await (await openColumnChooser(page)).getByRole('checkbox', { name: '电话' }).check();
    await page.keyboard.press('Escape');

    const row = rowOf(page, '批改客户24');
    const phone = row.getByTestId('inline-phone');
    await phone.click();
    await row.getByTestId('inline-phone-input').fill('电话不详');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getByTestId('inline-phone-error').innerText()).toBe('电话号码格式不正确');
    await page.keyboard.press('Escape');
    await expect.poll(() => row.getByTestId('inline-phone-input').count()).toBe(0);
    expect((await api.get(`/api/v1/customers/${customers[24].id}`)).json().phone).toBeNull();

    await phone.click();
    await row.getByTestId('inline-phone-input').fill('0571-88886666');
    await page.keyboard.press('Enter');
    await expect.poll(() => phone.innerText()).toContain('0571-88886666');
    expect((await api.get(`/api/v1/customers/${customers[24].id}`)).json().phone).toBe('0571-88886666');

    // A choice saves as soon as it is made; Escape leaves the old one.
    const level = rowOf(page, '批改客户23').getByTestId('inline-level');
    await level.click();
    await page.keyboard.press('Escape');
    await expect.poll(() => level.innerText()).toBe('小客户');
    await level.click();
    await pickOpenOption(page, '重要客户');
    await expect.poll(() => rowOf(page, '批改客户23').getByTestId('inline-level').innerText()).toBe('重要客户');
    expect((await api.get(`/api/v1/customers/${customers[23].id}`)).json().level).toBe('A');

    // Bulk: the whole page, to "普通客户".
    await page.locator('.ant-table-thead .ant-checkbox-input').check();
    await expect.poll(() => page.getByTestId('bulk-bar').innerText()).toContain('已选 20 项');
    await page.getByTestId('bulk-edit').click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByLabel('字段'), '客户级别', { search: false });
    await chooseOption(page, dialog.getByLabel('新值'), '普通客户', { search: false });
    await page.getByTestId('bulk-edit-save').click();
    await expect.poll(() => page.getByText('已修改 20 项，跳过 0 项').count()).toBe(1);
    await expect.poll(() => page.getByTestId('bulk-bar').count()).toBe(0);
    const levels = await Promise.all(
      customers.map(async (c) => (await api.get(`/api/v1/customers/${c.id}`)).json().level as string),
    );
    expect(levels.filter((l) => l === 'B')).toHaveLength(20);
    expect(levels.filter((l) => l === 'C')).toHaveLength(5);
    await expect.poll(() => rowOf(page, '批改客户23').getByTestId('inline-level').innerText()).toBe('普通客户');

    // Tickets: two new ones, given to an agent from the list.
    expect((await api.patch('/api/v1/settings', { ticketRouting: 'manual' })).statusCode).toBe(200);
    const agent = await createUserClient(suite.server, 'service_agent', undefined, { displayName: '批量坐席' });
    const customer = customers[0];
    const tickets = [];
    for (const subject of ['批量工单甲', '批量工单乙'])
      tickets.push((await api.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject })).json());
    await page.goto(`${suite.server.baseUrl}/tickets`);
    await page.locator('.ant-segmented-item').filter({ hasText: '全部' }).click();
    await page.getByPlaceholder('编号、主题或提出人').fill('批量工单');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(2);
    await page.locator('.ant-table-thead .ant-checkbox-input').check();
    await expect.poll(() => page.getByTestId('bulk-bar').innerText()).toContain('已选 2 项');
    await chooseOption(page, page.getByTestId('bulk-bar').getByRole('combobox').first(), '批量坐席', {
      showsChoice: false,
    });
    await expect.poll(() => page.getByText('已修改 2 项，跳过 0 项').count()).toBe(1);
    for (const ticket of tickets)
      expect((await api.get(`/api/v1/tickets/${ticket.id}`)).json()).toMatchObject({
        assigneeId: agent.userId,
        status: 'assigned',
      });
    await expect.poll(() => rowOf(page, '批量工单甲').innerText()).toContain('批量坐席');
    await page.context().close();
  });
});
