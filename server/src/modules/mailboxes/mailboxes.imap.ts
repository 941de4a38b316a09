import { createHash } from 'node:crypto';
import type { FetchMessageObject, ImapFlow, ImapFlowOptions } from 'imapflow';
import type { AddressObject, ParsedMail } from 'mailparser';
import type sanitize from 'sanitize-html';
import { AppError } from '../../platform/errors.ts';
import { lazyPackage } from '../../platform/lazy-package.ts';

const imapflow = lazyPackage<typeof import('imapflow')>('imapflow');
const mailparser = lazyPackage<typeof import('mailparser')>('mailparser');
const sanitizer = lazyPackage<typeof sanitize>('sanitize-html');

export type ImapAccount = { host: string; port: number; tls: boolean; user: string; password: string };

function clientOf(account: ImapAccount): ImapFlow {
  const options: ImapFlowOptions = {
    host: account.host,
    port: account.port,
    secure: account.tls,
    auth: { user: account.user, pass: account.password },
    logger: false,
    // Polling reads the new mail; an idling connection is not kept between syncs.
    disableAutoIdle: true,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  };
  return new (imapflow().ImapFlow)(options);
}

/** Signs in, or fails with MAILBOX_LOGIN_FAILED (wrong user or password) or UPSTREAM_FAILED (unreachable, with the reason). */
export async function connectImap(account: ImapAccount): Promise<ImapFlow> {
  const client = clientOf(account);
  // A connection dropped later is reported by the command that was running; the event itself must not go unheard.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    const e = error as { authenticationFailed?: boolean; message?: string; code?: string };
    if (e.authenticationFailed)
      throw new AppError('MAILBOX_LOGIN_FAILED', 'MAILBOX_LOGIN_FAILED', { password: 'MAILBOX_LOGIN_FAILED' });
    throw new AppError('UPSTREAM_FAILED', 'mailboxUnreachable', undefined, {
      reason: String(e.code ?? e.message ?? error).slice(0, 200),
    });
  }
}

/** Signs in and out again: the connection test of a mailbox being saved. */
export async function testImap(account: ImapAccount): Promise<void> {
  const client = await connectImap(account);
  await client.logout().catch(() => client.close());
}

/** The folders read: the inbox (received mail) and the folder marked \Sent (what the user sent), where there is one. */
export async function foldersToRead(client: ImapFlow): Promise<string[]> {
  const folders = await client.list();
  const sent = folders.find((f) => f.specialUse === '\\Sent');
  return sent && sent.path.toUpperCase() !== 'INBOX' ? ['INBOX', sent.path] : ['INBOX'];
}

export type FolderStatus = { uidValidity: string; uids: number[] };

/**
 * Opens a folder read-only (EXAMINE: nothing can set \Seen or move a message) and lists the UIDs after
 * `lastUid` that arrived on or after `since`. A list of numbers, not messages: 100 000 UIDs take under a megabyte.
 */
export async function newUids(
  client: ImapFlow,
  path: string,
  since: string,
  lastUidOf: (uidValidity: string) => number,
): Promise<FolderStatus> {
  const opened = await client.mailboxOpen(path, { readOnly: true });
  const uidValidity = String(opened.uidValidity);
  const lastUid = lastUidOf(uidValidity);
  if (!opened.exists) return { uidValidity, uids: [] };
  const found = await client.search({ uid: `${lastUid + 1}:*`, since: new Date(`${since}T00:00:00Z`) }, { uid: true });
  // "n:*" names the last message even when its UID is below n: keep only what is new.
  const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
  return { uidValidity, uids };
}

export type Address = { address: string; name: string | null };
export type ParsedEmail = {
  uid: number;
  messageKey: string;
  inReplyTo: string | null;
  references: string[];
  from: Address | null;
  to: Address[];
  cc: Address[];
  subject: string;
  sentAt: string;
  text: string | null;
  html: string | null;
  excerpt: string;
  attachments: { fileName: string; contentType: string; content: Buffer }[];
};

