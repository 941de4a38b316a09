import type sanitize from 'sanitize-html';
import { lazyPackage } from '../../platform/lazy-package.ts';
import { richTextTags } from '../../platform/rich-text-tags.ts';

const sanitizer = lazyPackage<typeof sanitize>('sanitize-html');

/**
 * Rich text as the editor produces it, with everything that could run or track removed: only
 * formatting tags survive, links keep http(s) and mailto targets and open safely, images only
 * from http(s). Stored sanitised, so every reader (staff, portal, public) gets the same safe HTML.
 */
export function sanitizeRichText(html: string): string {
  const sanitizeHtml = sanitizer();
  return sanitizeHtml(html, {
    allowedTags: [...richTextTags],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title'],
      th: ['colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }) },
  });
}

/** The words of rich text, for search and excerpts. */
export function plainText(html: string): string {
  return sanitizer()(html.replace(/<\/(p|h\d|li|pre|blockquote|tr)>|<br\s*\/?>/gi, '$& '), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Search terms of free text: latin words and digits whole, Chinese runs as overlapping pairs of
 * characters (a two-character window finds most Chinese words without a dictionary).
 */
export function searchTerms(text: string, max = 12): string[] {
  const terms = new Set<string>();
  const normalized = text.normalize('NFKC').toLowerCase();
  for (const word of normalized.match(/[a-z0-9][a-z0-9.+#-]*/g) ?? []) if (word.length >= 2) terms.add(word);
  for (const run of normalized.match(/[\u3400-\u9fff]+/g) ?? []) {
    if (run.length === 1) terms.add(run);
    for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
  }
  return [...terms].slice(0, max);
}
