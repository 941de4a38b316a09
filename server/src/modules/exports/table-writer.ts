import { PassThrough } from 'node:stream';
import { createXlsxExport } from './xlsx-export.ts';

export type TableFormat = 'xlsx' | 'csv';

export const contentTypes: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const needsQuoting = /[",\r\n]/;
// A cell starting with one of these is run as a formula by spreadsheets (OWASP: CSV injection).
const formulaStart = /^[=+\-@\t\r]/;
// Plain numbers, negative amounts included, stay numbers: a spreadsheet reads them as values, never as formulas.
const plainNumber = /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

/** One CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe, then quoting where needed. */
export function csvCell(value: string): string {
  const safe = formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
  return needsQuoting.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
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
  const xlsx = createXlsxExport(sheetName, headers);
  return { stream: xlsx.stream, addRows: xlsx.write, finish: xlsx.end };
}
