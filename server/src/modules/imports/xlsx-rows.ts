import { bytesSource, entryBytes, entryContent, type ZipSource, zipEntries } from './zip-parts.ts';

/** A row of the sheet: its number as Excel shows it and its cell values by column (0 = A), with holes. */
export type XlsxRow = { number: number; values: unknown[] };

/**
 * Reads the rows of the first worksheet of an .xlsx file straight from its XML: an import only needs
 * each cell's value, and a general-purpose workbook model costs ten times more than that for a large
 * sheet. Values are as a workbook library gives them: text, numbers, booleans, dates (by the cell's
 * number format, 1900 or 1904 date system); errors and formulas without a stored result are empty.
 * The file is read where each part lies, a piece at a time (see zip-parts.ts). Throws when the file is
 * not a workbook.
 */
export function* readXlsxRows(source: ZipSource | Uint8Array): Generator<XlsxRow> {
  const zip = source instanceof Uint8Array ? bytesSource(source) : source;
  const entries = zipEntries(zip);
  const part = (name: string) => {
    const entry = entries.get(name);
    return entry ? entryBytes(zip, entry) : undefined;
  };
  const workbook = text(part('xl/workbook.xml'));
  const relations = text(part('xl/_rels/workbook.xml.rels'));
  const sharedStrings = entries.get('xl/sharedstrings.xml');
  const context: SheetContext = {
    sharedStrings: sharedStrings
      ? readSharedStrings(entryContent(zip, sharedStrings), sharedStrings.size)
      : new SharedStrings(),
    dateStyles: readDateStyles(text(part('xl/styles.xml'))),
    date1904: /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook),
  };
  const sheet = entries.get(firstSheetPath(workbook, relations));
  if (!sheet) throw new Error('The workbook has no worksheet.');
  yield* readSheetXml(entryContent(zip, sheet), context);
}

type SheetContext = { sharedStrings: SharedStrings; dateStyles: Set<number>; date1904: boolean };

/**
 * The shared-string table, packed: the UTF-8 bytes of every string one after another and where each
 * starts. A sheet of a million rows can hold two million distinct strings; kept as JavaScript strings
 * (each with its own header, CJK text at two bytes a character) they took a gigabyte of the reading
 * thread's memory, packed they take the size of their text.
 */
class SharedStrings {
  #bytes: Uint8Array;
  #length = 0;
  #starts = new Uint32Array(1 << 12);
  #count = 0;
  readonly #encoder = new TextEncoder();

  /**
   * `xmlSize`, the size of the table's XML, bounds the size of its text (entities and escapes only
   * shrink): the buffer is made that large at once, and a table of a million rows is never copied
   * into a buffer twice its size, which for a moment held both. (Pages never written take no memory.)
   */
  constructor(xmlSize = 0) {
    this.#bytes = new Uint8Array(Math.max(1 << 16, Math.min(xmlSize, maxPresized)));
  }

  add(value: string): void {
    if (this.#count + 2 > this.#starts.length) {
      const grown = new Uint32Array(this.#starts.length * 2);
      grown.set(this.#starts);
      this.#starts = grown;
    }
    const needed = this.#length + value.length * 3;
    if (needed > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#starts[this.#count] = this.#length;
    this.#length += this.#encoder.encodeInto(value, this.#bytes.subarray(this.#length)).written;
    this.#count++;
    this.#starts[this.#count] = this.#length;
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.#count)) return undefined;
    if (index < cachedStrings) return (this.#decoded[index] ??= this.#decode(index));
    return this.#decode(index);
  }

  // The first strings of the table stay decoded: a workbook lists its strings in the order they first
  // appear, so the values a column repeats row after row (a level, a province) come early, and decoding
  // them again for every row cost a reading thread a tenth of its time. A later string, likely a row's
  // own (a name), is decoded each time it is asked for.
  readonly #decoded: Array<string | undefined> = [];

  #decode(index: number): string {
    return decoder.decode(this.#bytes.subarray(this.#starts[index], this.#starts[index + 1]));
  }
}

const cachedStrings = 4096;
// A zip's word for the size of a part is not trusted beyond this; a larger table grows as it is read.
const maxPresized = 256 * 1024 * 1024;

const decoder = new TextDecoder();
const text = (bytes: Uint8Array | undefined) => (bytes ? decoder.decode(bytes) : '');

/** The lower-case path of the first sheet in tab order, or of sheet1.xml when the workbook does not say. */
function firstSheetPath(workbook: string, relations: string): string {
  const id = /<(?:\w+:)?sheet\b[^>]*?\b\w+:id="([^"]+)"/.exec(workbook)?.[1];
  const relation = id
    ? new RegExp(`<Relationship\\b[^>]*?\\bId="${id.replace(/[^\w-]/g, '')}"[^>]*>`).exec(relations)?.[0]
    : undefined;
  const target = relation ? /\bTarget="([^"]+)"/.exec(relation)?.[1] : undefined;
  if (!target) return 'xl/worksheets/sheet1.xml';
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  // Resolve "./" and "../" in the target.
  const resolved: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') resolved.pop();
    else if (segment !== '.') resolved.push(segment);
  }
  return resolved.join('/').toLowerCase();
}

const entityPattern = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// ECMA-376 writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x).
const escapedCharacterPattern = /_x([0-9a-fA-F]{4})_/g;

