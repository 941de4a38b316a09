import { describe, expect, it } from 'vitest';
import { createTableWriter, csvCell } from './table-writer.ts';

describe('CSV cells', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+86 138 0000 0000')).toBe("'+86 138 0000 0000");
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('keeps numbers, negative amounts included, as numbers', () => {
    expect(csvCell('-1234.50')).toBe('-1234.50');
    expect(csvCell('-7')).toBe('-7');
    expect(csvCell('-1,234.50')).toBe('"-1,234.50"');
    expect(csvCell('42')).toBe('42');
    expect(csvCell('腾科 = 好')).toBe('腾科 = 好');
    expect(csvCell('')).toBe('');
  });

  it('writes exported rows through the same guard', async () => {
    const writer = createTableWriter('csv', 'x', ['名称', '金额']);
    const chunks: Buffer[] = [];
    writer.stream.on('data', (c: Buffer) => chunks.push(c));
    await writer.addRows([['=cmd|calc', '-15.00']]);
    await writer.finish();
    expect(Buffer.concat(chunks).toString('utf8')).toBe("\uFEFF名称,金额\r\n'=cmd|calc,-15.00\r\n");
  });
});