/**
 * Reads the messages of these UIDs of the open folder. FETCH BODY.PEEK[] (imapflow's `source`) leaves
 * \Seen as it was; the caller bounds how many UIDs it asks for at a time, and so how many messages are held.
 */
export async function fetchParsed(client: ImapFlow, uids: number[]): Promise<ParsedEmail[]> {
  const raw: { uid: number; source: Buffer; internalDate: Date | null }[] = [];
  for await (const message of client.fetch(
    uids.join(','),
    { uid: true, source: true, internalDate: true },
    {
      uid: true,
    },
  ) as AsyncIterable<FetchMessageObject>)
    if (message.source)
      raw.push({
        uid: message.uid,
        source: message.source,
        internalDate: message.internalDate ? new Date(message.internalDate) : null,
      });
  const parsed: ParsedEmail[] = [];
  for (const message of raw) parsed.push(await parseEmail(message.uid, message.source, message.internalDate));
  return parsed;
}

const messageIdPattern = /<[^<>\s]+>/g;

/** A Message-ID as a key: without its angle brackets, lower-cased (ids differ in case between mailers). */
export function messageKeyOf(id: string): string {
  return id.trim().replace(/^<|>$/g, '').toLowerCase();
}

function idsIn(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const ids = text.match(messageIdPattern) ?? (text.trim() ? text.trim().split(/\s+/) : []);
  return ids.map(messageKeyOf).filter(Boolean);
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: Address[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address) out.push({ address: entry.address.toLowerCase(), name: entry.name || null });
    }
  };
  for (const item of list) walk(item.value);
  return out;
}

/** Mail's HTML as it may be shown: formatting only, no scripts, styles, forms or remote images (they would tell the sender it was read). */
export function sanitizeEmailHtml(html: string): string {
  const sanitizeHtml = sanitizer();
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'img').concat(['img', 'font', 'center']),
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align'],
      font: ['color'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    // Inline images arrive as data: URLs (mailparser replaces cid: links); remote ones are dropped.
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }) },
  });
}

function excerptOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export async function parseEmail(uid: number, source: Buffer, internalDate: Date | null): Promise<ParsedEmail> {
  const mail: ParsedMail = await mailparser().simpleParser(source, { skipTextToHtml: true, skipTextLinks: true });
  const from = addressesOf(mail.from)[0] ?? null;
  const to = addressesOf(mail.to);
  const cc = addressesOf(mail.cc);
  const sentAt = (
    mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : (internalDate ?? new Date())
  ).toISOString();
  const subject = (mail.subject ?? '').slice(0, 500);
  const ownId = mail.messageId ? messageKeyOf(mail.messageId) : '';
  // Without a Message-ID, the same message read from two mailboxes still gives the same key.
  const messageKey =
    ownId ||
    `${createHash('sha256')
      .update([from?.address ?? '', to.map((a) => a.address).join(','), sentAt, subject].join('\n'))
      .digest('hex')}@no-message-id`;
  const html = mail.html ? sanitizeEmailHtml(mail.html) : null;
  const text = mail.text ?? null;
  const plain = text ?? (html ? sanitizer()(html, { allowedTags: [], allowedAttributes: {} }) : '');
  return {
    uid,
    messageKey,
    inReplyTo: idsIn(mail.inReplyTo)[0] ?? null,
    references: idsIn(mail.references),
    from,
    to,
    cc,
    subject,
    sentAt,
    text,
    html,
    excerpt: excerptOf(plain),
    attachments: mail.attachments
      .filter((a) => a.contentDisposition !== 'inline' || !a.related)
      .map((a, i) => ({
        fileName: (a.filename ?? `attachment-${i + 1}`).replace(/[\\/]/g, '_').slice(0, 200),
        contentType: a.contentType,
        content: a.content,
      })),
  };
}
