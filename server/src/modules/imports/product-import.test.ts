import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient, unique } from '../../../test/factories.ts';
import { uploadImport, waitForImport, xlsxOf } from '../../../test/imports.ts';

describe.each(testDialects)('product import and export on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('imports products with categories and units, rejects bad rows, skips taken codes, and exports them back', async () => {
    const tag = unique('P');
    const file = await xlsxOf([
      ['产品编码', '产品名称', '产品分类', '单位', '标准价格', '税率', '状态'],
      [`${tag}-1`, '工业网关', `${tag}网关`, '台', '¥12,800.00', '13%', '在售'],
      [`${tag}-2`, '网关支架', `${tag}网关`, '个', 35.5, 13, ''],
      [`${tag}-1`, '重复编码', '', '', 1, '', ''],
      [`${tag}-3`, '价格错', '', '', 'abc', '', ''],
      [`${tag}-4`, '单位错', '', '桶', 10, '', ''],
      ['', '无编码', '', '', 10, '', ''],
    ]);
    const result = await waitForImport(
      t.admin,
      (await uploadImport(t.admin, 'products', file, 'products.xlsx')).json().id,
    );
    expect(result).toMatchObject({ status: 'done', created: 2, skipped: 1 });
    expect(result.rejected.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([
      [5, '标准价格'],
      [6, '单位'],
      [7, '产品编码'],
    ]);
    const listed = (await t.admin.get('/api/v1/products', { q: tag })).json().items;
    expect(listed[0]).toMatchObject({
      code: `${tag}-1`,
      listPrice: '12800.00',
      unit: 'unit',
      categoryName: `${tag}网关`,
      taxRate: '13',
    });
    expect(listed[1]).toMatchObject({ listPrice: '35.50', unit: 'pcs' });

    const exported = await t.admin.request('GET', '/api/v1/exports/products', { query: { format: 'xlsx', q: tag } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(3);
    // Read back in: every code is already there, so all rows are skipped.
    const again = await waitForImport(
      t.admin,
      (await uploadImport(t.admin, 'products', exported.rawPayload, 'back.xlsx')).json().id,
    );
    expect(again).toMatchObject({ created: 0, skipped: 2, rejected: [] });
  });

  it('keeps import and export to those allowed', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    expect(
      (
        await uploadImport(
          rep,
          'products',
          await xlsxOf([
            ['产品编码', '产品名称', '标准价格'],
            ['x', 'y', 1],
          ]),
          'x.xlsx',
        )
      ).statusCode,
    ).toBe(403);
    expect((await rep.request('GET', '/api/v1/exports/products')).statusCode).toBe(403);
  });
});
