import type { ReportColumn, ReportResult } from '@relate/common';

type Cell = { v: string | number; t: 's' | 'n'; z?: string };
type Row = Record<string, string | number | null>;

/**
 * A report's figures as spreadsheet cells: headings, one row per group and the totals, with numbers as
 * numbers (money in major units, shares as percentages) so the sheet can be added up again.
 */
export function reportSheetRows(
  result: ReportResult,
  title: (column: ReportColumn) => string,
  text: (column: ReportColumn, row: Row) => string,
  totalLabel: string,
): Cell[][] {
  const cell = (column: ReportColumn, row: Row): Cell => {
    const value = row[column.key];
    if (column.kind === 'group' || value === null || value === undefined || typeof value === 'string')
      return { v: column.kind === 'group' || value !== null ? text(column, row) : '', t: 's' };
    if (column.type === 'money') return { v: value / 100, t: 'n', z: '#,##0.00' };
    if (column.type === 'percent') return { v: value / 100, t: 'n', z: '0.00%' };
    return { v: value, t: 'n' };
  };
  const heading = result.columns.map((column): Cell => ({ v: title(column), t: 's' }));
  const rows = result.rows.map((row) => result.columns.map((column) => cell(column, row)));
  const totals = result.columns.map((column, i): Cell => {
    if (column.kind !== 'group') return cell(column, result.totals);
    return { v: i === 0 ? totalLabel : '', t: 's' };
  });
  return [heading, ...rows, totals];
}

/** Downloads the figures as an .xlsx file; the spreadsheet library is loaded only when a report is exported. */
export async function downloadReportXlsx(fileName: string, sheetName: string, rows: Cell[][]): Promise<void> {
  const XLSX = await import('@e965/xlsx');
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!cols'] = rows[0].map((_, i) => ({
    wch: Math.min(40, Math.max(10, ...rows.map((row) => String(row[i]?.v ?? '').length + 2))),
  }));
  const book = XLSX.utils.book_new();
  // A sheet's name may not hold : \ / ? * [ ] and is at most 31 characters long.
  XLSX.utils.book_append_sheet(book, sheet, sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Report');
  XLSX.writeFile(book, `${fileName.replace(/[\\/:*?"<>|]/g, ' ')}.xlsx`);
}
