import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer } from '../server/test/factories.ts';
import { browserSuite, chooseOption, openColumnChooser, signInPage } from './harness.ts';

describe('saved views in the browser', () => {
  const suite = browserSuite();

  it('chooses columns, saves them as a view, picks it after a reload, and shows 15+ rows when compact', async () => {
    // More customers than a page holds, with tags (the tallest cells of the list).
    for (let i = 0; i < 32; i++)
      await createCustomer(suite.server.admin, { name: `视图客户${String(i).padStart(2, '0')}`, tags: ['重点'] });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', {
      width: 1440,
      height: 900,
    });
    const headers = () => page.locator('.ant-table-thead th').allInnerTexts();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(20);
    expect(await headers()).toContain('负责人');
    expect(await headers()).not.toContain('行业');

    const chooser = page.getByTestId('column-chooser');
    await openColumnChooser(page);
    await chooser.getByRole('checkbox', { name: '负责人' }).uncheck();
    await chooser.getByRole('checkbox', { name: '行业' }).check();
    await expect.poll(headers).toContain('行业');
    expect(await headers()).not.toContain('负责人');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /视图/ }).click();
    await page.getByRole('menuitem', { name: '另存为新视图' }).click();
    await page.getByRole('textbox', { name: '视图名称' }).fill('我的行业视图');
    await page.getByTestId('save-view').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The choice is remembered without a view, too.
    await page.reload();
    await expect.poll(headers).toContain('行业');
    expect(await headers()).not.toContain('负责人');

    // Back to the list's own columns, then the saved view brings the chosen ones back.
    await openColumnChooser(page);
    await chooser.getByRole('button', { name: '恢复默认列' }).click();
    await expect.poll(headers).toContain('负责人');
    expect(await headers()).not.toContain('行业');
    await page.keyboard.press('Escape');
    await chooseOption(page, page.getByRole('combobox', { name: '视图' }), '我的行业视图', { search: false });
    await expect.poll(headers).toContain('行业');
    expect(await headers()).not.toContain('负责人');

    // As the user's default view, it opens the list when the address asks for nothing else.
    await page.getByRole('button', { name: /视图/ }).click();
    await page.getByRole('menuitem', { name: '设为默认视图' }).click();
    await expect.poll(() => page.getByRole('img', { name: '默认视图' }).count()).toBe(1);
    await openColumnChooser(page);
    await chooser.getByRole('button', { name: '恢复默认列' }).click();
    await expect.poll(headers).toContain('负责人');
    await page.keyboard.press('Escape');
    await page.goto(`${suite.server.baseUrl}/customers`);
    await expect.poll(headers).toContain('行业');
    expect(await headers()).not.toContain('负责人');

    // Compact: at least 15 rows fit in the 900 px window without scrolling.
    await page.getByText('紧凑', { exact: true }).click();
    await expect.poll(() => page.locator('.relate-list-compact').count()).toBe(1);
    const rowsInWindow = async () => {
      const boxes = await page
        .locator('.ant-table-tbody tr.ant-table-row')
        .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().bottom));
      return boxes.filter((bottom) => bottom <= 900).length;
    };
    await expect.poll(rowsInWindow).toBeGreaterThanOrEqual(15);
    // Saved into the view, which opens the list by default, the density comes back with it.
    await page.getByRole('button', { name: /视图/ }).click();
    await page.getByRole('menuitem', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByText('已保存').count()).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(() => page.locator('.relate-list-compact .ant-table-row').count()).toBe(20);

    // Filters past the first row fold under "more filters", which counts those set.
    await page.goto(`${suite.server.baseUrl}/customers?tags=${encodeURIComponent('重点')}&source=referral`);
    const more = page.getByRole('button', { name: '更多筛选 (2)' });
    await expect.poll(() => more.isVisible()).toBe(true);
    const createdFrom = page.getByPlaceholder('创建起始');
    expect(await createdFrom.count()).toBe(0);
    await more.click();
    await expect.poll(() => createdFrom.isVisible()).toBe(true);

    // A list whose columns are written inside its table (the tickets) offers them the same way.
    await page.goto(`${suite.server.baseUrl}/tickets`);
    await expect.poll(headers).toContain('服务时限');
    // The list has finished loading (a loaded machine may still be drawing it) before its columns are changed.
    await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
    await openColumnChooser(page);
    const slaColumn = chooser.getByRole('checkbox', { name: '服务时限' });
    await expect.poll(() => slaColumn.isChecked()).toBe(true);
    await slaColumn.click();
    await expect.poll(() => slaColumn.isChecked()).toBe(false);
    await expect.poll(headers).not.toContain('服务时限');
    expect(await headers()).toContain('类型');
    await page.context().close();
  });
});
