import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, roleId, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

describe('reports in the browser', () => {
  const suite = browserSuite();

  it('groups customers by level and owner, as a chart and a table whose totals count what each user may see', async () => {
    const t = suite.server;
    const team = await createDepartment(t, '报表销售部');
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    for (const [i, level] of ['A', 'A', 'B', 'C'].entries()) await createCustomer(rep, { name: `报表客户${i}`, level });
    await createCustomer(t.admin, { name: '管理员的报表客户', level: 'A' });

    // The administrator counts every customer, by level, as a bar chart and a table.
    const admin = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await admin.goto(`${t.baseUrl}/reports`);
    await chooseOption(admin, admin.getByLabel('数据源'), '客户');
    await chooseOption(admin, admin.getByLabel('分组 1'), '客户级别');
    await admin.getByRole('button', { name: /运\s*行/ }).click();
    await expect.poll(() => admin.locator('canvas').count()).toBeGreaterThan(0);
    const all = (await t.admin.get('/api/v1/customers', { pageSize: 1 })).json().total;
    await expect.poll(() => admin.getByTestId('total-count').innerText()).toBe(String(all));
    await chooseOption(admin, admin.getByLabel('显示方式'), '表格', { search: false });
    await expect.poll(() => admin.locator('canvas').count()).toBe(0);
    // Level A's customers, by its dictionary label: the rep's two and the administrator's one.
    const levelA = admin.getByRole('row', { name: /重要客户/ });
    await expect.poll(() => levelA.innerText()).toMatch(/重要客户\s+3/);

    // Saved and shared with the sales reps, it opens again from the list of saved reports, as the table it was left as.
    await admin.getByRole('button', { name: '保存报表' }).click();
    await admin.getByRole('dialog').getByLabel('名称').fill('客户级别分布');
    await chooseOption(admin, admin.getByRole('dialog').getByLabel('共享给角色'), '销售代表');
    // A multiple choice keeps its list open over the dialog's buttons until another field is chosen.
    await admin.getByRole('dialog').getByLabel('名称').click();
    await admin
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|保\s*存|OK/ })
      .click();
    await expect.poll(() => admin.getByRole('dialog').count()).toBe(0);
    const shared = (
      (await rep.get('/api/v1/reports')).json() as Array<{ name: string; sharedWithRoleIds: number[] }>
    ).find((r) => r.name === '客户级别分布');
    expect(shared?.sharedWithRoleIds).toEqual([await roleId(t, 'sales_rep')]);
    await admin.reload();
    await chooseOption(admin, admin.getByLabel('打开已保存的报表'), '客户级别分布', { search: false });
    await expect.poll(() => admin.getByTestId('total-count').innerText()).toBe(String(all));
    await expect.poll(() => admin.locator('canvas').count()).toBe(0);

    // The rep's report counts only the rep's own customers, and names the rep as their owner.
    const page = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'zh-CN', tall);
    await page.goto(`${t.baseUrl}/reports`);
    await chooseOption(page, page.getByLabel('数据源'), '客户');
    await chooseOption(page, page.getByLabel('分组 1'), '负责人');
    await page.getByRole('button', { name: /运\s*行/ }).click();
    await expect.poll(() => page.getByTestId('total-count').innerText()).toBe('4');
    await chooseOption(page, page.getByLabel('显示方式'), '表格', { search: false });
    await expect.poll(() => page.getByRole('cell', { name: rep.username }).count()).toBe(1);
    await page.context().close();
    await admin.context().close();
  });

  it('shows customers by province and level as a pivot with totals, on a map of China, and as other charts', async () => {
    const t = suite.server;
    const seeded: Array<[string, string]> = [
      ['广东省', 'A'],
      ['广东省', 'A'],
      ['广东省', 'B'],
      ['北京市', 'A'],
      ['广西壮族自治区', 'C'],
    ];
    for (const [i, [province, level]] of seeded.entries())
      await createCustomer(t.admin, { name: `地区客户${i}`, province, level });
    const all = (await t.admin.get('/api/v1/customers', { pageSize: 1 })).json().total;

    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${t.baseUrl}/reports`);
    await chooseOption(page, page.getByLabel('数据源'), '客户');
    await chooseOption(page, page.getByLabel('分组 1'), '省份');
    await page.getByRole('button', { name: '添加分组' }).click();
    await chooseOption(page, page.getByLabel('分组 2'), '客户级别');
    await page.getByRole('button', { name: /运\s*行/ }).click();
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThan(0);
    const display = page.getByLabel('显示方式');

    // The pivot: provinces down, levels across, each line's total at its end and every customer at the foot.
    await chooseOption(page, display, '透视表', { search: false });
    await expect.poll(() => page.locator('canvas').count()).toBe(0);
    const pivot = page.locator('.ant-table').first();
    const levelA = (await pivot.locator('thead th').allInnerTexts()).indexOf('重要客户');
    expect(levelA).toBeGreaterThan(0);
    const guangdong = pivot.getByRole('row', { name: /广东省/ }).locator('td');
    await expect.poll(() => guangdong.nth(levelA).innerText()).toBe('2');
    await expect.poll(() => guangdong.last().innerText()).toBe('3');
    await expect.poll(() => page.getByTestId('pivot-total').innerText()).toBe(String(all));
    // The table of rows is not repeated under the pivot.
    expect(await page.getByTestId('total-count').count()).toBe(0);

    // The map: a province shows its customers under the pointer.
    await chooseOption(page, display, '中国地图', { search: false });
    await expect.poll(() => page.locator('canvas').count()).toBe(1);
    const chart = page.locator('.echarts-for-react');
    // Where Guangzhou is drawn, and 广东's figure, read from the chart (found through its React component).
    const read = () =>
      chart.evaluate((element) => {
        const key = Object.keys(element).find((k) => k.startsWith('__reactFiber$'))!;
        type Fiber = { return: Fiber | null; stateNode: { getEchartsInstance?: () => unknown } | null };
        let fiber = (element as unknown as Record<string, Fiber>)[key] as Fiber | null;
        while (fiber && typeof fiber.stateNode?.getEchartsInstance !== 'function') fiber = fiber.return;
        const instance = fiber!.stateNode!.getEchartsInstance!() as {
          convertToPixel: (finder: object, value: number[]) => number[] | undefined;
          getOption: () => { series: Array<{ data: Array<{ name: string; value: number }> }> };
        };
        return {
          at: instance.convertToPixel({ seriesIndex: 0 }, [113.26, 23.13]),
          guangdong: instance.getOption().series[0].data.find((d) => d.name === '广东')?.value,
        };
      });
    await expect.poll(async () => (await read()).guangdong).toBe(3);
    const { at } = await read();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + at![0], box.y + at![1]);
    const tooltip = chart.locator(':scope > div').filter({ hasText: '广东' });
    await expect.poll(() => tooltip.innerText()).toMatch(/广东\s+3/);

    // Other charts draw too (with the table of rows under them), and a scatter asks for a second measure.
    for (const kind of ['环形图', '漏斗图', '堆叠柱状图', '仪表图']) {
      await chooseOption(page, display, kind, { search: false });
      await expect.poll(() => page.locator('canvas').count()).toBe(1);
      await expect.poll(() => page.getByTestId('total-count').innerText()).toBe(String(all));
    }
    await chooseOption(page, display, '散点图', { search: false });
    await expect.poll(() => page.getByText('散点图需要两个指标', { exact: false }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('measures part of the records with a ratio, compares with the period before, opens the records behind a row and exports the figures', async () => {
    const t = suite.server;
    const team = await createDepartment(t, '明细销售部');
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    for (const [i, level] of ['A', 'A', 'B'].entries()) await createCustomer(rep, { name: `明细客户${i}`, level });

    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.goto(`${t.baseUrl}/reports`);
    await chooseOption(page, page.getByLabel('数据源'), '客户');
    await chooseOption(page, page.getByLabel('分组 1'), '负责人');
    // Measure 2 counts level A only; measure 3 divides it by measure 1.
    await page.getByRole('button', { name: '添加指标' }).click();
    await chooseOption(page, page.getByLabel('统计方式 2'), '计数', { search: false });
    await chooseOption(page, page.getByLabel('仅统计 2'), '客户级别');
    await chooseOption(page, page.getByLabel('取值为 2'), '重要客户', { showsChoice: false });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '添加指标' }).click();
    await chooseOption(page, page.getByLabel('统计方式 3'), '比率', { search: false });
    await chooseOption(page, page.getByLabel('被除数', { exact: true }), '指标 2', { search: false });
    await chooseOption(page, page.getByLabel('除数', { exact: true }), '指标 1', { search: false });
    await chooseOption(page, page.getByLabel('日期字段'), '创建时间', { search: false });
    await chooseOption(page, page.getByLabel('时间范围', { exact: true }), '本月', { search: false });
    await chooseOption(page, page.getByLabel('对比'), '上期', { search: false });
    await page.getByRole('button', { name: /运\s*行/ }).click();
    await chooseOption(page, page.getByLabel('显示方式'), '表格', { search: false });
    const repRow = page.getByRole('row', { name: new RegExp(rep.username) });
    // 3 customers this month, 2 of level A (66.67 %), none the month before.
    await expect.poll(() => repRow.innerText()).toMatch(/3\s+0\s+[^\n]*2\s+0\s+[^\n]*66\.67%/);

    // A click on the row opens its three customers, each linked to its page.
    await repRow.click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByText(/共 3 条/).count()).toBe(1);
    await expect.poll(() => drawer.getByRole('link', { name: /明细客户/ }).count()).toBe(3);
    await drawer.getByRole('button', { name: /close|关闭/i }).click();

    // The figures as a spreadsheet: numbers as numbers, the totals at the foot.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    const book = XLSX.read(readFileSync((await download.path())!));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1 });
    expect(rows[0][0]).toBe('负责人');
    const repLine = rows.find((row) => row[0] === rep.username)!;
    expect(repLine[1]).toBe(3);
    expect(rows.at(-1)![0]).toBe('合计');

    // The same report printed: a PDF made by the server, named after the report.
    const [printed] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 PDF' }).click(),
    ]);
    expect(printed.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync((await printed.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Added to a dashboard of one's own, as a widget below the others, with the period's date field.
    const board = (await t.admin.post('/api/v1/dashboards', { name: '报表看板', widgets: [] })).json();
    await page.getByRole('button', { name: '添加到仪表盘' }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByLabel('仪表盘'), '报表看板', { search: false });
    await dialog.getByLabel('组件标题').fill('各负责人的重要客户');
    await dialog.getByRole('button', { name: /确\s*定|保\s*存|OK/ }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const widgets = (await t.admin.get(`/api/v1/dashboards/${board.id}`)).json().widgets;
    expect(widgets).toEqual([
      expect.objectContaining({ title: '各负责人的重要客户', chart: 'table', dateField: 'createdAt', reportId: null }),
    ]);
    expect(widgets[0].definition.measures).toHaveLength(3);
    await page.context().close();
  });
});
