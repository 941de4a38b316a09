import type { Locale } from '@relate/common';
import type * as HtmlToText from 'html-to-text';
import type * as LiquidJs from 'liquidjs';
import type sanitize from 'sanitize-html';
import { AppError, fieldError } from '../../platform/errors.ts';
import { lazyPackage } from '../../platform/lazy-package.ts';
import { richTextTags } from '../../platform/rich-text-tags.ts';

const liquidjs = lazyPackage<typeof LiquidJs>('liquidjs');
const sanitizer = lazyPackage<typeof sanitize>('sanitize-html');
const htmlToText = lazyPackage<typeof HtmlToText>('html-to-text');

/**
 * The sandbox every template runs in. Liquid cannot call code; besides, no template may read a file
 * (`include`, `render` and `layout` are refused when the template is parsed, and the engine is given an
 * empty in-memory file set in case another tag tries), and each render is stopped past 250 ms or ten
 * million allocations (a loop over a huge range, nested loops), and each parse past 200 000 characters.
 * Unknown variables render empty (`strictVariables` off); unknown filters are errors when saved.
 */
export const sandboxLimits = { parseLimit: 200_000, renderLimit: 250, memoryLimit: 10_000_000 } as const;

type Engines = { html: LiquidJs.Liquid; text: LiquidJs.Liquid };
let engines: Engines | undefined;

function sandboxed(escape: boolean): LiquidJs.Liquid {
  const { Liquid, Tag } = liquidjs();
  const liquid = new Liquid({
    templates: {},
    relativeReference: false,
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    cache: false,
    outputEscape: escape ? 'escape' : undefined,
    ...sandboxLimits,
  });
  class Refused extends Tag {
    constructor(token: LiquidJs.TagToken, remain: LiquidJs.TopLevelToken[], engine: LiquidJs.Liquid) {
      super(token, remain, engine);
      throw new Error('templateNoFiles');
    }
    *render(): Generator<unknown, void, unknown> {}
  }
  for (const name of ['include', 'render', 'layout']) liquid.registerTag(name, Refused);
  return liquid;
}

const enginesOf = (): Engines => (engines ??= { html: sandboxed(true), text: sandboxed(false) });

/**
 * The rich editor writes `"` and `>` inside a merge field as HTML entities (and spaces as no-break
 * spaces); Liquid must read them as typed.
 */
export function liquidSource(html: string): string {
  return html.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, (tag) =>
    tag
      .replace(/&quot;/g, '"')
      .replace(/&#0?39;|&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&nbsp;|\u00a0/g, ' ')
      .replace(/&amp;/g, '&'),
  );
}

type LiquidFailure = Error & { token?: { getPosition?: () => [number, number] }; originalError?: Error };

function lineOf(error: LiquidFailure): number {
  const fromToken = error.token?.getPosition?.()[0];
  if (fromToken) return fromToken;
  const match = /line:(\d+)/.exec(error.message);
  return match ? Number(match[1]) : 1;
}

/** Turns a Liquid error into the API's error for `field`: a syntax error names its line. */
function templateError(field: string, error: unknown): AppError {
  const failure = error as LiquidFailure;
  const root = failure.originalError ?? failure;
  const message = String(root?.message ?? failure?.message ?? error);
  if (message.includes('templateNoFiles')) return fieldError(field, 'templateNoFiles', { line: lineOf(failure) });
  if (/limit exceeded/.test(message)) return fieldError(field, 'templateTooSlow');
  const reason = message.replace(/, line:\d+, col:\d+.*$/s, '').slice(0, 200);
  return fieldError(field, 'templateSyntax', { line: lineOf(failure), reason });
}

/** Parses a subject or body as it is saved: a syntax error, an unknown filter or a file reference is a 400 naming the line. */
export function checkTemplate(field: string, source: string): void {
  try {
    enginesOf().text.parse(liquidSource(source));
  } catch (error) {
    throw templateError(field, error);
  }
}

/** What merge fields read (see `mergeFields` in common for what each group holds for each kind of recipient). */
export type MergeData = {
  recipient: Record<string, string | null>;
  contact: Record<string, string | null>;
  lead: Record<string, string | null>;
  customer: Record<string, string | null>;
  owner: Record<string, string | null>;
  sender: Record<string, string | null>;
  company: Record<string, string | null>;
  unsubscribe_url: string;
};

async function renderWith(engine: LiquidJs.Liquid, field: string, source: string, data: MergeData) {
  try {
    return String(await engine.parseAndRender(liquidSource(source), data));
  } catch (error) {
    throw templateError(field, error);
  }
}

const fontStack = "-apple-system,BlinkMacSystemFont,'PingFang SC','Microsoft YaHei','Helvetica Neue',Arial,sans-serif";

/** Inline styles for what the editor writes: many mail clients drop a <style> block, none drops these. */
const inlineStyles: Record<string, string> = {
  p: 'margin:0 0 16px;',
  h1: 'margin:0 0 16px;font-size:24px;line-height:1.3;',
  h2: 'margin:0 0 14px;font-size:20px;line-height:1.35;',
  h3: 'margin:0 0 12px;font-size:17px;line-height:1.4;',
  ul: 'margin:0 0 16px;padding-left:24px;',
  ol: 'margin:0 0 16px;padding-left:24px;',
  li: 'margin:0 0 6px;',
  blockquote: 'margin:0 0 16px;padding:4px 0 4px 12px;border-left:3px solid #d0d5dd;color:#5b6270;',
  pre: 'margin:0 0 16px;padding:12px;background:#f4f5f7;white-space:pre-wrap;word-break:break-word;',
  a: 'color:#1677ff;text-decoration:underline;',
  img: 'display:block;max-width:100%;height:auto;border:0;',
  table: 'border-collapse:collapse;max-width:100%;',
  td: 'padding:4px 8px;border:1px solid #e4e7ec;',
  th: 'padding:4px 8px;border:1px solid #e4e7ec;',
  hr: 'border:0;border-top:1px solid #e4e7ec;margin:24px 0;',
};

