import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createLead, createUserClient, unique } from '../../../test/factories.ts';
import { uploadImport, waitForImport, xlsxOf } from '../../../test/imports.ts';

describe.each(testDialects)('lead import and export on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('imports good rows, rejects bad ones, and skips duplicates of existing leads and earlier rows', async () => {
    const tag = unique('线');
    await createLead(t.admin, { name: `${tag}老客`, mobile: '13900000001' });
    const file = await xlsxOf([
      ['姓名', '公司', '手机', '邮箱', '线索来源', '评分', '负责人'],
      [`${tag}王一`, '甲公司', 13900000002, 'wang@example.com', '官网', 80, 'admin'],
      [`${tag}重复`, '乙公司', '139-0000-0001', '', '', '', ''],
      [`${tag}王一同号`, '', 13900000002, '', '', '', ''],
      ['', '丙公司', '', '', '', '', ''],
      [`${tag}评分错`, '', '', '', '', 120, ''],
      [`${tag}来源错`, '', '', '', '报纸', '', ''],
      [`${tag}李二`, '丁公司', '', '', '', '', ''],
    ]);
    const started = await uploadImport(t.admin, 'leads', file, 'leads.xlsx');
    expect(started.statusCode).toBe(202);
    const result = await waitForImport(t.admin, started.json().id);
    expect(result).toMatchObject({ status: 'done', total: 7, created: 2, skipped: 2 });
    expect(result.rejected.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([
      [5, '姓名'],
      [6, '评分'],
      [7, '线索来源'],
    ]);
    const leads = (await t.admin.get('/api/v1/leads', { q: tag, pageSize: 50 })).json().items;
    expect(leads.find((l: { name: string }) => l.name === `${tag}王一`)).toMatchObject({
      company: '甲公司',
      mobile: '13900000002',
      source: 'website',
      score: 80,
      status: 'new',
    });
    expect(leads).toHaveLength(3);
  });

  it('exports the leads in scope as a file the import reads back', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const tag = unique('出');
    await createLead(rep, { name: `${tag}甲`, company: '出口公司', mobile: '13700000000' });
    await createLead(t.admin, { name: `${tag}乙` });
    const response = await rep.request('GET', '/api/v1/exports/leads', { query: { format: 'xlsx', q: tag } });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    expect(headers).toContain('Mobile');
    expect(String(sheet.getRow(2).getCell(headers.indexOf('Name') + 1).value)).toBe(`${tag}甲`);
    expect(String(sheet.getRow(2).getCell(headers.indexOf('Mobile') + 1).value)).toBe('13700000000');

    // Read back in with "create" the rows come in again as new leads.
    const again = await uploadImport(rep, 'leads', response.rawPayload, 'back.xlsx', { duplicates: 'create' });
    expect((await waitForImport(rep, again.json().id)).created).toBe(1);
  });

  it('refuses users without the lead import or export permission', async () => {
    const agent = await createUserClient(t, 'service_agent');
    expect((await uploadImport(agent, 'leads', await xlsxOf([['姓名'], ['x']]), 'x.xlsx')).statusCode).toBe(403);
    expect((await agent.request('GET', '/api/v1/exports/leads')).statusCode).toBe(403);
    expect((await t.admin.request('GET', '/api/v1/imports/leads/template')).statusCode).toBe(200);
  });
});
