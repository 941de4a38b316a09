import { randomUUID } from 'node:crypto';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { unseal } from '../../platform/secret-box.ts';
import { recordStoredFile, removeFiles, storeReceivedFile } from '../attachments/index.ts';
import { composeMail, type MailServer, readMailSettings, sendRawMail } from '../mail/index.ts';
import { appendToSent, connectImap, parseEmail } from './mailboxes.imap.ts';
import * as repo from './mailboxes.repository.ts';
import { imapAccountOf } from './mailboxes.secrets.ts';

export type StoredMailbox = NonNullable<Awaited<ReturnType<typeof repo.findMailbox>>>;
type Link = {
  entity: 'customers' | 'contacts' | 'leads';
  entityId: number;
  customerId: number | null;
  address: string;
};

/** The mailbox's own outgoing server when it has one, else the company's (none: MAIL_NOT_CONFIGURED as a conflict). */
export async function outgoingServerOf(ctx: AppContext, mailbox: StoredMailbox): Promise<MailServer> {
  if (mailbox.smtp) {
    const own = readJson<MailServer>(mailbox.smtp, null as never);
    const password = own.password ? unseal(ctx.config.sessionSecret, own.password) : null;
    if (own.password && password === null) throw new AppError('MAILBOX_LOGIN_FAILED', 'mailboxPasswordUnreadable');
    return { ...own, password };
  }
  const company = await readMailSettings(ctx.db, ctx.config.sessionSecret);
  if (!company) throw new AppError('CONFLICT', 'mailNotConfigured');
  return company;
}

/** The customers, contacts and leads with these addresses, as links of a message (the mailbox's own address left out). */
export async function linksForAddresses(ctx: AppContext, addresses: string[], own: string): Promise<Link[]> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))].filter((a) => a !== own.toLowerCase());
  const records = await repo.recordsWithAddresses(ctx.db, wanted);
  return [
    ...records.customers.map((c) => ({
      entity: 'customers' as const,
      entityId: c.id,
      customerId: c.id,
      address: c.email,
    })),
    ...records.contacts.map((c) => ({
      entity: 'contacts' as const,
      entityId: c.id,
      customerId: c.customerId,
      address: c.email,
    })),
    ...records.leads.map((l) => ({ entity: 'leads' as const, entityId: l.id, customerId: null, address: l.email })),
  ];
}

/** A message answered: the keys its thread is matched by, and the ids it is named by in a reply's headers. */
export type ReplyParent = { messageKey: string; threadKey: string; headerId: string; headerReferences: string[] };

/** A stored message as the parent of a reply: its Message-ID and References as written where they were kept. */
export function replyParentOf(row: {
  messageKey: string;
  threadKey: string;
  references: string;
  messageId: string | null;
  referenceIds: string | null;
}): ReplyParent {
  return {
    messageKey: row.messageKey,
    threadKey: row.threadKey,
    headerId: row.messageId ?? row.messageKey,
    headerReferences: row.referenceIds
      ? readJson<string[]>(row.referenceIds, [])
      : readJson<string[]>(row.references, []),
  };
}

export type OutgoingEmail = {
  fromName: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  /** An HTML alternative to the text. */
  html?: string | null;
  /** The message answered: the new one joins its thread. */
  parent: ReplyParent | null;
  attachments: { fileName: string; contentType: string; content: Buffer }[];
  sentBy: number | null;
  ticketId: number | null;
  /** Records it is also about (the record it was written from). */
  links: Link[];
};

export type SentEmail = { id: number; messageId: string; savedToSent: boolean; sentFolderError: string | null };

/**
 * Sends a message from a mailbox and keeps it: the bytes are composed once, sent through the mailbox's
 * outgoing server, placed in its Sent folder by IMAP APPEND (a failure there is reported, the message
 * having gone), and stored as an outgoing message of the mailbox — threaded under its parent, linked to
 * the records of its recipients — so it shows on their timelines at once; the next sync of the Sent
 * folder recognises it by its Message-ID.
 */
