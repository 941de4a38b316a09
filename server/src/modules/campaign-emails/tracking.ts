import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Links in a campaign message name its recipient row and are signed under a key of their own, derived from
 * the server's secret for this purpose alone (HKDF, its own label): an open, a click or an unsubscribe
 * cannot be made up for another recipient, and a click goes only to a link the message held.
 */
const keyOf = (secret: string) => Buffer.from(hkdfSync('sha256', secret, 'relate', 'campaign-email-tracking', 32));

const signatureOf = (secret: string, subject: string) =>
  createHmac('sha256', keyOf(secret)).update(subject).digest('base64url').slice(0, 22);

const matches = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/** A recipient's token (open pixel, one-click unsubscribe): its id and a signature. */
export function recipientToken(secret: string, recipientId: number): string {
  return `${recipientId}.${signatureOf(secret, `r:${recipientId}`)}`;
}

export function recipientOfToken(secret: string, token: string): number | null {
  const match = /^(\d{1,10})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  return matches(match[2]!, signatureOf(secret, `r:${id}`)) ? id : null;
}

/** A tracked link: recipient, the link's index in the message and a signature over both. */
export function clickToken(secret: string, recipientId: number, link: number): string {
  return `${recipientId}.${link}.${signatureOf(secret, `c:${recipientId}:${link}`)}`;
}

export function clickOfToken(secret: string, token: string): { recipientId: number; link: number } | null {
  const match = /^(\d{1,10})\.(\d{1,4})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const recipientId = Number(match[1]);
  const link = Number(match[2]);
  return matches(match[3]!, signatureOf(secret, `c:${recipientId}:${link}`)) ? { recipientId, link } : null;
}

/**
 * Rewrites the message's web links (http and https, not its unsubscribe link) to tracked ones and adds the
 * open pixel. Returns the HTML and the links in order: a click names its link by index.
 */
export function trackedHtml(
  html: string,
  urls: { click: (index: number) => string; pixel: string },
): { html: string; links: string[] } {
  const links: string[] = [];
  const rewritten = html.replace(/(<a\b[^>]*?\bhref=)(["'])(https?:\/\/[^"']+)\2/gi, (whole, start, quote, url) => {
    const target = decodeEntities(url as string);
    if (/\/unsubscribe\//.test(target)) return whole;
    let index = links.indexOf(target);
    if (index < 0) index = links.push(target) - 1;
    return `${start}${quote}${urls.click(index)}${quote}`;
  });
  const pixel = `<img src="${urls.pixel}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`;
  const withPixel = /<\/body>/i.test(rewritten) ? rewritten.replace(/<\/body>/i, `${pixel}</body>`) : rewritten + pixel;
  return { html: withPixel, links };
}

/**
 * The plain-text part with the same links tracked as in the HTML (a reader whose mail program shows the text
 * counts as much): each link written whole, not as the start of a longer address, becomes its click address.
 */
export function trackedText(text: string, links: string[], click: (index: number) => string): string {
  if (!links.length) return text;
  const escaped = [...links].sort((a, b) => b.length - a.length).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(`(?:${escaped.join('|')})(?![^\\s\\])>"'<])`, 'g'), (url) =>
    click(links.indexOf(url)),
  );
}

const decodeEntities = (url: string) =>
  url
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');

/**
 * Whether a fetch of the open pixel is a person reading rather than a machine: crawlers and link scanners
 * (isbot), and the mail providers' privacy proxies that fetch every image of every message whether it is
 * read or not — Apple Mail Privacy Protection (a bare "Mozilla/5.0"), Google's and Yahoo's image proxies.
 */
export function isMachineFetch(isbot: (ua: string) => boolean, userAgent: string | undefined): boolean {
  const ua = (userAgent ?? '').trim();
  if (!ua || ua === 'Mozilla/5.0') return true;
  if (/GoogleImageProxy|ggpht\.com|YahooMailProxy|Yahoo! Slurp/i.test(ua)) return true;
  return isbot(ua);
}