function decodeXmlText(raw: string): string {
  let value = raw;
  if (value.includes('&'))
    value = value.replace(entityPattern, (_, dec, hex, name) =>
      name ? namedEntities[name] : String.fromCodePoint(dec ? Number(dec) : Number.parseInt(hex, 16)),
    );
  if (value.includes('_x'))
    value = value.replace(escapedCharacterPattern, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
  return value;
}

const phoneticPattern = /<(\w+:)?rPh\b[\s\S]*?<\/\1?rPh>/g;
const textRunPattern = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;

/** The text of a string item (plain or rich), leaving out phonetic guides. */
function stringItemText(xml: string): string {
  const body = xml.includes('rPh') ? xml.replace(phoneticPattern, '') : xml;
  let value = '';
  for (const match of body.matchAll(textRunPattern)) value += match[1];
  return decodeXmlText(value);
}

const stringItemPattern = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;

/** The shared-string table, read from its XML a piece at a time as the part is unzipped. */
function readSharedStrings(xml: Iterable<Uint8Array>, xmlSize: number): SharedStrings {
  const strings = new SharedStrings(xmlSize);
  for (const match of elementsOf(xml, stringItemPattern)) strings.add(match[1] ? stringItemText(match[1]) : '');
  return strings;
}

/**
 * The complete matches of `pattern` (an element) in XML that arrives in pieces, decoded a piece at a
 * time so that a large part is never one string; an element cut off at the end of a piece is matched
 * with the next one.
 */
function* elementsOf(xml: Iterable<Uint8Array>, pattern: RegExp): Generator<RegExpExecArray> {
  const streamDecoder = new TextDecoder();
  const elements = new RegExp(pattern.source, 'g');
  let pending = '';
  for (const piece of xml) {
    pending += streamDecoder.decode(piece, { stream: true });
    elements.lastIndex = 0;
    let consumed = 0;
    for (let match = elements.exec(pending); match; match = elements.exec(pending)) {
      consumed = elements.lastIndex;
      yield match;
    }
    pending = pending.slice(consumed);
  }
}

// Built-in number formats that show dates or times: the international ones and those of Chinese,
// Japanese and Korean Excel (27–36, 50–58).
const builtInDateFormats = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Whether a format code shows a date or time: a date part outside quoted text, escapes and [colour] or [locale] tags. */
function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** The indexes of the cell styles (cellXfs) whose number format is a date. */
function readDateStyles(xml: string): Set<number> {
  const dateFormats = new Set(builtInDateFormats);
  for (const match of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const id = /\bnumFmtId="(\d+)"/.exec(match[0])?.[1];
    const code = /\bformatCode="([^"]*)"/.exec(match[0])?.[1];
    if (id === undefined || code === undefined) continue;
    if (isDateFormat(decodeXmlText(code))) dateFormats.add(Number(id));
    else dateFormats.delete(Number(id));
  }
  const styles = new Set<number>();
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  let index = 0;
  for (const match of cellXfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
    const id = /\bnumFmtId="(\d+)"/.exec(match[0])?.[1];
    if (id !== undefined && dateFormats.has(Number(id))) styles.add(index);
    index++;
  }
  return styles;
}

const rowPattern = /<(\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1?row>)/g;
const cellPattern = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const valuePattern = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const inlinePattern = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/;
const attributePatterns = { r: /\br="([^"]*)"/, t: /\bt="([^"]*)"/, s: /\bs="([^"]*)"/ };
const attribute = (attributes: string, name: keyof typeof attributePatterns) =>
  attributePatterns[name].exec(attributes)?.[1];

function columnIndex(reference: string | undefined): number | null {
  if (!reference) return null;
  let index = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return i ? index - 1 : null;
}

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

function cellValue(attributes: string, body: string | undefined, context: SheetContext): unknown {
  if (!body) return undefined;
  const type = attribute(attributes, 't');
  if (type === 'inlineStr') {
    const inline = inlinePattern.exec(body);
    return inline ? stringItemText(inline[1]) : undefined;
  }
  const raw = valuePattern.exec(body)?.[1];
  if (raw === undefined) return undefined;
  switch (type) {
    case 's':
      return context.sharedStrings.get(Number(raw)) ?? '';
    case 'str':
      return decodeXmlText(raw);
    case 'b':
      return Number(raw) !== 0;
    case 'e':
      return undefined;
    case 'd': {
      const date = new Date(decodeXmlText(raw));
      return Number.isNaN(date.getTime()) ? decodeXmlText(raw) : date;
    }
    default: {
      const number = Number(raw);
      if (Number.isNaN(number)) return decodeXmlText(raw);
      const style = attribute(attributes, 's');
      return style !== undefined && context.dateStyles.has(Number(style))
        ? excelDate(number, context.date1904)
        : number;
    }
  }
}

function readRow(attributes: string, body: string | undefined, previous: number, context: SheetContext): XlsxRow {
  const number = Number(attribute(attributes, 'r')) || previous + 1;
  const values: unknown[] = [];
  if (!body) return { number, values };
  let column = -1;
  for (const cell of body.matchAll(cellPattern)) {
    column = columnIndex(attribute(cell[1], 'r')) ?? column + 1;
    const value = cellValue(cell[1], cell[2], context);
    if (value !== undefined) values[column] = value;
  }
  return { number, values };
}

/** The rows of a worksheet's XML, decoded a piece at a time so that a large sheet is never one string. */
function* readSheetXml(xml: Iterable<Uint8Array>, context: SheetContext): Generator<XlsxRow> {
  let previous = 0;
  for (const match of elementsOf(xml, rowPattern)) {
    const row = readRow(match[2], match[3], previous, context);
    previous = row.number;
    yield row;
  }
}
