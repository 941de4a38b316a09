import type { ReportColumn, ReportResult } from './schemas/reports.ts';

export type SheetCell = { v: string | number; t: 's' | 'n'; z?: string };
type SheetRow = Record<string, string | number | null>;

/**
 * A report's figures as spreadsheet cells: headings, one row per group and the totals, with numbers as
 * numbers (money in major units, shares as percentages) so the sheet can be added up again.
 */
export function reportSheetRows(
  result: ReportResult,
  title: (column: ReportColumn) => string,
  text: (column: ReportColumn, row: SheetRow) => string,
  totalLabel: string,
): SheetCell[][] {
  const cell = (column: ReportColumn, row: SheetRow): SheetCell => {
    const value = row[column.key];
    if (column.kind === 'group' || value === null || value === undefined || typeof value === 'string')
      return { v: column.kind === 'group' || value !== null ? text(column, row) : '', t: 's' };
    if (column.type === 'money') return { v: value / 100, t: 'n', z: '#,##0.00' };
    if (column.type === 'percent') return { v: value / 100, t: 'n', z: '0.00%' };
    return { v: value, t: 'n' };
  };
  const heading = result.columns.map((column): SheetCell => ({ v: title(column), t: 's' }));
  const rows = result.rows.map((row) => result.columns.map((column) => cell(column, row)));
  const totals = result.columns.map((column, i): SheetCell => {
    if (column.kind !== 'group') return cell(column, result.totals);
    return { v: i === 0 ? totalLabel : '', t: 's' };
  });
  return [heading, ...rows, totals];
}

/** Each column's width in characters: its longest text, between 10 and 40. */
export function sheetColumnWidths(rows: SheetCell[][]): Array<{ wch: number }> {
  return (rows[0] ?? []).map((_, i) => ({
    wch: Math.min(40, Math.max(10, ...rows.map((row) => String(row[i]?.v ?? '').length + 2))),
  }));
}

/** A sheet's name may not hold : \ / ? * [ ] and is at most 31 characters long. */
export function sheetNameOf(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Report';
}

/** A report's exported file, the same for every format and every way out: "Name 2026-12-07.xlsx". */
export function reportFileName(name: string, date: string, extension: 'xlsx' | 'pdf'): string {
  return `${fileNameOf(name)} ${date}.${extension}`;
}

/** A name a file can have on any system. */
export function fileNameOf(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, ' ');
}