// Spans carry the editor's colours and sizes in an email.
const allowedTags = [...richTextTags, 'span'];

/** The body as the editor wrote it, with anything that could run removed (kept so when saved). */
export function sanitizeBody(html: string): string {
  return sanitizer()(html, {
    allowedTags,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width'],
      td: ['colspan'],
      th: ['colspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
  });
}

/** A rendered body made safe again (a `raw` filter could bring markup in) and given its inline styles. */
function styledBody(html: string): string {
  const sanitizeHtml = sanitizer();
  const styled = (tag: string) => (tagName: string, attribs: Record<string, string>) => ({
    tagName,
    attribs: { ...attribs, style: inlineStyles[tag], ...(tag === 'a' ? { target: '_blank' } : {}) },
  });
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: {
      '*': ['style'],
      a: ['href', 'title', 'target', 'style'],
      img: ['src', 'alt', 'title', 'width', 'style'],
      td: ['colspan', 'style'],
      th: ['colspan', 'style'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    transformTags: Object.fromEntries(Object.keys(inlineStyles).map((tag) => [tag, styled(tag)])),
  });
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const footerWords: Record<Locale, { unsubscribe: string; why: string }> = {
  'zh-CN': { unsubscribe: '退订', why: '不想再收到此类邮件？' },
  en: { unsubscribe: 'Unsubscribe', why: 'Rather not receive these emails?' },
};

/**
 * The body in a layout that mail clients show alike: one centred column of tables with inline styles,
 * fluid up to 600 px (narrower on a phone without any media query), fixed at 600 px in Outlook for
 * Windows through its conditional comments. A marketing mail's footer carries the company and an
 * unsubscribe link unless the body already has one.
 */
export function emailLayout(input: {
  language: Locale;
  subject: string;
  body: string;
  preheader: string;
  company: { name: string | null; address: string | null };
  unsubscribeUrl: string | null;
}): string {
  const words = footerWords[input.language];
  const footerLines = [
    [input.company.name, input.company.address]
      .filter(Boolean)
      .map((v) => escapeHtml(v!))
      .join(' · '),
    input.unsubscribeUrl
      ? `${words.why} <a href="${escapeHtml(input.unsubscribeUrl)}" target="_blank" style="color:#8a8f99;text-decoration:underline;">${words.unsubscribe}</a>`
      : '',
  ].filter(Boolean);
  const footer = footerLines.length
    ? `<tr><td style="padding:16px 24px 0;font-family:${fontStack};font-size:12px;line-height:1.6;color:#8a8f99;text-align:center;">${footerLines.join('<br>')}</td></tr>`
    : '';
  return `<!DOCTYPE html>
<html lang="${input.language}" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="x-apple-disable-message-reformatting">
<title>${escapeHtml(input.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(input.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;border-collapse:collapse;">
<tr><td align="center" style="padding:24px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;border-collapse:collapse;">
<tr><td style="background-color:#ffffff;border-radius:6px;padding:28px 24px;font-family:${fontStack};font-size:15px;line-height:1.7;color:#1f2329;word-break:break-word;">
${input.body}
</td></tr>
${footer}
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>`;
}

/** The plain-text part: the body's words with links kept after their text, and the footer's lines. */
export function plainTextOf(bodyHtml: string, footer: string[]): string {
  const text = htmlToText().convert(bodyHtml, {
    wordwrap: 78,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
  });
  return [text.trim(), ...(footer.length ? ['', '--', ...footer] : [])].join('\n');
}

/** One rendered email: subject, responsive HTML and its plain-text part. */
export async function renderEmail(input: {
  language: Locale;
  subject: string;
  body: string;
  data: MergeData;
  /** Marketing mail always offers a way out. */
  withUnsubscribe: boolean;
}): Promise<{ subject: string; html: string; text: string }> {
  const { html, text } = enginesOf();
  const subject = (await renderWith(text, 'subject', input.subject, input.data)).replace(/\s+/g, ' ').trim();
  const body = styledBody(await renderWith(html, 'body', input.body, input.data));
  const linksOut = input.withUnsubscribe && !input.body.includes('unsubscribe_url');
  const unsubscribeUrl = linksOut ? input.data.unsubscribe_url : null;
  const company = { name: input.data.company.name, address: input.data.company.address };
  const bodyText = plainTextOf(body, []);
  const footer = [
    [company.name, company.address].filter(Boolean).join(' · '),
    unsubscribeUrl ? `${footerWords[input.language].unsubscribe}: ${unsubscribeUrl}` : '',
  ].filter(Boolean);
  return {
    subject,
    html: emailLayout({
      language: input.language,
      subject,
      body,
      preheader: bodyText.replace(/\s+/g, ' ').slice(0, 120),
      company,
      unsubscribeUrl,
    }),
    text: plainTextOf(body, footer),
  };
}
