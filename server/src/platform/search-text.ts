/**
 * The text side of substring search (normalising, bigrams, search documents): plain functions, so that
 * the thread reading an import's file can prepare its rows' documents without loading the database layer.
 *
 * Substring search for Chinese and Latin text alike: every two adjacent characters of the
 * searchable fields become one token (a bigram). On SQLite an FTS5 table holds each record's bigrams
 * in text order, so a query is the phrase of its own bigrams and the index finds the records that
 * hold it as a substring; on Postgres a GIN index over a text[] column finds the records holding all
 * of its bigrams. LIKE on the normalised text then confirms the exact substring.
 */
import { pinyinNeedles, pinyinQuadSequence } from './pinyin.ts';

const separator = '\u0001';

export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * What a query is looked for as: texts any one of which a matching record's search text holds. First the
 * query normalised, as typed; then, for a query in pinyin or initials, or Chinese mixed with them
 * ("szlt", "longteng", "深圳lt"), the forms a name's pinyin is stored in (see pinyin.ts). None for a
 * query of nothing but spaces. Every search normalises its query here, and only here.
 */
export function searchNeedles(query: string): string[] {
  const normalized = normalizeSearchText(query);
  return normalized ? [normalized, ...pinyinNeedles(normalized)] : [];
}

// Tokens are plain ASCII letters and digits so that both FTS5's `ascii` tokenizer and
// Postgres arrays keep them whole: each code point becomes four base-36 digits.
const codeTable: string[] = [];
const charCode = (codePoint: number) => (codeTable[codePoint] ??= codePoint.toString(36).padStart(4, '0'));

/** Appends the bigrams of a text in order, repeats kept (a space is a character like any other). */
function pushBigrams(text: string, grams: string[]): string[] {
  let previous: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    if (codePoint > 0xffff) i++;
    const current = charCode(codePoint);
    if (previous !== null) grams.push(previous + current);
    previous = current;
  }
  return grams;
}

/** The bigrams of a text in order, as a query is matched. */
export const bigramSequence = (text: string) => pushBigrams(text, []);

/**
 * The bigrams of a text in order as one string, separated by spaces ('' for fewer than two characters).
 * Joined once rather than appended to: appending builds a chain of a few string pieces per bigram, and
 * an import holding a batch of rows' chains paid for copying them at every young-generation collection.
 */
function bigramText(text: string): string {
  return bigramSequence(text).join(' ');
}

const joinGrams = (a: string, b: string) => (a && b ? `${a} ${b}` : a || b);

/**
 * Digits get tokens of their own: every four adjacent digits of a run of four or more ("d1380"). A digit
 * bigram ("13", "80") is in about a tenth of all records, so a phone fragment found by its bigrams
 * intersects long lists; four digits are in about one record in a thousand. Five characters long, a
 * digit token never collides with a bigram (eight characters on SQLite, two on PostgreSQL's raw columns).
 */
const digitRun = /[0-9]{4,}/g;

/** The digit tokens of a text in order, repeats kept. */
export function digitQuadSequence(text: string): string[] {
  const quads: string[] = [];
  for (const [run] of text.matchAll(digitRun)) {
    for (let i = 0; i + 4 <= run.length; i++) quads.push(`d${run.slice(i, i + 4)}`);
  }
  return quads;
}

/** Whether a normalised query is looked up by its digit tokens rather than its bigrams: four digits or more, nothing else. */
export const isDigitQuery = (normalized: string) => /^[0-9]{4,}$/.test(normalized);

/**
 * A text's search tokens as the index takes them: its bigrams in order, then its digit tokens in order,
 * then its pinyin tokens in order (see pinyin.ts).
 */
export function searchTokenText(text: string): string {
  return joinGrams(joinGrams(bigramText(text), digitQuadSequence(text).join(' ')), pinyinQuadSequence(text).join(' '));
}

/** The distinct bigrams of a text. */
export function bigrams(text: string): string[] {
  return [...new Set(bigramSequence(text))];
}

/**
 * `grams` is every bigram of every value, in text order, each value's digit tokens after its bigrams,
 * separated by spaces (as the search index takes them). A query is matched as the phrase of its own
 * bigrams (or, all digits, of its digit tokens), which only a text holding the query holds — or,
 * rarely, two values side by side, which LIKE rules out.
 */
export type SearchDocument = { text: string; grams: string };

/** A piece of a document: its values' normalised text (null when it has none) and their bigrams. */
export type SearchParts = { text: string | null; grams: string };

export function searchParts(values: Array<string | null | undefined>): SearchParts {
  // Plain loops: this runs for every row of an import, where flatMap and filter/map cost more than the work.
  const parts: string[] = [];
  let grams = '';
  for (const value of values) {
    if (!value) continue;
    const part = normalizeSearchText(value);
    parts.push(part);
    grams = joinGrams(grams, searchTokenText(part));
  }
  return { text: parts.length ? parts.join(separator) : null, grams };
}

/** The normalised text and bigram tokens of a record's searchable values. */
export function searchDocument(values: Array<string | null | undefined>): SearchDocument {
  const { text, grams } = searchParts(values);
  return { text: text ?? '', grams };
}

/** The document of several pieces, the same as searchDocument of all their values in order. */
export function joinSearchParts(pieces: SearchParts[]): SearchDocument {
  const texts: string[] = [];
  let grams = '';
  for (const piece of pieces) {
    if (piece.text !== null) texts.push(piece.text);
    grams = joinGrams(grams, piece.grams);
  }
  return { text: texts.join(separator), grams };
}
