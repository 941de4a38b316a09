import { type SheetCell, sheetColumnWidths, sheetNameOf } from '@relate/common';

/** Downloads the figures as an .xlsx file named `fileName` (see `reportFileName`); the spreadsheet library is loaded only when a report is exported. */
export async function downloadReportXlsx(fileName: string, sheetName: string, rows: SheetCell[][]): Promise<void> {
  const XLSX = await import('@e965/xlsx');
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!cols'] = sheetColumnWidths(rows);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetNameOf(sheetName));
  XLSX.writeFile(book, fileName);
}
