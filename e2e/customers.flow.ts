import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, signInPage } from './harness.ts';

describe('customer flows in the browser', () => {
  const suite = browserSuite();

  it('signs in, creates a customer with a contact and finds it by a Chinese substring', async () => {
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.getByRole('button', { name: '新建客户' }).click();
    await page.getByRole('textbox', { name: '客户名称' }).fill('深圳龙腾科技有限公司');
    await page.getByRole('textbox', { name: '电话' }).fill('0755-86001234');
    // The region picker: searched by a district's name, stored by its division code.
    await page.getByRole('combobox', { name: '省/市/区' }).fill('南山');
    await page.locator('.ant-cascader-menu-item', { hasText: '广东省 / 深圳市 / 南山区' }).click();
    await page.getByTestId('customer-save').click();
    await page.waitForURL(/\/customers\/\d+$/);
    await expect.poll(() => page.getByRole('heading', { name: '深圳龙腾科技有限公司' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('广东省 / 深圳市 / 南山区').isVisible()).toBe(true);
    const saved = await suite.server.admin.get('/api/v1/customers', { q: '深圳龙腾科技' });
    expect(saved.json().items[0]).toMatchObject({ district: '南山区', divisionCode: '440305' });

    await page.getByRole('button', { name: '新建联系人' }).click();
    await page.getByRole('textbox', { name: '姓名' }).fill('张伟');
    await page.getByRole('textbox', { name: '手机' }).fill('13800138000');
    await page.getByTestId('contact-save').click();
    await expect.poll(() => page.getByRole('cell', { name: '13800138000' }).isVisible()).toBe(true);

    await page.getByRole('menuitem', { name: /\s客户$/ }).click();
    await page.getByRole('searchbox', { name: '搜索' }).fill('腾科');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: '深圳龙腾科技有限公司' }).isVisible()).toBe(true);
    await page.getByRole('searchbox', { name: '搜索' }).fill('腾讯');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('没有符合条件的记录').isVisible()).toBe(true);
    await page.context().close();
  });

  it('finds a customer by the initials of its name (szlt), in the list and with Ctrl+K', async () => {
    const rep = await createUserClient(suite.server, 'sales_rep', undefined, { locale: 'zh-CN' });
    const mine = await createCustomer(rep, { name: '深圳龙腾精密制造有限公司' });
    await createCustomer(suite.server.admin, { name: '深圳龙腾物流有限公司' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword);

    await page.getByRole('searchbox', { name: '搜索' }).fill('szlt');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: '深圳龙腾精密制造有限公司' }).isVisible()).toBe(true);
    // A rep finds only the rep's own customers.
    expect(await page.getByRole('link', { name: '深圳龙腾物流有限公司' }).count()).toBe(0);
    await page.getByRole('searchbox', { name: '搜索' }).fill('深圳lt');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: '深圳龙腾精密制造有限公司' }).isVisible()).toBe(true);

    await page.keyboard.press('Control+K');
    await page.getByTestId('global-search-input').fill('shenzhenlongteng');
    const results = page.getByTestId('search-result');
    await expect.poll(() => results.first().innerText()).toContain('深圳龙腾精密制造有限公司');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/customers/${mine.id}$`));
    await page.context().close();
  });

  it('reads the next page on from where the page before ended (its cursor), and pages back', async () => {
    for (let i = 0; i < 45; i++)
      await createCustomer(suite.server.admin, { name: `A翻页客户${String(i).padStart(2, '0')}` });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.goto(`${suite.server.baseUrl}/customers?sort=name:asc`);
    const table = page.locator('.ant-table-tbody');
    await expect.poll(() => table.innerText()).toContain('A翻页客户00');
    const nextPage = async () => {
      const listed = page.waitForResponse((r) => r.url().includes('/api/v1/customers?') && r.url().includes('page=2'));
      await page.getByTitle('下一页').click();
      return new URL((await listed).url()).searchParams;
    };
    expect((await nextPage()).get('cursor')).toBeTruthy();
    await expect.poll(() => table.innerText()).toContain('A翻页客户20');
    expect(await table.innerText()).not.toContain('A翻页客户19');
    await page.getByTitle('上一页').click();
    await expect.poll(() => table.innerText()).toContain('A翻页客户00');
    await page.getByTitle('下一页').click();
    await expect.poll(() => table.innerText()).toContain('A翻页客户39');
    await page.context().close();
  });

  it('imports an xlsx file and shows what was created and rejected', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['客户名称', '电话', '客户级别']);
    sheet.addRow(['杭州云栖数据有限公司', 13912345678, '重要客户']);
    sheet.addRow(['', 13900000000, '']);
    sheet.addRow(['苏州工业园区贸易公司', '', '普通客户']);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'relate-e2e-')), '客户导入.xlsx');
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));

    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page
      .getByRole('button', { name: '导 入' })
      .or(page.getByRole('button', { name: '导入' }))
      .click();
    await page.waitForURL('**/imports/customers');
    await page.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByText('共 3 行数据').isVisible()).toBe(true);
    await page.getByRole('button', { name: '开始导入' }).click();
    const result = page.getByTestId('import-result');
    await expect.poll(() => result.isVisible(), { timeout: 20_000 }).toBe(true);
    const text = await result.innerText();
    expect(text).toMatch(/新建\s*2/);
    expect(text).toMatch(/未导入\s*1/);
    await expect.poll(() => page.getByRole('cell', { name: '客户名称' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: '查看列表' }).click();
    await expect.poll(() => page.getByRole('link', { name: '杭州云栖数据有限公司' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('switches the language and remembers it for the user', async () => {
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await expect.poll(() => page.getByRole('heading', { name: '客户' }).isVisible()).toBe(true);
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Customers' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'New customer' }).isVisible()).toBe(true);
    const me = await suite.server.admin.get('/api/v1/auth/me');
    expect(me.json().user.locale).toBe('en');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Customers' }).isVisible()).toBe(true);
    await page.getByText('中文', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: '客户' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it("keeps a colleague's customer away from a sales rep", async () => {
    const rep = await createUserClient(suite.server, 'sales_rep', undefined, { locale: 'zh-CN' });
    const colleague = await createUserClient(suite.server, 'sales_rep');
    const mine = await createCustomer(rep, { name: '我的客户上海分部' });
    const theirs = await createCustomer(colleague, { name: '同事的客户北京分部' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword);
    await expect.poll(() => page.getByRole('link', { name: mine.name }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: theirs.name }).count()).toBe(0);
    await page.goto(`${suite.server.baseUrl}/customers/${theirs.id}`);
    await expect.poll(() => page.getByText('记录不存在或您无权查看').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: theirs.name }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '设置' }).count()).toBe(0);
    await page.context().close();
  });

  it('is usable on a 375 px phone screen', async () => {
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', {
      width: 375,
      height: 740,
    });
    await expect.poll(() => page.getByRole('heading', { name: '客户' }).isVisible()).toBe(true);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '新建客户' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: '客户名称' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it("shows a customer's key figures, orders and tickets on the customer's page", async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '宁波海天机械有限公司' });
    const order = (
      await api.post('/api/v1/orders', {
        title: '注塑机配件',
        customerId: customer.id,
        lines: [{ name: '螺杆', quantity: '2', unitPrice: '1200' }],
      })
    ).json();
    const ticket = (
      await api.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '注塑机温控失灵' })
    ).json();
    expect(order.number).toEqual(expect.any(String));
    expect(ticket.number).toEqual(expect.any(String));
    // Approved, with an instalment already past its due date: the whole 2 × 1 200 is owed and overdue.
    await api.post(`/api/v1/orders/${order.id}/submit`);
    await api.put(`/api/v1/orders/${order.id}/payment-plan`, {
      instalments: [{ dueDate: '2026-01-05', percent: '100' }],
    });

    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.goto(`${suite.server.baseUrl}/customers/${customer.id}`);
    await expect.poll(() => page.getByRole('heading', { name: customer.name }).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('figure-overdue').innerText()).toContain('2,400.00');
    expect(await page.getByTestId('figure-revenue').innerText()).toContain('2,400.00');
    expect(await page.getByTestId('figure-tickets').innerText()).toContain('1');
    const ordersTab = page.getByRole('tab', { name: /^订单/ });
    await expect.poll(() => ordersTab.innerText()).toContain('(1)');
    await ordersTab.click();
    await expect
      .poll(() => page.getByTestId('customer-orders').getByRole('link', { name: order.number }).isVisible())
      .toBe(true);
    const ticketsTab = page.getByRole('tab', { name: /^工单/ });
    await expect.poll(() => ticketsTab.innerText()).toContain('(1)');
    await ticketsTab.click();
    await expect
      .poll(() => page.getByTestId('customer-tickets').getByRole('link', { name: ticket.number }).isVisible())
      .toBe(true);
    await page.context().close();
  });

  it('finds a customer by a phone fragment with Ctrl+K, opens it, and shows all of a kind in its list', async () => {
    const rep = await createUserClient(suite.server, 'sales_rep', undefined, { locale: 'zh-CN' });
    const colleague = await createUserClient(suite.server, 'sales_rep');
    const tea = await createCustomer(rep, { name: '杭州西湖茶业有限公司', phone: '0571-8765-4321', city: '杭州市' });
    for (let i = 1; i <= 6; i++) await createCustomer(rep, { name: `西湖分店${i}号` });
    await createCustomer(colleague, { name: '西湖同事的客户' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword);

    await expect.poll(() => page.getByTestId('global-search').isVisible()).toBe(true);
    await page.keyboard.press('Control+K');
    const box = page.getByTestId('global-search-input');
    await box.fill('8765 4321');
    const results = page.getByTestId('search-result');
    await expect.poll(() => results.first().innerText()).toContain('杭州西湖茶业有限公司');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/customers/${tea.id}$`));
    await expect.poll(() => page.getByRole('heading', { name: '杭州西湖茶业有限公司' }).isVisible()).toBe(true);

    // Opened once, it is among the recent items of an empty search.
    await page.getByTestId('global-search').click();
    await expect.poll(() => results.first().innerText()).toContain('杭州西湖茶业有限公司');

    // A rep finds only the rep's own customers; the arrow keys move, "show all" opens the list.
    await box.fill('西湖');
    await expect.poll(() => page.getByTestId('search-group-customers').innerText()).toContain('客户 · 7');
    expect(await page.getByTestId('search-group-customers').innerText()).not.toContain('西湖同事的客户');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[data-testid="search-result"][aria-selected="true"]').count()).toBe(1);
    await page.getByTestId('search-all-customers').click();
    await page.waitForURL(/\/customers\?q=/);
    await expect.poll(() => page.getByRole('link', { name: '西湖分店6号' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '西湖同事的客户' }).count()).toBe(0);
    await page.context().close();
  });
});
