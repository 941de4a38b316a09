import type ExcelJS from 'exceljs';

/**
 * A new ExcelJS workbook. The library is loaded when a workbook is first made (a template, a
 * rejected-rows file, a reconciliation): it costs an idle server about 30 MB of memory.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}
