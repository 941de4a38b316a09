/**
 * Pinyin for substring search: a record's Chinese names are stored in its search text beside themselves
 * as full pinyin ("shenzhenlongteng…") and as initials ("szlt…"), and a query typed in pinyin, in
 * initials or half in Chinese ("深圳lt") is turned into the same forms here, so that the substring
 * search finds them like any other text.
 *
 * The forms are written in an alphabet of their own: each letter or digit as the private-use character
 * U+E000 plus its ASCII code, each form led by U+E000 itself. Latin text the user typed therefore never
 * matches inside a pinyin form by accident (a two-letter query such as "gs" would otherwise find every
 * 公司), and a short pinyin query can ask for the start of a form: "zs" finds 张三 but not every name
 * with 正山 inside. NFKC and lower-casing leave these characters alone, so the search text and its
 * bigrams are made from them as from any other character.
 */
import { lazyPackage } from './lazy-package.ts';

// Loaded when a name is first converted (about 8 MB and 80 ms): a server that writes no record needs none of it.
const pinyinPro = lazyPackage<typeof import('pinyin-pro')>('pinyin-pro');

/**
 * How a name's characters are read: a person's name takes the surname readings of its first character
 * or two (单 shàn, 曾 zēng, 尉迟 yùchí: pinyin-pro's surname mode); any other name (a company, a
 * product) its words' readings (重庆 chóng, 长沙 cháng, 银行 háng), which the surname mode would lose
 * after the first character (it reads 银行 as yínxíng and 东莞 as dōngwǎn).
 */
export type NameReading = 'person' | 'name';

export type PinyinForms = { full: string; initials: string };

const hanCharacter = /\p{Script=Han}/u;
const pinyinSyllable = /^[a-z]+$/;
const latinOrDigit = /^[a-z0-9]$/;

/**
 * The full pinyin and the initials of a normalised text, without tones, ü written v (女 nv), its Latin
 * letters and digits kept as they are and everything else (spaces, brackets) left out; null when the
 * text holds no Chinese character.
 */
export function pinyinForms(text: string, reading: NameReading): PinyinForms | null {
  if (!hanCharacter.test(text)) return null;
  const characters = Array.from(text);
  // `spaced`: one element per character, Chinese or not, so that the two line up.
  const { pinyin } = pinyinPro();
  const syllables = pinyin(text, {
    toneType: 'none',
    type: 'array',
    v: true,
    nonZh: 'spaced',
    surname: reading === 'person' ? 'head' : 'off',
  });
  const aligned = syllables.length === characters.length;
  let full = '';
  let initials = '';
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i];
    if (latinOrDigit.test(character)) {
      full += character;
      initials += character;
    } else if (hanCharacter.test(character)) {
      const syllable = aligned ? syllables[i] : pinyin(character, { toneType: 'none', v: true });
      // A character pinyin-pro has no reading for comes back as itself: it has no pinyin form.
      if (pinyinSyllable.test(syllable)) {
        full += syllable;
        initials += syllable[0];
      }
    }
  }
  return { full, initials };
}

/** The first character of every pinyin form; as a letter, U+E000 plus its ASCII code. */
const formStart = '\ue000';
const encodeCharacter = (character: string) => String.fromCharCode(0xe000 + character.charCodeAt(0));

/** A pinyin form (ASCII letters and digits) in the search text's alphabet for pinyin, without its start. */
export function encodePinyin(form: string): string {
  let encoded = '';
  for (const character of form) encoded += encodeCharacter(character);
  return encoded;
}

/** A search text's pinyin forms read back as ASCII (for tests and for looking at a stored text). */
export function decodePinyin(text: string): string {
  return text.replace(/[\ue000-\ue07f]/g, (character) =>
    character === formStart ? '^' : String.fromCharCode(character.charCodeAt(0) - 0xe000),
  );
}

/**
 * Four adjacent letters (or digits) of a pinyin form get a token of their own ("pszlt"), as four digits do
 * ("d1380", see search-text.ts): the bigrams of initials ("sz", "lt") are each in a large share of all
 * names' initials, so a query found by them intersects long lists, while four initials in a row are in a
 * few thousand names of a million. The form's start (U+E000) is no part of a run.
 */
const encodedRun = /[\ue030-\ue039\ue061-\ue07a]{4,}/g;
const encodedOnly = /^[\ue030-\ue039\ue061-\ue07a]{4,}$/;

/** The pinyin tokens of a text in order, repeats kept: every four adjacent characters of each run of four or more of a pinyin form. */
export function pinyinQuadSequence(text: string): string[] {
  const quads: string[] = [];
  for (const [run] of text.matchAll(encodedRun)) {
    const ascii = decodePinyin(run);
    for (let i = 0; i + 4 <= ascii.length; i++) quads.push(`p${ascii.slice(i, i + 4)}`);
  }
  return quads;
}

/** Whether a needle is looked up by its pinyin tokens: four or more characters of a pinyin form, nothing else (not its start). */
export const isPinyinQuadNeedle = (needle: string) => encodedOnly.test(needle);

/**
 * The values a Chinese name adds to a record's search text: its full pinyin and its initials, each led by
 * the start of a form; none for a name without Chinese characters (or none at all).
 */
export function pinyinSearchValues(name: string | null | undefined, reading: NameReading): string[] {
  if (!name) return [];
  const forms = pinyinForms(name.normalize('NFKC').toLowerCase(), reading);
  if (!forms || !forms.full) return [];
  const full = formStart + encodePinyin(forms.full);
  return forms.initials === forms.full ? [full] : [full, formStart + encodePinyin(forms.initials)];
}

/** A pinyin query shorter than this is looked for only at the start of a pinyin form (see `pinyinNeedles`). */
export const anywhereFrom = 4;

const queryCharacters = /^[\p{Script=Han}a-z0-9]+$/u;
const vowel = /[aeiouv]/;

/**
 * What a normalised query is looked for in pinyin forms, in the search text's alphabet for pinyin (none
 * when it has no Latin letter, or characters that are no part of a name's pinyin, as an e-mail address or
 * a phone number has):
 * - Latin letters as typed ("longteng", "szlt"), spaces and apostrophes left out ("xi'an"), ü as v;
 * - Chinese characters mixed with Latin letters in their pinyin, as initials when the letters typed hold
 *   no vowel ("深圳lt" → "szlt") and as full pinyin otherwise ("深圳long" → "shenzhenlong"), in both
 *   readings of a name when they differ;
 * - a result shorter than `anywhereFrom` only at the start of a form ("zs" finds 张三, "you" the names
 *   starting with 有 rather than every 有限公司), a longer one anywhere ("longteng").
 */
export function pinyinNeedles(normalized: string): string[] {
  const compact = normalized.replace(/[\s'’·]/g, '').replace(/ü/g, 'v');
  if (!queryCharacters.test(compact)) return [];
  const typed = compact.replace(/[^a-z]/g, '');
  if (!typed) return [];
  const forms: PinyinForms[] = hanCharacter.test(compact)
    ? (['name', 'person'] as const).map((reading) => pinyinForms(compact, reading)!)
    : [{ full: compact, initials: compact }];
  const asInitials = !vowel.test(typed);
  const needles = new Set<string>();
  for (const form of forms) {
    const text = asInitials ? form.initials : form.full;
    if (text.length < 2) continue;
    needles.add((text.length < anywhereFrom ? formStart : '') + encodePinyin(text));
  }
  return [...needles];
}
