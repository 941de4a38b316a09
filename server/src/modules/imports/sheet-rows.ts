import { readFileSync } from 'node:fs';
import { cellText, decodeCsv, type SpreadsheetFormat } from './spreadsheet-reader.ts';
import { readXlsxRows } from './xlsx-rows.ts';
import { bytesSource, fileSource } from './zip-parts.ts';

/** A sheet's bytes, in memory or in a file (an upload, which is then read where each part lies). */
export type SheetInput = Uint8Array | { file: string };

/** Rows of a sheet as text, each with its row number as Excel shows it. */
export type RowBatch = { numbers: number[]; rows: string[][] };
export type SheetPart = { headers: string[] } | RowBatch;

const isBlank = (cells: string[]) => cells.every((cell) => cell === '');

/**
 * Reads the first sheet of a file: first the header row (the first row with any text), then the
 * non-blank rows below it in batches, each cut or padded to the header's width.
 */
export async function* readSheet(
  input: SheetInput,
  format: SpreadsheetFormat,
  batchSize = 1000,
): AsyncGenerator<SheetPart> {
  if (format !== 'xlsx') {
    const content =
      input instanceof Uint8Array
        ? Buffer.from(input.buffer, input.byteOffset, input.byteLength)
        : readFileSync(input.file);
    yield* sheetParts(await readWithSheetJs(content, format), batchSize);
    return;
  }
  const zip = input instanceof Uint8Array ? bytesSource(input) : fileSource(input.file);
  try {
    yield* sheetParts(readXlsxRows(zip), batchSize);
  } finally {
    zip.close();
  }
}

async function* sheetParts(rows: Iterable<RawRow>, batchSize: number): AsyncGenerator<SheetPart> {
  let headers: string[] | null = null;
  let batch: RowBatch = { numbers: [], rows: [] };
  for await (const { number, values } of rows) {
    if (!headers) {
      // Array.from, not map: a row read from .xlsx has holes where cells are empty, and map keeps them.
      const cells = Array.from(values, cellText);
      if (isBlank(cells)) continue;
      headers = cells;
      yield { headers };
      continue;
    }
    const cells = headers.map((_, i) => cellText(values[i]));
    if (isBlank(cells)) continue;
    batch.numbers.push(number);
    batch.rows.push(cells);
    if (batch.rows.length === batchSize) {
      yield batch;
      batch = { numbers: [], rows: [] };
    }
  }
  if (!headers) yield { headers: [] };
  if (batch.rows.length) yield batch;
}

type RawRow = { number: number; values: unknown[] };

/**
 * .xls and .csv through SheetJS, which reads them whole. SheetJS is loaded the first time a reader
 * thread needs it: loading it took a fresh thread a third of a second, before even a preview of an .xlsx.
 */
async function readWithSheetJs(content: Buffer, format: SpreadsheetFormat): Promise<Iterable<RawRow>> {
  return sheetJsRows(await import('@e965/xlsx'), content, format);
}

function* sheetJsRows(
  XLSX: typeof import('@e965/xlsx'),
  content: Buffer,
  format: SpreadsheetFormat,
): Generator<RawRow> {
  const workbook =
    format === 'csv'
      ? // raw: CSV cells stay text, so long digit strings never turn into numbers.
        XLSX.read(decodeCsv(content), { type: 'string', raw: true, dense: true })
      : XLSX.read(content, { type: 'buffer', cellDates: true, dense: true });
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  if (!sheet) return;
  // Blank rows are kept so that a row's place in the list gives its number (SheetJS numbers only
  // object rows, never the arrays asked for here); readSheet skips them.
  const range = sheet['!ref'] ? XLSX.utils.decode_range(sheet['!ref']) : null;
  if (!range) return;
  const matrix = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: true });
  for (const [i, values] of matrix.entries()) yield { number: range.s.r + i + 1, values };
}
