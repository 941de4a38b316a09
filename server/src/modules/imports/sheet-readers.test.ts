import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { holdSheetReaders, sheetReaderCount, warmSheetReaders } from './sheet-readers.ts';
import { openSheet } from './sheet-stream.ts';

async function xlsx(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['客户名称', '电话']);
  for (let i = 0; i < rows; i++) sheet.addRow([`客户${i}`, `138${String(i).padStart(8, '0')}`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readAll(content: Buffer): Promise<number> {
  const sheet = await openSheet(content, 'xlsx');
  let rows = 0;
  for await (const batch of sheet.read()) rows += batch.rows.length;
  return rows;
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  return condition();
}

describe('warm sheet reader threads', () => {
  let release: (() => void) | undefined;
  afterEach(() => release?.());

  it('reads file after file on the same warm threads, fast, and ends them when released', async () => {
    release = holdSheetReaders();
    warmSheetReaders();
    expect(sheetReaderCount()).toBe(2);
    const small = await xlsx(2);
    // The first file on each thread waits for it to start.
    expect(await Promise.all([readAll(small), readAll(small)])).toEqual([2, 2]);
    const started = performance.now();
    for (let i = 0; i < 5; i++) expect(await readAll(small)).toBe(2);
    // Three at once: two warm threads, the third waits a moment for one rather than starting its own.
    expect(await Promise.all([readAll(small), readAll(small), readAll(small)])).toEqual([2, 2, 2]);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(sheetReaderCount()).toBe(2);
    release();
    expect(await until(() => sheetReaderCount() === 0)).toBe(true);
  });

  it('takes a thread that was told to stop mid-file back for the next file, never ending it while it reads', async () => {
    release = holdSheetReaders();
    const large = await xlsx(8_000);
    for (let i = 0; i < 3; i++) {
      const sheet = await openSheet(large, 'xlsx');
      const batches = sheet.read();
      await batches.next();
      sheet.stop();
      await batches.return?.(undefined);
    }
    expect(await readAll(await xlsx(3))).toBe(3);
    expect(sheetReaderCount()).toBeLessThanOrEqual(2);
    release();
    expect(await until(() => sheetReaderCount() === 0)).toBe(true);
  });

  it('gives each file a thread of its own when no application keeps them warm', async () => {
    expect(await readAll(await xlsx(2))).toBe(2);
    expect(await until(() => sheetReaderCount() === 0)).toBe(true);
  });
});
