import path from 'node:path';
import iconv from 'iconv-lite';

export type SpreadsheetFormat = 'xlsx' | 'xls' | 'csv';

export function formatOf(fileName: string): SpreadsheetFormat | null {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  return extension === 'xlsx' || extension === 'xls' || extension === 'csv' ? extension : null;
}

/** Text of a cell as a person typed it: whole numbers without exponent or ".0", dates as YYYY-MM-DD. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return Math.abs(value) >= 1e21 ? BigInt(value).toString() : value.toFixed(0);
    return String(value);
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      text?: unknown;
      result?: unknown;
      richText?: Array<{ text: string }>;
      hyperlink?: string;
      error?: string;
    };
    if (v.richText)
      return v.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.hyperlink) return v.hyperlink;
    return '';
  }
  return String(value).trim();
}

/** Decodes CSV bytes: UTF-8 (with or without BOM) when valid, otherwise GB18030 as saved by Chinese Excel. */
export function decodeCsv(content: Buffer): string {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) return content.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return iconv.decode(content, 'gb18030');
  }
}
