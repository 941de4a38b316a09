import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';

// An export is one sheet of text cells: writing its XML directly is several times faster than building a
// cell model per value. Exports run this in a worker thread (xlsx-export.ts), its compression on Node's
// thread pool, while the server reads the next rows.

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const contentTypesXml = `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const packageRelsXml = `${DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbookRelsXml = `${DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`;
// Style 0 is the plain cell, style 1 the bold header.
const stylesXml = `${DECLARATION}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

// Characters XML 1.0 does not allow at all (a stray control character would make the whole file unreadable).
const forbiddenCharacters = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF';
const forbidden = new RegExp(`[${forbiddenCharacters}]`, 'g');
const special = new RegExp(`[&<>"${forbiddenCharacters}]`);
// Cell text that reads like one of OOXML's _xHHHH_ character escapes gets its underscore escaped
// (_x005F_), so that Excel and imports show it as written.
const escapeLookalike = /_(x[0-9A-Fa-f]{4}_)/g;
// Excel keeps at most this many characters in a cell.
const CELL_LIMIT = 32767;
const BUFFER_SIZE = 1 << 20;

export function escapeXml(value: string): string {
  if (!special.test(value)) return value;
  return value
    .replace(forbidden, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * One cell of text. A value with spaces at either end is an inline string that says to keep them;
 * any other is a plain string value, the shorter form.
 */
function textCell(reference: string, value: string, style = ''): string {
  let text = escapeXml(value.length > CELL_LIMIT ? value.slice(0, CELL_LIMIT) : value);
  if (text.includes('_x')) text = text.replace(escapeLookalike, '_x005F_$1');
  if (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32)
    return `<c r="${reference}"${style} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
  return `<c r="${reference}"${style} t="str"><v>${text}</v></c>`;
}

/** Sheet names may not hold []:*?/\ and keep at most 31 characters. */
function sheetTitle(name: string): string {
  return (
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet1'
  );
}

/**
 * Streams a one-sheet workbook of text cells: a bold, frozen header row, then rows as they are added.
 * `write` resolves once the output has room again, so a slow reader holds the writer back.
 */
export function createXlsxStream(sheetName: string, headers: string[]) {
  const zip = new yazl.ZipFile();
  const sheet = new PassThrough();
  const columns = headers.map((_, i) => columnLetters(i));
  const widths = headers
    .map(
      (h, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${Math.min(60, Math.max(12, Array.from(h).length * 2 + 2))}" customWidth="1"/>`,
    )
    .join('');
  let rowNumber = 1;

  zip.addBuffer(Buffer.from(contentTypesXml), '[Content_Types].xml');
  zip.addBuffer(Buffer.from(packageRelsXml), '_rels/.rels');
  zip.addBuffer(
    Buffer.from(
      `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="${escapeXml(sheetTitle(sheetName))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/workbook.xml',
  );
  zip.addBuffer(Buffer.from(workbookRelsXml), 'xl/_rels/workbook.xml.rels');
  zip.addBuffer(Buffer.from(stylesXml), 'xl/styles.xml');
  // The fastest compression level: the sheet's markup repeats so much that it still shrinks about tenfold.
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml', { compressionLevel: 1 });
  zip.end();

  sheet.write(
    `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${widths}</cols><sheetData>` +
      `<row r="1">${headers.map((h, i) => textCell(`${columns[i]}1`, h, ' s="1"')).join('')}</row>`,
  );

  // Rows are encoded one by one into a buffer: joining a batch into one long string first and encoding
  // that costs several times more (the string has to be flattened).
  const write = async (rows: string[][]) => {
    let buffer = Buffer.allocUnsafe(BUFFER_SIZE);
    let used = 0;
    for (const row of rows) {
      const n = ++rowNumber;
      let xml = `<row r="${n}">`;
      for (let i = 0; i < row.length; i++) {
        const value = row[i];
        if (value) xml += textCell((columns[i] ?? columnLetters(i)) + n, value);
      }
      xml += '</row>';
      // A UTF-16 code unit never takes more than three bytes in UTF-8.
      if (used + xml.length * 3 > buffer.length) {
        if (used) sheet.write(buffer.subarray(0, used));
        buffer = Buffer.allocUnsafe(Math.max(BUFFER_SIZE, xml.length * 3));
        used = 0;
      }
      used += buffer.write(xml, used);
    }
    if (!sheet.write(buffer.subarray(0, used))) await new Promise((resolve) => sheet.once('drain', resolve));
  };
  const end = async () => {
    await new Promise<void>((resolve) => sheet.end('</sheetData></worksheet>', resolve));
  };
  return { stream: zip.outputStream as Readable, write, end };
}
