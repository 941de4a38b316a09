import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Inflate } from 'fflate';

/**
 * Where the bytes of a zip come from: a file on disk, read a piece at a time where it is needed (an
 * uploaded workbook is never held in memory), or bytes already in memory.
 */
export type ZipSource = { size: number; read: (position: number, length: number) => Uint8Array; close: () => void };

export function bytesSource(bytes: Uint8Array): ZipSource {
  return {
    size: bytes.length,
    read: (position, length) => bytes.subarray(position, position + length),
    close: () => {},
  };
}

export function fileSource(file: string): ZipSource {
  const fd = openSync(file, 'r');
  return {
    size: fstatSync(fd).size,
    read: (position, length) => {
      const piece = Buffer.allocUnsafe(length);
      const read = readSync(fd, piece, 0, length, position);
      return piece.subarray(0, read);
    },
    close: () => closeSync(fd),
  };
}

/** A part of the zip as its central directory describes it. */
export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; headerOffset: number };

const endSignature = 0x06054b50;
const entrySignature = 0x02014b50;
const localSignature = 0x04034b50;
const zip64Extra = 0x0001;
const notAZip = () => new Error('The file is not a zip archive.');

/** The parts of a zip by their lower-case names, from its central directory (ZIP64 sizes included). */
export function zipEntries(source: ZipSource): Map<string, ZipEntry> {
  // The end record is the last 22 bytes, or earlier by the length of a comment of up to 64 KB.
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tail = source.read(source.size - tailLength, tailLength);
  const tailView = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tailView.getUint32(at, true) === endSignature) {
      end = at;
      break;
    }
  }
  if (end < 0) throw notAZip();
  const count = tailView.getUint16(end + 10, true);
  const directorySize = tailView.getUint32(end + 12, true);
  const directoryOffset = tailView.getUint32(end + 16, true);
  if (directoryOffset + directorySize > source.size) throw notAZip();
  const directory = source.read(directoryOffset, directorySize);
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count && at + 46 <= directory.length; i++) {
    if (view.getUint32(at, true) !== entrySignature) throw notAZip();
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      headerOffset: view.getUint32(at + 42, true),
    };
    readZip64Sizes(view, at + 46 + nameLength, extraLength, entry);
    entries.set(entry.name.toLowerCase(), entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A field that does not fit 32 bits is 0xFFFFFFFF in the record, its value in the ZIP64 extra field, in this order. */
function readZip64Sizes(view: DataView, extraStart: number, extraLength: number, entry: ZipEntry): void {
  const full = 0xffffffff;
  for (let at = extraStart; at + 4 <= extraStart + extraLength;) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === zip64Extra) {
      let field = at + 4;
      const next = () => {
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.size === full) entry.size = next();
      if (entry.compressedSize === full) entry.compressedSize = next();
      if (entry.headerOffset === full) entry.headerOffset = next();
      return;
    }
    at += 4 + length;
  }
}

const pieceSize = 1 << 16;

/** A part's content, unzipped a piece at a time as it is read: a large part is never held whole. */
export function* entryContent(source: ZipSource, entry: ZipEntry): Generator<Uint8Array> {
  const header = source.read(entry.headerOffset, 30);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < 30 || view.getUint32(0, true) !== localSignature) throw notAZip();
  // The local header's own name and extra field lengths, which may differ from the directory's.
  const start = entry.headerOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  const end = start + entry.compressedSize;
  if (end > source.size) throw notAZip();
  if (entry.method === 0) {
    for (let at = start; at < end; at += pieceSize) yield source.read(at, Math.min(pieceSize, end - at));
    return;
  }
  if (entry.method !== 8)
    throw new Error(`The zip part ${entry.name} is compressed in a way not supported (${entry.method}).`);
  const pieces: Uint8Array[] = [];
  const inflate = new Inflate((data) => pieces.push(data));
  for (let at = start; at < end; at += pieceSize) {
    inflate.push(source.read(at, Math.min(pieceSize, end - at)), at + pieceSize >= end);
    while (pieces.length) yield pieces.shift()!;
  }
  if (start === end) inflate.push(new Uint8Array(0), true);
  while (pieces.length) yield pieces.shift()!;
}

/** A small part's whole content. */
export function entryBytes(source: ZipSource, entry: ZipEntry): Uint8Array {
  const pieces = [...entryContent(source, entry)];
  if (pieces.length === 1) return pieces[0];
  const whole = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.length;
  }
  return whole;
}
