import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, errorsOf, chooseOption, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };
const phone = { width: 390, height: 844 };

/**
 * Drags `handle` onto `target` (or by `by` pixels), with a first small step so that the grid knows a
 * drag from a click, and many after it so that it follows the pointer.
 */
async function dragBy(page: Page, handle: Locator, target: Locator | null, by = { x: 0, y: 0 }): Promise<void> {
  const from = (await handle.boundingBox())!;
  const to = target ? (await target.boundingBox())! : { x: from.x + by.x, y: from.y + by.y };
  await page.mouse.move(from.x + 10, from.y + 10);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 20, { steps: 4 });
  await page.mouse.move(to.x + 10, to.y + 10, { steps: 20 });
  await page.mouse.up();
}

/** Waits until every widget shows what it came to: a chart, a table, or its empty or no-access state. */
async function widgetsSettled(page: Page): Promise<number> {
  const widgets = page.locator('[data-testid^="widget-"]');
  await expect.poll(() => widgets.count()).toBeGreaterThan(0);
  const settled = widgets.filter({ has: page.locator('canvas, .ant-table, .ant-empty') });
  await expect.poll(async () => (await settled.count()) === (await widgets.count())).toBe(true);
  expect(await page.locator('[data-testid^="widget-"] .ant-alert-error').count()).toBe(0);
  return widgets.count();
}

