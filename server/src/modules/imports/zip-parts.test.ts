import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesSource, entryBytes, entryContent, fileSource, zipEntries } from './zip-parts.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'relate-zip-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const text = (pieces: Iterable<Uint8Array>) => Buffer.concat([...pieces]).toString('utf8');
// Text that does not compress to nothing: the inflated part arrives in several pieces.
const large = Array.from({ length: 40_000 }, (_, i) => `<row r="${i}">客户${(i * 7919) % 100_003}</row>`).join('');

/** The zip with its central directory rewritten the way ZIP64 writers record sizes: 0xFFFFFFFF and the real ones in an extra field. */
function asZip64(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const directoryOffset = view.getUint32(end + 16, true);
  const parts: Uint8Array[] = [zip.subarray(0, directoryOffset)];
  let added = 0;
  for (let at = directoryOffset; at < end;) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const record = zip.slice(at, at + 46 + nameLength);
    const recordView = new DataView(record.buffer);
    const extra = new DataView(new ArrayBuffer(20));
    extra.setUint16(0, 0x0001, true);
    extra.setUint16(2, 16, true);
    extra.setBigUint64(4, BigInt(recordView.getUint32(24, true)), true);
    extra.setBigUint64(12, BigInt(recordView.getUint32(20, true)), true);
    recordView.setUint32(20, 0xffffffff, true);
    recordView.setUint32(24, 0xffffffff, true);
    recordView.setUint16(30, extraLength + 20, true);
    parts.push(
      record,
      new Uint8Array(extra.buffer),
      zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength + commentLength),
    );
    added += 20;
    at += 46 + nameLength + extraLength + commentLength;
  }
  const tail = zip.slice(end);
  new DataView(tail.buffer).setUint32(12, view.getUint32(end + 12, true) + added, true);
  parts.push(tail);
  return Buffer.concat(parts);
}

describe('zip parts', () => {
  it('reads a part from a file on disk the same as from memory, deflated or stored, a piece at a time', () => {
    for (const level of [6, 0] as const) {
      const zip = zipSync(
        { 'xl/worksheets/Sheet1.xml': strToU8(large), 'xl/workbook.xml': strToU8('<workbook/>') },
        { level },
      );
      const file = path.join(folder, `level-${level}.zip`);
      writeFileSync(file, zip);
      const onDisk = fileSource(file);
      try {
        for (const source of [bytesSource(zip), onDisk]) {
          const entries = zipEntries(source);
          expect([...entries.keys()]).toEqual(['xl/worksheets/sheet1.xml', 'xl/workbook.xml']);
          const sheet = entries.get('xl/worksheets/sheet1.xml')!;
          expect(sheet).toMatchObject({
            name: 'xl/worksheets/Sheet1.xml',
            method: level ? 8 : 0,
            size: Buffer.byteLength(large),
          });
          expect([...entryContent(source, sheet)].length).toBeGreaterThan(1);
          expect(text(entryContent(source, sheet))).toBe(large);
          expect(text([entryBytes(source, entries.get('xl/workbook.xml')!)])).toBe('<workbook/>');
        }
      } finally {
        onDisk.close();
      }
    }
  });

  it('reads sizes that a ZIP64 writer records in the extra field', () => {
    const zip = asZip64(zipSync({ 'a.xml': strToU8(large), 'b.xml': strToU8('<b/>') }));
    const entries = zipEntries(bytesSource(zip));
    expect(entries.get('a.xml')).toMatchObject({ size: Buffer.byteLength(large) });
    expect(text(entryContent(bytesSource(zip), entries.get('a.xml')!))).toBe(large);
    expect(text(entryContent(bytesSource(zip), entries.get('b.xml')!))).toBe('<b/>');
  });

  it('refuses what is not a zip, or is cut short', () => {
    expect(() => zipEntries(bytesSource(strToU8('客户名称,电话\n龙腾,138')))).toThrow(/not a zip/);
    const zip = zipSync({ 'a.xml': strToU8(large) });
    expect(() => zipEntries(bytesSource(zip.subarray(0, zip.length - 30)))).toThrow(/not a zip/);
    expect(() => zipEntries(bytesSource(new Uint8Array(0)))).toThrow(/not a zip/);
  });
});
