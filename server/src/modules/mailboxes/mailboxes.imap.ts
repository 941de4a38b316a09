import { createHash } from 'node:crypto';
import type { FetchMessageObject, ImapFlow, ImapFlowOptions } from 'imapflow';
import type { AddressObject, ParsedMail } from 'mailparser';
import type sanitize from 'sanitize-html';
import { AppError } from '../../platform/errors.ts';
import { lazyPackage } from '../../platform/lazy-package.ts';
import { type DeliveryReport, isDeliveryReport, readDeliveryReport } from './delivery-report.ts';

const imapflow = lazyPackage<typeof import('imapflow')>('imapflow');
const mailparser = lazyPackage<typeof import('mailparser')>('mailparser');
const sanitizer = lazyPackage<typeof sanitize>('sanitize-html');

export type ImapAccount = { host: string; port: number; tls: boolean; user: string; password: string };

function clientOf(account: ImapAccount, idle = false): ImapFlow {
  const options: ImapFlowOptions = {
    host: account.host,
    port: account.port,
    secure: account.tls,
    auth: { user: account.user, pass: account.password },
    logger: false,
    // A sync's connection does not idle; the watcher's (mailboxes.idle.ts) does, to hear of new mail.
    disableAutoIdle: !idle,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    // An idling connection is quiet for minutes: IDLE is started again every four (servers end it after 30).
    socketTimeout: idle ? 6 * 60_000 : 60_000,
    ...(idle ? { maxIdleTime: 4 * 60_000 } : {}),
  };
  return new (imapflow().ImapFlow)(options);
}

/** Signs in, or fails with MAILBOX_LOGIN_FAILED (wrong user or password) or UPSTREAM_FAILED (unreachable, with the reason). */
export async function connectImap(account: ImapAccount, options: { idle?: boolean } = {}): Promise<ImapFlow> {
  const client = clientOf(account, options.idle);
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

/** The folder marked \Sent, or one named Sent (created when there is none). */
export async function sentFolder(client: ImapFlow): Promise<string> {
  const folders = await client.list();
  const sent =
    folders.find((f) => f.specialUse === '\\Sent') ??
    folders.find((f) => /^(sent|sent items|sent messages)$/i.test(f.path));
  if (sent) return sent.path;
  await client.mailboxCreate('Sent');
  return 'Sent';
}

/** Places a sent message in the Sent folder (APPEND, marked read); its UID there when the server says (UIDPLUS). */
export async function appendToSent(client: ImapFlow, raw: Buffer): Promise<{ path: string; uid: number | null }> {
  const path = await sentFolder(client);
  const appended = await client.append(path, raw, ['\\Seen'], new Date());
  return { path, uid: appended && typeof appended === 'object' && appended.uid ? Number(appended.uid) : null };
}

/** Envelopes of the inbox's newest messages (read-only; no bodies): for picking out unknown senders. */
export async function recentEnvelopes(client: ImapFlow, since: string, count: number) {
  const opened = await client.mailboxOpen('INBOX', { readOnly: true });
  if (!opened.exists) return [];
  const found = ((await client.search({ since: new Date(`${since}T00:00:00Z`) }, { uid: true })) || []).sort(
    (a, b) => b - a,
  );
  const uids = found.slice(0, count);
  if (!uids.length) return [];
  const out: { uid: number; from: Address | null; subject: string; sentAt: string }[] = [];
  for await (const m of client.fetch(
    uids.join(','),
    { uid: true, envelope: true, internalDate: true },
    { uid: true },
  )) {
    const sender = m.envelope?.from?.[0];
    const date = m.envelope?.date ?? (m.internalDate ? new Date(m.internalDate) : new Date());
    out.push({
      uid: m.uid,
      from: sender?.address ? { address: sender.address.toLowerCase(), name: sender.name || null } : null,
      subject: (m.envelope?.subject ?? '').slice(0, 500),
      sentAt: new Date(date).toISOString(),
    });
  }
  return out.sort((a, b) => b.uid - a.uid);
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
  /** The Message-ID and References as written (case kept), for naming them in a reply. */
  messageId: string | null;
  referenceIds: string[];
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
  /** An auto-reply, a bounce or bulk mail (RFC 3834 and its kin): never a ticket of its own. */
  automated: boolean;
  /** A bounce or delay notice's machine-readable part (RFC 3464), when the message is one. */
  deliveryReport: DeliveryReport | null;
};

/**
 * Whether a message was sent by a machine rather than written to us: Auto-Submitted other than "no"
 * (RFC 3834), X-Autoreply / X-Autorespond, Precedence bulk / junk / list / auto_reply, a delivery or
 * disposition report (DSN, MDN), or a mailer-daemon / postmaster sender.
 */
export function isAutomated(headers: Map<string, unknown>, from: string | null, contentType: string): boolean {
  const header = (name: string) => {
    const value = headers.get(name);
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value.toLowerCase();
    const v = value as { value?: unknown; text?: unknown };
    return String(v.value ?? v.text ?? value).toLowerCase();
  };
  const autoSubmitted = header('auto-submitted').trim();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return true;
  if (header('x-autoreply') || header('x-autorespond') || header('x-auto-response-suppress').includes('all'))
    return true;
  if (/^(bulk|junk|list|auto_reply|auto-reply)\b/.test(header('precedence').trim())) return true;
  if (/multipart\/report|message\/delivery-status|message\/disposition-notification/.test(contentType.toLowerCase()))
    return true;
  if (from && /^(mailer-daemon|postmaster|mail-daemon)@/i.test(from)) return true;
  return false;
}

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

/** The Message-IDs a header names, as written, without angle brackets. */
function writtenIdsIn(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const ids = text.match(messageIdPattern) ?? (text.trim() ? text.trim().split(/\s+/) : []);
  return ids.map((id) => id.trim().replace(/^<|>$/g, '')).filter(Boolean);
}

function idsIn(value: string | string[] | undefined): string[] {
  return writtenIdsIn(value).map(messageKeyOf);
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
  const contentType = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | string | undefined;
  const automated = isAutomated(
    mail.headers as Map<string, unknown>,
    from?.address ?? null,
    typeof contentType === 'string' ? contentType : (contentType?.value ?? ''),
  );
  return {
    automated,
    deliveryReport: isDeliveryReport(contentType) ? await readDeliveryReport(source) : null,
    uid,
    messageKey,
    messageId: writtenIdsIn(mail.messageId)[0] ?? null,
    referenceIds: writtenIdsIn(mail.references),
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
