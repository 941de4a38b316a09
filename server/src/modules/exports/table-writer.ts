import { PassThrough } from 'node:stream';
import { createXlsxExport } from './xlsx-export.ts';

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
  const xlsx = createXlsxExport(sheetName, headers);
  return { stream: xlsx.stream, addRows: xlsx.write, finish: xlsx.end };
}
