import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export type TableFormat = 'xlsx' | 'csv';

export const contentTypes: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

// Quotes, separators and line breaks need quoting; so does a leading =, +, - or @, which spreadsheets would run as a formula.
const needsQuoting = /[",\r\n]|^[=+\-@]/;

function csvCell(value: string): string {
  return needsQuoting.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes rows to a stream as they come, so exports of any size use constant memory.
 * CSV carries a BOM so that Excel opens UTF-8 Chinese text correctly.
 */
export function createTableWriter(format: TableFormat, sheetName: string, headers: string[]) {
  const stream = new PassThrough();
  if (format === 'csv') {
    stream.write(`\uFEFF${headers.map(csvCell).join(',')}\r\n`);
    return {
      stream,
      addRows: async (rows: string[][]) => {
        const chunk = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
        if (!stream.write(`${chunk}\r\n`)) await new Promise((resolve) => stream.once('drain', resolve));
      },
      finish: async () => void stream.end(),
    };
  }
  // Without a style table exceljs writes rows about three times faster; the export is plain data, its header a plain first row.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).commit();
  return {
    stream,
    addRows: async (rows: string[][]) => {
      for (const row of rows) sheet.addRow(row).commit();
      // Compression runs on another thread and the response drains on I/O: give both their turn, so
      // that they keep pace with the rows instead of everything being buffered until the end.
      await new Promise((resolve) => setImmediate(resolve));
      if (stream.writableNeedDrain) await new Promise((resolve) => stream.once('drain', resolve));
    },
    finish: async () => {
      sheet.commit();
      await workbook.commit();
    },
  };
}
