import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createXlsxExport } from './xlsx-export.ts';
import { cellText } from '../imports/spreadsheet-reader.ts';
import { readXlsxRows } from '../imports/xlsx-rows.ts';
import { columnLetters, createXlsxStream, escapeXml } from './xlsx-stream.ts';

async function written(sheetName: string, headers: string[], batches: string[][][]) {
  const xlsx = createXlsxStream(sheetName, headers);
  const file = buffer(xlsx.stream);
  for (const rows of batches) await xlsx.write(rows);
  await xlsx.end();
  return file;
}

describe('streamed xlsx', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml('a & <b> "c"')).toBe('a &amp; &lt;b&gt; &quot;c&quot;');
    expect(escapeXml('bell\u0007 tab\t')).toBe('bell tab\t');
    expect(escapeXml('普通文本')).toBe('普通文本');
  });

  it('writes a workbook Excel readers open: bold frozen header, text kept exactly, empty cells left out', async () => {
    const long = 'x'.repeat(40_000);
    const file = await written(
      '客户: 2026/12',
      ['客户名称', '备注', '电话'],
      [
        [['上海 & 北京 <贸易>', '  leading and trailing  ', '13800000000']],
        [
          ['控制\u0001字符', '', '=1+1'],
          [long, '第二行\n换行', ''],
        ],
      ],
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('客户  2026 12');
    expect(sheet.getRow(1).values).toEqual([undefined, '客户名称', '备注', '电话']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '上海 & 北京 <贸易>',
      '  leading and trailing  ',
      '13800000000',
    ]);
    // A formula-looking value stays text.
    expect(sheet.getRow(3).values).toEqual([undefined, '控制字符', undefined, '=1+1']);
    expect(sheet.getRow(4).getCell(1).value).toBe('x'.repeat(32_767));
    expect(sheet.getRow(4).getCell(2).value).toBe('第二行\n换行');
    expect(sheet.rowCount).toBe(4);

    // Every part is a complete zip entry (the sheet streamed with its size given after its data).
    const zip = await JSZip.loadAsync(file);
    expect(Object.keys(zip.files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
  });

  it('reads back through the import exactly as written, text that looks like an escape included', async () => {
    const rows = [
      ['_x0041_ 编码', 'a_x00Zz_b', ' 龙腾 & <科技> '],
      ['第二行\n换行', '=SUM(A1)', '13800000000'],
    ];
    const file = await written('客户', ['名称', '备注', '电话'], [rows]);
    const read = [...readXlsxRows(new Uint8Array(file))].map((row) =>
      Array.from(row.values, (value) => (typeof value === 'string' ? value : cellText(value))),
    );
    expect(read).toEqual([['名称', '备注', '电话'], ...rows]);
  });

  it('holds the writer back until the reader takes the output', async () => {
    const xlsx = createXlsxStream('Sheet', ['A']);
    // Random text, so that compression cannot shrink it into the streams' buffers.
    const batch = () => Array.from({ length: 1000 }, () => [randomBytes(150).toString('base64')]);
    let written = 0;
    const writing = (async () => {
      for (let i = 0; i < 10; i++) {
        await xlsx.write(batch());
        written++;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(written).toBeLessThan(4);
    const file = buffer(xlsx.stream);
    await writing;
    await xlsx.end();
    expect(written).toBe(10);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await file) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(10_001);
  });

  it('writes the workbook in a worker thread, batch after batch, and ends also when the download is abandoned', async () => {
    const xlsx = createXlsxExport('Customers', ['Code', 'Name']);
    const file = buffer(xlsx.stream);
    for (let batch = 0; batch < 5; batch++)
      await xlsx.write(Array.from({ length: 1000 }, (_, i) => [`C${batch * 1000 + i}`, `客户 ${batch * 1000 + i}`]));
    await xlsx.end();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(5001);
    expect(sheet.getRow(5001).values).toEqual([undefined, 'C4999', '客户 4999']);

    const abandoned = createXlsxExport('Customers', ['Code']);
    abandoned.stream.destroy();
    await abandoned.write([['C1']]);
    await expect(abandoned.end()).resolves.toBeUndefined();
  });
});
