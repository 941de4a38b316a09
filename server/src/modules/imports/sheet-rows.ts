import { Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cellText, decodeCsv, type SpreadsheetFormat } from './spreadsheet-reader.ts';

/** Rows of a sheet as text, each with its row number as Excel shows it. */
export type RowBatch = { numbers: number[]; rows: string[][] };
export type SheetPart = { headers: string[] } | RowBatch;

const isBlank = (cells: string[]) => cells.every((cell) => cell === '');

/**
 * Reads the first sheet of a file: first the header row (the first row with any text), then the
 * non-blank rows below it in batches, each cut or padded to the header's width.
 */
export async function* readSheet(content: Buffer, format: SpreadsheetFormat, batchSize = 1000): AsyncGenerator<SheetPart> {
  let headers: string[] | null = null;
  let batch: RowBatch = { numbers: [], rows: [] };
  const rows = format === 'xlsx' ? streamXlsx(content) : readWithSheetJs(content, format);
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

/** Where a part of an .xlsx file goes so that everything a sheet needs is read before the sheet. */
function streamingRank(name: string): number {
  const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
  if (sheet) return 10 + Number(sheet[1]) / 1e6;
  return ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'].indexOf(name) + 1 || 20;
}

/**
 * The same .xlsx with its parts reordered: Excel stores the sheets before the shared strings and styles
 * they refer to, which would make a streaming reader hold each sheet back until the end of the file.
 * The compressed parts are copied as they are.
 */
async function inStreamingOrder(content: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(content);
  const names = Object.keys(zip.files).sort((a, b) => streamingRank(a) - streamingRank(b));
  zip.files = Object.fromEntries(names.map((name) => [name, zip.files[name]]));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** .xlsx row by row as it is unzipped, so the first rows are ready long before the last are read. */
async function* streamXlsx(content: Buffer): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await inStreamingOrder(content)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      // exceljs numbers cells from 1; its values array has nothing at index 0.
      yield { number: row.number, values: (row.values as unknown[]).slice(1) };
    }
    return;
  }
}

/** .xls and .csv through SheetJS, which reads them whole. */
function* readWithSheetJs(content: Buffer, format: SpreadsheetFormat): Generator<RawRow> {
  const workbook =
    format === 'csv'
      ? // raw: CSV cells stay text, so long digit strings never turn into numbers.
        XLSX.read(decodeCsv(content), { type: 'string', raw: true, dense: true })
      : XLSX.read(content, { type: 'buffer', cellDates: true, dense: true });
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  if (!sheet) return;
  const matrix = XLSX.utils.sheet_to_json<unknown[] & { __rowNum__: number }>(sheet, { header: 1, raw: true, defval: '', blankrows: false });
  for (const values of matrix) yield { number: values.__rowNum__ + 1, values };
}
