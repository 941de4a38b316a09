import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cellText } from './spreadsheet-reader.ts';
import { readXlsxRows } from './xlsx-rows.ts';

const textRows = (content: Uint8Array) =>
  [...readXlsxRows(content)].map((row) => ({ number: row.number, cells: Array.from(row.values, cellText) }));

/** A workbook from hand-written parts, as other programs than ours write them. */
function workbookOf(parts: Record<string, string>) {
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])));
}

const ns =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

describe('reading .xlsx rows', () => {
  it('reads what a workbook library writes: text, numbers, dates, booleans, formulas, rich text, links and entities', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['名称', '日期', '数字', '布尔', '公式', '富文本', '链接']);
    sheet.addRow([
      'A & B <公司>',
      new Date('2024-03-05T00:00:00Z'),
      13800000000,
      true,
      { formula: 'C2*2', result: 27600000000 },
      { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] },
      { text: '官网', hyperlink: 'https://example.com' },
    ]);
    sheet.getCell('B3').value = 45000;
    sheet.getCell('B3').numFmt = 'yyyy"年"m"月"d"日"';
    sheet.getCell('C3').value = 3.25;
    sheet.getCell('D3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    sheet.getCell('G5').value = '远处';
    workbook.addWorksheet('Other').addRow(['not this one']);
    const rows = textRows(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(rows.filter((row) => row.cells.length)).toEqual([
      { number: 1, cells: ['名称', '日期', '数字', '布尔', '公式', '富文本', '链接'] },
      { number: 2, cells: ['A & B <公司>', '2024-03-05', '13800000000', 'true', '27600000000', '富文本', '官网'] },
      { number: 3, cells: ['', '2023-03-15', '3.25'] },
      { number: 5, cells: ['', '', '', '', '', '', '远处'] },
    ]);
  });

  it('reads a shared-string table larger than one unzipped piece, with items cut between pieces', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    const names = Array.from({ length: 6000 }, (_, i) => `第${i}号客户·深圳市龙腾科技有限公司 & <分部>`);
    names.forEach((name, i) => sheet.addRow([name, `mail${i}@example.com`]));
    const rows = textRows(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(rows).toHaveLength(names.length);
    expect(rows.map((row) => row.cells[0])).toEqual(names);
    expect(rows[5999].cells[1]).toBe('mail5999@example.com');
  });

  it('reads parts written by other programs: inline strings, prefixed names, phonetic guides, escapes, 1904 dates and the first tab', () => {
    const content = workbookOf({
      'xl/workbook.xml': `<workbook ${ns}><workbookPr date1904="1"/><sheets><sheet name="第一页" sheetId="2" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships" rel:id="rId7"/><sheet name="Second" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/Sheet9.xml"/></Relationships>`,
      'xl/sharedStrings.xml': `<sst ${ns}><si><t>客户名称</t></si><si><r><t>东京</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 商事</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t/></si><si><t>line_x000D_break &amp; &#x4E2D;&#25991;</t></si></sst>`,
      'xl/styles.xml': `<styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00&quot;d&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
      'xl/worksheets/sheet1.xml': `<worksheet ${ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`,
      'xl/worksheets/Sheet9.xml': `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
        <x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>内联 &lt;文本&gt;</x:t></x:is></x:c></x:row>
        <x:row><x:c t="s"><x:v>1</x:v></x:c><x:c s="1"><x:v>0</x:v></x:c><x:c s="2"><x:v>1.5</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>
        <x:row r="6"/>
        <x:row r="7"><x:c r="B7" t="s"><x:v>3</x:v></x:c><x:c r="C7" t="str"><x:f>A1</x:f><x:v>算出</x:v></x:c><x:c r="D7"><x:f>1/0</x:f></x:c><x:c r="E7" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="F7" t="d"><x:v>2025-01-31T00:00:00Z</x:v></x:c></x:row>
      </x:sheetData></x:worksheet>`,
    });
    expect(textRows(content)).toEqual([
      { number: 2, cells: ['客户名称', '', '内联 <文本>'] },
      { number: 3, cells: ['东京 商事', '1904-01-01', '1.5', 'false'] },
      { number: 6, cells: [] },
      { number: 7, cells: ['', 'line\rbreak & 中文', '算出', '', '', '2025-01-31'] },
    ]);
  });

  it('keeps every character of a sheet read in several slices', () => {
    const names = Array.from({ length: 40_000 }, (_, i) => `深圳龙腾${i}号科技有限公司`);
    const rows = names
      .map((name, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${name}</t></is></c></row>`)
      .join('');
    const content = workbookOf({
      'xl/worksheets/sheet1.xml': `<worksheet ${ns}><sheetData>${rows}</sheetData></worksheet>`,
    });
    expect(rows.length).toBeGreaterThan(3 << 20);
    const read = textRows(content);
    expect(read.map((row) => row.cells[0])).toEqual(names);
    expect(read.map((row) => row.number)).toEqual(names.map((_, i) => i + 1));
  });

  it('refuses a file that is not a workbook', () => {
    expect(() => [...readXlsxRows(strToU8('客户名称,电话\n龙腾,138'))]).toThrow();
  });
});
