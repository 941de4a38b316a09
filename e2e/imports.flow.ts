import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createUserClient, unique, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, signInPage } from './harness.ts';

/** An .xlsx file on disk whose first sheet holds these rows. */
async function sheetFile(name: string, rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'relate-e2e-')), name);
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

/** Opens the customer named `name` from the list's search and returns its page. */
async function openCustomer(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/customers?q=${encodeURIComponent(name)}`);
  await page.getByRole('link', { name, exact: true }).click();
  await page.waitForURL(/\/customers\/\d+$/);
  await expect.poll(() => page.getByRole('heading', { name, exact: true }).isVisible()).toBe(true);
}

describe('import wizard in the browser', () => {
  const suite = browserSuite();

  it('maps an unknown industry in the import wizard and shows the customer with the mapped industry', async () => {
    const name = unique('映射科技');
    const file = await sheetFile('行业映射.xlsx', [
      ['客户名称', '行业', '联系人', '手机'],
      [name, '云计算服务', '张伟', '13800138000'],
      [`${name}二部`, '云计算服务', '', ''],
      [`${name}三部`, '金融', '', ''],
    ]);
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.goto(`${suite.server.baseUrl}/imports/customers`);
    await page.locator('input[type=file]').setInputFiles(file);

    const values = page.getByTestId('import-values');
    await expect.poll(() => values.getByText('数据字典中没有的值').isVisible()).toBe(true);
    const row = values.getByRole('row').filter({ hasText: '云计算服务' });
    expect(await row.innerText()).toMatch(/云计算服务\s*2/);
    await chooseOption(page, row.getByRole('combobox', { name: '处理方式' }), '对应到已有选项', { search: false });
    await chooseOption(page, row.getByRole('combobox', { name: '选项' }), '信息技术');
    await page.getByRole('button', { name: '开始导入' }).click();

    const result = page.getByTestId('import-result');
    await expect.poll(() => result.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await result.innerText()).toMatch(/新建\s*3/);
    expect(await result.innerText()).toMatch(/未导入\s*0/);

    await openCustomer(page, suite.server.baseUrl, name);
    await expect.poll(() => page.getByText('信息技术', { exact: true }).first().isVisible()).toBe(true);
    // The contact columns of the same row gave the customer its primary contact.
    await expect.poll(() => page.getByRole('cell', { name: '13800138000' }).first().isVisible()).toBe(true);
    const [customer] = (await suite.server.admin.get('/api/v1/customers', { q: name, pageSize: 5 }))
      .json()
      .items.filter((c: { name: string }) => c.name === name);
    expect(customer.industry).toBe('it');
    await page.context().close();
  });

  it('in English, adds an unknown value as a new option and leaves another empty', async () => {
    const admin = await createUserClient(suite.server, 'admin');
    const name = unique('Orbital');
    const industry = unique('Space mining ');
    const file = await sheetFile('industries.xlsx', [
      ['Customer name', 'Industry'],
      [name, industry],
      [`${name} Two`, 'Unheard of'],
    ]);
    const page = await signInPage(suite.browser, suite.server.baseUrl, admin.username, userPassword, 'en');
    await page.goto(`${suite.server.baseUrl}/imports/customers`);
    await page.locator('input[type=file]').setInputFiles(file);
    const values = page.getByTestId('import-values');
    await expect.poll(() => values.getByText('Values not in the dictionaries').isVisible()).toBe(true);
    const added = values.getByRole('row').filter({ hasText: industry });
    await chooseOption(page, added.getByRole('combobox', { name: 'What to do' }), 'Add as a new option', {
      search: false,
    });
    const emptied = values.getByRole('row').filter({ hasText: 'Unheard of' });
    await chooseOption(page, emptied.getByRole('combobox', { name: 'What to do' }), 'Leave the field empty', {
      search: false,
    });
    await page.getByRole('button', { name: 'Start import' }).click();
    const result = page.getByTestId('import-result');
    await expect.poll(() => result.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await result.innerText()).toMatch(/Created\s*2/);

    await openCustomer(page, suite.server.baseUrl, name);
    await expect.poll(() => page.getByText(industry, { exact: true }).first().isVisible()).toBe(true);
    await page.context().close();
  });
});
