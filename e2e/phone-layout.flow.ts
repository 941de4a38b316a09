import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer } from '../server/test/factories.ts';
import { browserSuite, openContext, signInPage } from './harness.ts';

const phoneSize = { width: 390, height: 844 };

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} has no box`);
  return box;
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Nothing on the page sticks out sideways: the page does not scroll horizontally as a whole. */
async function fitsTheWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

describe('on a phone (390 px)', () => {
  const suite = browserSuite();

  it('the menu button never covers a page title, the menu opens over the page, and lists show rows on the first screen', async () => {
    for (let i = 0; i < 3; i++) await createCustomer(suite.server.admin, { name: `手机布局客户${i}` });
    const customer = await createCustomer(suite.server.admin, { name: '深圳龙腾科技有限公司' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', phoneSize);
    const toggle = page.getByTestId('menu-toggle');

    await page.goto(`${suite.server.baseUrl}/customers/${customer.id}`);
    const title = page.getByRole('heading', { name: '深圳龙腾科技有限公司' });
    expect(overlap(await boxOf(toggle), await boxOf(title))).toBe(false);
    // The breadcrumbs lead back to the list.
    expect(overlap(await boxOf(toggle), await boxOf(page.getByRole('navigation', { name: '位置' })))).toBe(false);
    expect(await fitsTheWidth(page)).toBe(true);

    // The menu opens as a drawer over the page, with every section, and closes on choosing a page.
    await toggle.click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.isVisible()).toBe(true);
    for (const section of ['工作台', '客户', '销售', '资金', '服务', '设置'])
      await expect.poll(() => drawer.getByText(section, { exact: true }).first().isVisible()).toBe(true);
    await drawer.getByRole('menuitem', { name: /\s客户$/ }).click();
    await page.waitForURL((url) => url.pathname === '/customers');
    await expect.poll(() => drawer.isVisible()).toBe(false);

    // The customer list shows its first rows on the first screen, above the fold.
    const firstRow = page.locator('.ant-table-row').first();
    const row = await boxOf(firstRow);
    expect(row.y + row.height).toBeLessThanOrEqual(phoneSize.height);
    expect(overlap(await boxOf(toggle), row)).toBe(false);

    // The report builder keeps its heading: the saved-report picker and buttons go under it.
    await page.goto(`${suite.server.baseUrl}/reports`);
    const heading = page.locator('.ant-card-head-title').filter({ hasText: '报表' }).first();
    expect((await boxOf(heading)).width).toBeGreaterThan(20);
    expect(await heading.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: /保存报表/ }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('a list reads its next page on as it is scrolled to its foot, by the cursor of the page before', async () => {
    for (let i = 0; i < 45; i++)
      await createCustomer(suite.server.admin, { name: `A滚动客户${String(i).padStart(2, '0')}` });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'en', phoneSize);
    await page.goto(`${suite.server.baseUrl}/customers?sort=name:asc`);
    const rows = page.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(20);
    expect(await page.locator('.ant-pagination').count()).toBe(0);
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/customers?') && r.url().includes('page=2'));
    await page.getByRole('button', { name: /Load more|加载更多|加载 更多/ }).scrollIntoViewIfNeeded();
    expect(new URL((await listed).url()).searchParams.get('cursor')).toBeTruthy();
    // The second page follows the first, which stays.
    await expect.poll(() => rows.count()).toBe(40);
    const names = (await rows.allInnerTexts()).map((text) => /A滚动客户\d\d/.exec(text)?.[0]);
    expect(names.filter(Boolean)).toEqual(
      Array.from({ length: 40 }, (_, i) => `A滚动客户${String(i).padStart(2, '0')}`),
    );
    // A change of order starts the list afresh.
    await page.goto(`${suite.server.baseUrl}/customers?sort=name:desc`);
    await expect.poll(() => rows.count()).toBe(20);
    await expect.poll(() => page.getByText('A滚动客户00').count()).toBe(0);
    await page.context().close();
  });

  it('the quotes list reads on as it is scrolled, and a customer’s quote tab turns its own pages', async () => {
    const customer = await createCustomer(suite.server.admin, { name: '报价滚动客户' });
    for (let i = 0; i < 25; i++)
      await suite.server.admin.post('/api/v1/quotes', {
        title: `滚动报价${String(i).padStart(2, '0')}`,
        customerId: customer.id,
        lines: [{ name: '主机', quantity: '1', unitPrice: '100', taxRate: '13' }],
      });
    const phone = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'en', phoneSize);
    await phone.goto(`${suite.server.baseUrl}/quotes`);
    const rows = phone.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(20);
    await phone.getByRole('button', { name: /Load more|加载更多|加载 更多/ }).scrollIntoViewIfNeeded();
    await expect.poll(() => rows.count()).toBe(25);
    await phone.context().close();
    const desk = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'en', {
      width: 1440,
      height: 1000,
    });
    await desk.goto(`${suite.server.baseUrl}/customers/${customer.id}`);
    await desk.getByRole('tab', { name: /Quotes|报价单/ }).click();
    const tab = desk.getByRole('tabpanel');
    await expect.poll(() => tab.locator('.ant-table-row').count()).toBe(20);
    await tab.locator('.ant-pagination-item-2').click();
    await expect.poll(() => tab.locator('.ant-table-row').count()).toBe(5);
    await desk.context().close();
  });

  it('the customer portal shows every section of its navigation', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '宁波港机有限公司' });
    const contact = (
      await api.post('/api/v1/contacts', { name: '周工', customerId: customer.id, email: 'zhou@nbgj.example' })
    ).json();
    const invitation = (await api.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, { locale: 'en' })).json();
    const context = await openContext(suite.browser, {
      locale: 'en',
      timezoneId: 'Asia/Shanghai',
      viewport: phoneSize,
    });
    const portal = await context.newPage();
    const invite = new URL(invitation.inviteUrl);
    await portal.goto(`${suite.server.baseUrl}${invite.pathname}${invite.search}`);
    await portal.getByLabel('New password').fill('Portal2026');
    await portal.getByLabel('Repeat the password').fill('Portal2026');
    await portal.getByRole('button', { name: /Set password/ }).click();
    await portal.waitForURL((url) => url.pathname === '/portal');
    const nav = portal.getByTestId('portal-nav');
    for (const section of ['Service requests', 'FAQ', 'Orders', 'Invoices and payments', 'My profile']) {
      const item = nav.getByRole('menuitem', { name: new RegExp(section) });
      await item.scrollIntoViewIfNeeded();
      await expect.poll(() => item.isVisible()).toBe(true);
    }
    expect(await fitsTheWidth(portal)).toBe(true);
    await context.close();
  });

  it('leaves the console quiet while a visitor opens the login page and signs in', async () => {
    const context = await openContext(suite.browser, { locale: 'zh-CN', viewport: phoneSize });
    const page = await context.newPage();
    const noise: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') noise.push(message.text());
    });
    page.on('pageerror', (error) => noise.push(error.message));
    await page.goto(`${suite.server.baseUrl}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(adminPassword);
    await page.getByRole('button', { name: /登 ?录/ }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('menu-toggle').waitFor();
    await page.goto(`${suite.server.baseUrl}/customers`);
    await page.locator('.ant-table').first().waitFor();
    expect(noise).toEqual([]);
    await context.close();
  });
});