describe('dashboards in the browser', () => {
  const suite = browserSuite();

  it('shows the executive dashboard, opens the records behind a figure, copies, edits and deletes a dashboard, and starts a new one', async () => {
    const t = suite.server;
    const names = ['看板客户甲', '看板客户乙', '看板客户丙'];
    const customers = [];
    for (const name of names) customers.push(await createCustomer(t.admin, { name }));
    // An open opportunity closing today, in the company's time zone: the pipeline chart has a bar.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const opportunity = await t.admin.post('/api/v1/opportunities', {
      name: '看板商机',
      customerId: customers[0].id,
      amount: '5000.00',
      expectedCloseDate: today,
    });
    expect(opportunity.statusCode).toBe(201);

    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    // The menu leads to the first dashboard: the executive one, every widget run in the admin's scope.
    await page.getByRole('menuitem', { name: '仪表盘' }).click();
    await page.waitForURL(/\/dashboards\/\d+$/);
    const executiveUrl = page.url();
    const picker = page.locator('.ant-select').filter({ has: page.getByLabel('选择仪表盘') });
    await expect.poll(() => picker.innerText()).toContain('经营总览');
    expect(await widgetsSettled(page)).toBe(8);
    await expect.poll(() => page.locator('[data-testid^="widget-"] canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('dashboard-updated').innerText()).toMatch(/更新于 \d\d:\d\d:\d\d/);

    // This quarter's new customers, by source: a figure opens the customers it counts.
    const newCustomers = page.getByTestId('widget-newCustomers');
    await expect.poll(() => newCustomers.innerText()).toContain('新增客户（与上期比）');
    await newCustomers.locator('tbody').getByRole('button').first().click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '明细记录' });
    for (const name of names) await expect.poll(() => drawer.getByRole('link', { name }).count()).toBe(1);
    await drawer.getByRole('button', { name: /Close|关闭/ }).click();
    await expect.poll(() => drawer.isVisible()).toBe(false);

    // Last year: every widget with a date field asks for last year's figures; none of this quarter's customers.
    const lastYear = page.waitForRequest(
      (request) => request.url().endsWith('/api/v1/reports/run') && (request.postData() ?? '').includes('"lastYear"'),
    );
    await chooseOption(page, page.getByLabel('期间'), '去年', { search: false });
    await lastYear;
    await expect.poll(() => newCustomers.locator('.ant-empty').count()).toBe(1);
    await widgetsSettled(page);

    // A copy of the built-in dashboard is the admin's own, to change.
    await page.getByRole('button', { name: '另存为副本' }).click();
    await page.waitForURL((url) => url.href !== executiveUrl && /\/dashboards\/\d+$/.test(url.pathname));
    await expect.poll(() => page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(1);
    expect(await widgetsSettled(page)).toBe(8);

    // Edit it: rename it, take a widget off, save.
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByLabel('名称').fill('我的经营看板');
    await page.getByLabel('各省销售额：更多操作').click();
    await page.getByRole('menuitem', { name: '移除' }).click();
    await expect.poll(() => page.getByTestId('widget-salesByProvince').count()).toBe(0);
    // Move a widget by its heading to the top left, and make another taller by its lower right corner.
    await page.getByTestId('widget-salesVsLastYear').scrollIntoViewIfNeeded();
    await dragBy(
      page,
      page.getByTestId('widget-salesByMonth').locator('.ant-card-head'),
      page.getByTestId('widget-salesVsLastYear').locator('.ant-card-head'),
    );
    await expect.poll(async () => (await page.getByTestId('widget-salesByMonth').boundingBox())!.x).toBeLessThan(400);
    const table = page.getByTestId('widget-newCustomers');
    const corner = page.locator('.react-grid-item').filter({ has: table }).locator(':scope > .react-resizable-handle');
    await corner.scrollIntoViewIfNeeded();
    const before = (await table.boundingBox())!.height;
    await dragBy(page, corner, null, { x: 0, y: 120 });
    await expect.poll(async () => (await table.boundingBox())!.height).toBeGreaterThan(before + 50);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('已保存').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(1);

    // Read again, the dashboard is as it was saved.
    const saved = (await t.admin.get(`/api/v1/dashboards/${page.url().split('/').pop()}`)).json() as {
      widgets: Array<{ key: string; layout: { x: number; y: number; h: number } }>;
    };
    const layoutOf = (key: string) => saved.widgets.find((w) => w.key === key)!.layout;
    expect(layoutOf('salesByMonth')).toMatchObject({ x: 0, y: 0 });
    expect(layoutOf('newCustomers').h).toBeGreaterThan(8);
    await page.reload();
    expect(await widgetsSettled(page)).toBe(7);
    expect(await page.getByTestId('widget-salesByProvince').count()).toBe(0);
    await expect.poll(() => picker.innerText()).toContain('我的经营看板');

    // Deleted, it is gone and the first dashboard opens again.
    await page.getByRole('button', { name: /删\s*除/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.waitForURL(executiveUrl);
    const listed = (await t.admin.get('/api/v1/dashboards')).json() as Array<{ name: string }>;
    expect(listed.map((d) => d.name)).not.toContain('我的经营看板');
    await widgetsSettled(page);

    // A new dashboard starts empty and says where its widgets come from.
    await page.getByRole('button', { name: '新建仪表盘' }).click();
    await page.getByRole('dialog').getByLabel('名称').fill('空白看板');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => picker.innerText()).toContain('空白看板');
    await expect.poll(() => page.getByText('这个仪表盘还没有组件').count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: '打开报表' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows a sales rep the service dashboard on a phone, saying which widget's data they may not see", async () => {
    const t = suite.server;
    const team = await createDepartment(t, '看板销售部');
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    const page = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'zh-CN', phone);
    const errors = errorsOf(page);
    await page.goto(`${t.baseUrl}/dashboards`);
    await page.waitForURL(/\/dashboards\/\d+$/);
    await chooseOption(page, page.getByLabel('选择仪表盘'), '服务分析', { search: false });
    expect(await widgetsSettled(page)).toBe(6);

    // A rep may not read work orders: that widget says so; the tickets' widgets show the rep's own.
    const workOrders = page.getByTestId('widget-workOrdersByTechnician');
    await expect.poll(() => workOrders.innerText()).toContain('你无权查看此数据');
    const backlog = page.getByTestId('widget-backlog');
    expect(await backlog.innerText()).not.toContain('你无权查看此数据');

    // On a phone the widgets stand one under another, each the width of the screen (once the grid has
    // measured the screen: it lays out at its first width, then again).
    const widgetBoxes = async () =>
      Promise.all(
        (await page.locator('[data-testid^="widget-"]').all()).map(async (widget) => (await widget.boundingBox())!),
      );
    await expect.poll(async () => new Set((await widgetBoxes()).map((box) => Math.round(box.x))).size).toBe(1);
    const boxes = await widgetBoxes();
    for (const [i, box] of boxes.entries()) {
      expect(box.width).toBeGreaterThan(300);
      if (i > 0) expect(box.y).toBeGreaterThan(boxes[i - 1].y);
    }
    // A widget's table keeps every column inside the widget: its headings wrap instead.
    for (const widget of await page
      .locator('[data-testid^="widget-"]')
      .filter({ has: page.locator('thead') })
      .all()) {
      const card = (await widget.boundingBox())!;
      const last = (await widget.locator('thead th').last().boundingBox())!;
      expect(last.x + last.width, (await widget.getAttribute('data-testid')) ?? undefined).toBeLessThanOrEqual(
        card.x + card.width + 1,
      );
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
