import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, unique } from '../../../test/factories.ts';
import { uploadImport, waitForImport, xlsxOf } from '../../../test/imports.ts';

type Entity = 'customers' | 'contacts' | 'leads' | 'products';
type Format = 'csv' | 'xls' | 'xlsx';

/** A sheet as the user sees it: a blank first line, the header on row 2, blank rows between data rows. */
function sheetOf(header: string[], good: string[], bad: string[]): string[][] {
  return [[], header, good, [], bad, [], [], [...bad.slice(0, -1), 'again']];
}

async function fileOf(rows: string[][], format: Format): Promise<Buffer> {
  if (format === 'csv')
    return Buffer.from(
      rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'),
    );
  if (format === 'xls') {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
    return XLSX.write(workbook, { type: 'buffer', bookType: 'xls' }) as Buffer;
  }
  return xlsxOf(rows);
}

describe.each(testDialects)('rejected import rows on %s', (dialect) => {
  let t: TestApp;
  let customerName: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    customerName = (await createCustomer(t.admin, { name: unique('行号客户') })).name;
  });
  afterAll(async () => t?.close());

  const cases: Record<Entity, (tag: string) => { rows: string[][]; column: string }> = {
    customers: (tag) => ({
      rows: sheetOf(['客户名称', '邮箱'], [`${tag}甲`, ''], [`${tag}乙`, 'not-an-email']),
      column: '邮箱',
    }),
    contacts: (tag) => ({
      rows: sheetOf(['姓名', '客户'], [`${tag}张`, customerName], [`${tag}李`, `${tag}不存在`]),
      column: '客户',
    }),
    leads: (tag) => ({ rows: sheetOf(['姓名', '评分'], [`${tag}王`, '80'], [`${tag}赵`, 'many']), column: '评分' }),
    products: (tag) => ({
      rows: sheetOf(
        ['产品编码', '产品名称', '标准价格', '单位'],
        [`${tag}-1`, '网关', '10', ''],
        [`${tag}-2`, '支架', '10', '桶'],
      ),
      column: '单位',
    }),
  };

  for (const format of ['csv', 'xls', 'xlsx'] as const) {
    for (const entity of Object.keys(cases) as Entity[]) {
      it(`numbers rejected ${entity} rows of a .${format} file as the spreadsheet shows them`, async () => {
        const tag = unique(format);
        const { rows, column } = cases[entity](tag);
        const started = await uploadImport(t.admin, entity, await fileOf(rows, format), `rows.${format}`);
        expect(started.statusCode).toBe(202);
        const result = await waitForImport(t.admin, started.json().id);
        expect(result).toMatchObject({ status: 'done', total: 3, created: 1 });
        expect(result.rejected).toEqual([
          { row: 5, column, message: expect.any(String) },
          { row: 8, column, message: expect.any(String) },
        ]);
        if (entity !== 'customers' || format === 'xlsx') return;
        // The downloaded error workbook carries the same numbers in its first column.
        const download = await t.admin.request('GET', `/api/v1/imports/${started.json().id}/rejected`);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0];
        expect([sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value]).toEqual([5, 8]);
      });
    }
  }
});
