import type { ReportColumn, ReportResult } from './schemas/reports.ts';
import { describe, expect, it } from 'vitest';
import { reportFileName, reportSheetRows } from './report-sheet.ts';

const column = (key: string, kind: ReportColumn['kind'], type: ReportColumn['type']): ReportColumn => ({
  key,
  kind,
  field: key,
  type,
  aggregate: kind === 'group' ? null : 'sum',
  unit: null,
  dictionary: null,
});

describe('reportSheetRows', () => {
  it('writes figures as numbers: money in major units, shares as fractions, groups as their labels', () => {
    const result: ReportResult = {
      columns: [
        column('ownerId', 'group', 'text'),
        column('sum:total', 'measure', 'money'),
        column('sum:total:share', 'share', 'percent'),
        column('count', 'measure', 'number'),
      ],
      rows: [
        { ownerId: 7, 'ownerId:label': '张三', 'sum:total': 123456, 'sum:total:share': 61.5, count: 3 },
        { ownerId: null, 'sum:total': 77000, 'sum:total:share': 38.5, count: 1 },
      ],
      totals: { 'sum:total': 200456, 'sum:total:share': 100, count: 4 },
      truncated: false,
      currency: 'CNY',
    };
    const text = (c: ReportColumn, row: Record<string, string | number | null>) =>
      c.kind === 'group' ? String(row[`${c.key}:label`] ?? '(none)') : String(row[c.key]);
    const rows = reportSheetRows(result, (c) => c.key.toUpperCase(), text, '合计');
    expect(rows[0].map((cell) => cell.v)).toEqual(['OWNERID', 'SUM:TOTAL', 'SUM:TOTAL:SHARE', 'COUNT']);
    expect(rows[1]).toEqual([
      { v: '张三', t: 's' },
      { v: 1234.56, t: 'n', z: '#,##0.00' },
      { v: 0.615, t: 'n', z: '0.00%' },
      { v: 3, t: 'n' },
    ]);
    expect(rows[2][0]).toEqual({ v: '(none)', t: 's' });
    expect(rows[3]).toEqual([
      { v: '合计', t: 's' },
      { v: 2004.56, t: 'n', z: '#,##0.00' },
      { v: 1, t: 'n', z: '0.00%' },
      { v: 4, t: 'n' },
    ]);
  });
});

describe('reportFileName', () => {
  it('names a spreadsheet and a PDF of one report alike, with characters no system allows put aside', () => {
    expect(reportFileName('Opportunities', '2026-12-07', 'xlsx')).toBe('Opportunities 2026-12-07.xlsx');
    expect(reportFileName('Opportunities', '2026-12-07', 'pdf')).toBe('Opportunities 2026-12-07.pdf');
    expect(reportFileName('回款/应收: 华东', '2026-12-07', 'xlsx')).toBe('回款 应收  华东 2026-12-07.xlsx');
  });
});