export async function sendFromMailbox(
  ctx: AppContext,
  mailbox: StoredMailbox,
  email: OutgoingEmail,
): Promise<SentEmail> {
  const server = await outgoingServerOf(ctx, mailbox);
  const domain = mailbox.address.split('@')[1] || 'relate.invalid';
  const messageId = `${randomUUID()}@${domain}`;
  const references = email.parent ? [...email.parent.headerReferences, email.parent.headerId].slice(-20) : [];
  const raw = await composeMail({
    from: { name: email.fromName, address: mailbox.address },
    to: email.to,
    cc: email.cc,
    bcc: email.bcc,
    subject: email.subject,
    text: email.text,
    html: email.html ?? null,
    messageId: `<${messageId}>`,
    inReplyTo: email.parent ? `<${email.parent.headerId}>` : null,
    references: references.map((r) => `<${r}>`),
    attachments: email.attachments.map((a) => ({
      filename: a.fileName,
      content: a.content,
      contentType: a.contentType,
    })),
  });
  try {
    await sendRawMail(server, { from: mailbox.address, to: [...email.to, ...email.cc, ...email.bcc] }, raw);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('UPSTREAM_FAILED', 'mailRefused', undefined, {
      reason: String((error as Error).message ?? error).slice(0, 200),
    });
  }
  let placed: { path: string; uid: number | null } | null = null;
  let sentFolderError: string | null = null;
  try {
    const client = await connectImap(imapAccountOf(ctx, mailbox));
    try {
      placed = await appendToSent(client, raw);
    } finally {
      await client.logout().catch(() => client.close());
    }
  } catch (error) {
    const e = error as { messageKey?: string; params?: { reason?: string }; message?: string };
    sentFolderError = String(e.params?.reason ?? e.messageKey ?? e.message ?? error).slice(0, 300);
  }
  const parsed = await parseEmail(placed?.uid ?? 0, raw, new Date());
  const links = [
    ...(await linksForAddresses(ctx, [...email.to, ...email.cc, ...email.bcc], mailbox.address)),
    ...email.links,
  ];
  const files: { fileName: string; contentType: string; size: number; storageKey: string }[] = [];
  try {
    for (const attachment of email.attachments) {
      const stored = await storeReceivedFile(ctx, attachment.fileName, attachment.content);
      files.push({ fileName: attachment.fileName, size: attachment.content.length, ...stored });
    }
    const id = await inTransaction(ctx, async (ctx) => {
      const { id } = await repo.insertMessage(ctx.db, {
        messageKey: parsed.messageKey,
        mailboxId: mailbox.id,
        threadKey: email.parent?.threadKey ?? parsed.messageKey,
        inReplyTo: parsed.inReplyTo,
        references: writeJson(parsed.references),
        messageId: parsed.messageId,
        referenceIds: writeJson(parsed.referenceIds),
        fromAddress: mailbox.address.toLowerCase(),
        fromName: email.fromName,
        toList: writeJson(parsed.to),
        ccList: writeJson(parsed.cc),
        subject: parsed.subject,
        sentAt: parsed.sentAt,
        direction: 'out',
        text: parsed.text,
        // As read back from the bytes sent: sanitised like every stored message's HTML.
        html: parsed.html,
        excerpt: parsed.excerpt,
        attachmentCount: files.length,
        createdAt: nowIso(),
        sentBy: email.sentBy,
        ticketId: email.ticketId,
      });
      for (const file of files) await recordStoredFile(ctx.db, { entity: 'emailMessages', entityId: id, ...file });
      // Listed in its mailbox even when the Sent folder could not take it (UID 0: not known there).
      await repo.addMessagesToMailbox(ctx.db, [
        { messageId: id, mailboxId: mailbox.id, folder: placed?.path ?? 'Sent', uid: placed?.uid ?? 0 },
      ]);
      const seen = new Set<string>();
      await repo.insertLinks(
        ctx.db,
        links
          .filter((l) => !seen.has(`${l.entity}:${l.entityId}`) && seen.add(`${l.entity}:${l.entityId}`))
          .map((link) => ({ messageId: id, ...link })),
      );
      return id;
    });
    return { id, messageId, savedToSent: placed !== null, sentFolderError };
  } catch (error) {
    // Not recorded: the files stored for it would be orphans.
    await removeFiles(
      ctx,
      files.map((f) => f.storageKey),
    );
    throw error;
  }
}
