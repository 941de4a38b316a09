import type { ImapFlow } from 'imapflow';
import { writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { instanceId, keepLockFresh } from '../../platform/jobs.ts';
import { recordStoredFile, removeFiles, storeReceivedFile } from '../attachments/index.ts';
import { getSettings } from '../settings/index.ts';
import { connectImap, fetchParsed, foldersToRead, newUids, type ParsedEmail } from './mailboxes.imap.ts';
import * as repo from './mailboxes.repository.ts';
import { imapAccountOf } from './mailboxes.secrets.ts';
import { fileServiceEmail, forServiceDesk } from './mailboxes.tickets.ts';
import { attemptWithin } from '../../db/savepoint.ts';
import { takeDeliveryReport } from './delivery-report.ts';
import { takeReceivedMail } from './received-mail.ts';

export type SyncOptions = {
  batchSize?: number;
  /** Who syncs: this server instance unless told. */
  holder?: string;
  /** Tests: stop after this many batches as a process that died would (no sign-out, the claim left to go stale). */
  dieAfterBatches?: number;
};
export type SyncResult = {
  /** False when another instance was syncing the mailbox. */
  ran: boolean;
  stored: number;
  /** Messages already stored from another mailbox, now also found in this one. */
  alreadyStored: number;
  batches: number;
  /** The most messages held in memory at once. */
  peakHeld: number;
  /** Messages of a service mailbox stored but not filed as tickets, with why. */
  notFiled: string[];
  error: string | null;
};

export const defaultBatchSize = 100;

/** The start of a mailbox's last error when messages were kept but not filed as tickets (the web names it). */
export const notFiledErrorKey = 'ticketFilingFailed';

/**
 * Reads a mailbox's new messages into the CRM. One sync at a time per mailbox (a claim on its row,
 * kept fresh while it runs and taken over once stale). Each folder is read read-only from the last
 * UID stored, a batch of UIDs at a time; a batch's messages and the folder's new last UID are written
 * in one transaction, so a sync stopped at any point resumes after the last batch written, and a
 * message is never stored twice. When the folder's UIDVALIDITY changed, its UIDs mean other messages:
 * it is read again from the start date, and what was stored already is recognised by its Message-ID.
 */
export async function syncMailbox(ctx: AppContext, mailboxId: number, options: SyncOptions = {}): Promise<SyncResult> {
  const result: SyncResult = {
    ran: false,
    stored: 0,
    alreadyStored: 0,
    batches: 0,
    peakHeld: 0,
    notFiled: [],
    error: null,
  };
  const holder = options.holder ?? instanceId;
  const batchSize = options.batchSize ?? defaultBatchSize;
  const lockTimeoutMs = ctx.config.workLockTimeoutMs;
  const now = new Date();
  const staleBefore = new Date(now.getTime() - lockTimeoutMs).toISOString();
  if (!(await repo.claimMailbox(ctx.db, mailboxId, holder, now.toISOString(), staleBefore))) return result;
  result.ran = true;
  const stopRefreshing = keepLockFresh(lockTimeoutMs, () => repo.refreshClaim(ctx.db, mailboxId, holder, nowIso()));
  let client: ImapFlow | null = null;
  try {
    const mailbox = await repo.findMailbox(ctx.db, mailboxId);
    if (!mailbox) return result;
    client = await connectImap(imapAccountOf(ctx, mailbox));
    const states = new Map((await repo.folderStates(ctx.db, mailboxId)).map((s) => [s.path, s]));
    const maxBytes = (await getSettings(ctx.db)).attachmentMaxMb * 1024 * 1024;
    for (const path of await foldersToRead(client)) {
      const known = states.get(path);
      const { uidValidity, uids } = await newUids(client, path, mailbox.syncFrom, (validity) =>
        known && known.uidValidity === validity ? Number(known.lastUid) : 0,
      );
      for (let i = 0; i < uids.length; i += batchSize) {
        const batch = uids.slice(i, i + batchSize);
        const messages = await fetchParsed(client, batch);
        result.peakHeld = Math.max(result.peakHeld, messages.length);
        const written = await storeBatch(ctx, mailbox, path, messages, maxBytes);
        result.stored += written.stored;
        result.alreadyStored += written.alreadyStored;
        try {
          await inTransaction(ctx, async (ctx) => {
            await written.commit(ctx);
            await repo.saveFolderState(ctx.db, {
              mailboxId,
              path,
              uidValidity,
              lastUid: batch[batch.length - 1]!,
              updatedAt: nowIso(),
            });
          });
        } catch (error) {
          // Nothing of the batch was recorded: none of its files may stay behind.
          await written.discard(false);
          throw error;
        }
        // Files of messages another mailbox's sync stored first are not recorded: removed, not left as orphans.
        await written.discard(true);
        result.notFiled.push(...written.notFiled);
        result.batches++;
        if (result.batches === options.dieAfterBatches) {
          client.close();
          client = null;
          stopRefreshing();
          return result;
        }
      }
      // A new UIDVALIDITY with nothing to read is remembered too, so that the next sync starts from it.
      if (!uids.length && (!known || known.uidValidity !== uidValidity))
        await repo.saveFolderState(ctx.db, { mailboxId, path, uidValidity, lastUid: 0, updatedAt: nowIso() });
    }
    await client.logout().catch(() => undefined);
    client = null;
    await repo.releaseMailbox(ctx.db, mailboxId, holder, {
      lastSyncedAt: nowIso(),
      lastError: result.notFiled.length
        ? `${notFiledErrorKey}: ${result.notFiled.length}: ${result.notFiled.join('; ')}`.slice(0, 1000)
        : null,
    });
  } catch (error) {
    result.error = errorText(error);
    await repo.releaseMailbox(ctx.db, mailboxId, holder, { lastError: result.error });
  } finally {
    stopRefreshing();
    client?.close();
  }
  return result;
}

/** One inbox message by its UID (read-only), or null when the folder has no such message. */
export async function readInboxMessage(ctx: AppContext, mailbox: Mailbox, uid: number): Promise<ParsedEmail | null> {
  const client = await connectImap(imapAccountOf(ctx, mailbox));
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const [message] = await fetchParsed(client, [uid]);
    return message ?? null;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Stores one inbox message as a sync would (when it is about a record); its id, or null when it was not kept. */
export async function storeInboxMessage(
  ctx: AppContext,
  mailbox: Mailbox,
  message: ParsedEmail,
): Promise<number | null> {
  const maxBytes = (await getSettings(ctx.db)).attachmentMaxMb * 1024 * 1024;
  const written = await storeBatch(ctx, mailbox, 'INBOX', [message], maxBytes);
  try {
    await inTransaction(ctx, (ctx) => written.commit(ctx));
  } catch (error) {
    await written.discard(false);
    throw error;
  }
  await written.discard(true);
  const [row] = await repo.messagesByKeys(ctx.db, [message.messageKey]);
  return row?.id ?? null;
}

function errorText(error: unknown): string {
  const e = error as { code?: string; messageKey?: string; params?: { reason?: string }; message?: string };
  if (e.messageKey) return e.params?.reason ? `${e.messageKey}: ${e.params.reason}` : e.messageKey;
  return String(e.message ?? error).slice(0, 500);
}

type Mailbox = NonNullable<Awaited<ReturnType<typeof repo.findMailbox>>>;

/**
 * Prepares one batch: matches every address to the customers, contacts and leads that have it, keeps
 * the messages about at least one of them, and stores their attachments' files. The rows are written
 * by `commit`, inside the transaction that also moves the folder's last UID.
 */
async function storeBatch(
  ctx: AppContext,
  mailbox: Mailbox,
  folder: string,
  messages: ParsedEmail[],
  maxBytes: number,
) {
  const addresses = [
    ...new Set(messages.flatMap((m) => [m.from, ...m.to, ...m.cc].flatMap((a) => (a ? [a.address] : [])))),
  ].filter((a) => a !== mailbox.address.toLowerCase());
  const records = await repo.recordsWithAddresses(ctx.db, addresses);
  const byAddress = new Map<
    string,
    { entity: 'customers' | 'contacts' | 'leads'; entityId: number; customerId: number | null }[]
  >();
  const add = (
    address: string,
    link: { entity: 'customers' | 'contacts' | 'leads'; entityId: number; customerId: number | null },
  ) => byAddress.set(address, [...(byAddress.get(address) ?? []), link]);
  for (const c of records.customers) add(c.email, { entity: 'customers', entityId: c.id, customerId: c.id });
  for (const c of records.contacts) add(c.email, { entity: 'contacts', entityId: c.id, customerId: c.customerId });
  for (const l of records.leads) add(l.email, { entity: 'leads', entityId: l.id, customerId: null });

  const wanted = messages
    .map((message) => {
      const links = [message.from, ...message.to, ...message.cc].flatMap((a) =>
        a ? (byAddress.get(a.address) ?? []).map((link) => ({ ...link, address: a.address })) : [],
      );
      return { message, links };
    })
    // Mail about no record is not kept, except what a service mailbox turns into tickets.
    .filter((m) => m.links.length > 0 || forServiceDesk(mailbox, folder, m.message));
  const existing = await repo.messagesByKeys(
    ctx.db,
    wanted.map((w) => w.message.messageKey),
  );
  const existingByKey = new Map(existing.map((e) => [e.messageKey, e]));
  const files = new Map<string, { fileName: string; contentType: string; size: number; storageKey: string }[]>();
  for (const { message } of wanted) {
    if (existingByKey.has(message.messageKey) || files.has(message.messageKey)) continue;
    const kept = [];
    for (const attachment of message.attachments) {
      if (attachment.content.length > maxBytes) continue;
      const stored = await storeReceivedFile(ctx, attachment.fileName, attachment.content);
      kept.push({ fileName: attachment.fileName, size: attachment.content.length, ...stored });
    }
    files.set(message.messageKey, kept);
  }
  const stored = new Set(wanted.map((w) => w.message.messageKey).filter((key) => !existingByKey.has(key)));
  const recorded = new Set<string>();
  const notFiled: string[] = [];
  /**
   * Files a message on the service desk behind a savepoint: a message that cannot become a ticket (its
   * ticket type switched off, say) is kept on the timeline unfiled and named in the mailbox's last error,
   * instead of failing the batch — which would stop the mailbox at that message for good.
   */
  const file = async (
    ctx: AppContext,
    message: ParsedEmail,
    entry: { id: number; threadKey: string },
    links: Parameters<typeof fileServiceEmail>[4],
  ) => {
    const filed = await attemptWithin(ctx.db, () => fileServiceEmail(ctx, mailbox, message, entry, links));
    if (!filed.ok) notFiled.push(`${message.subject || message.messageKey} (${errorText(filed.error)})`);
  };
  return {
    /** The messages of the batch that could not be filed as tickets, with why. */
    notFiled,
    /** Removes the stored files not recorded by the commit (all of them when it failed). */
    async discard(committed: boolean) {
      const orphans = [...files.entries()]
        .filter(([key]) => !committed || !recorded.has(key))
        .flatMap(([, kept]) => kept.map((f) => f.storageKey));
      if (orphans.length) await removeFiles(ctx, orphans);
    },
    stored: stored.size,
    alreadyStored: wanted.filter((w) => existingByKey.has(w.message.messageKey)).length,
    async commit(ctx: AppContext) {
      // Read again inside the transaction: another mailbox's sync may have stored some since (the key is
      // unique, so a message is stored once whichever commits first).
      const current = await repo.messagesByKeys(
        ctx.db,
        wanted.map((w) => w.message.messageKey),
      );
      const idsByKey = new Map(current.map((e) => [e.messageKey, { id: e.id, threadKey: e.threadKey }]));
      // Stored already from another mailbox (a copy to a rep, say) but not yet on the service desk.
      const unfiled = new Set(
        current.filter((e) => e.ticketId === null || e.ticketId === undefined).map((e) => e.messageKey),
      );
      const entries: Parameters<typeof repo.addMessagesToMailbox>[1] = [];
      const messageLinks: Parameters<typeof repo.insertLinks>[1] = [];
      // Parents first (sorted by date), so that a reply in the same batch finds its parent's thread.
      for (const { message, links } of [...wanted].sort((a, b) => a.message.sentAt.localeCompare(b.message.sentAt))) {
        let entry = idsByKey.get(message.messageKey);
        if (!entry) {
          const threadKey = await threadKeyOf(ctx, message, idsByKey);
          const kept = files.get(message.messageKey) ?? [];
          const { id } = await repo.insertMessage(ctx.db, {
            messageKey: message.messageKey,
            mailboxId: mailbox.id,
            threadKey,
            inReplyTo: message.inReplyTo,
            references: writeJson(message.references),
            messageId: message.messageId,
            referenceIds: writeJson(message.referenceIds),
            fromAddress: message.from?.address ?? null,
            fromName: message.from?.name ?? null,
            toList: writeJson(message.to),
            ccList: writeJson(message.cc),
            subject: message.subject,
            sentAt: message.sentAt,
            direction: message.from?.address === mailbox.address.toLowerCase() ? 'out' : 'in',
            text: message.text,
            html: message.html,
            excerpt: message.excerpt,
            attachmentCount: kept.length,
            createdAt: nowIso(),
          });
          for (const file of kept) await recordStoredFile(ctx.db, { entity: 'emailMessages', entityId: id, ...file });
          recorded.add(message.messageKey);
          entry = { id, threadKey };
          idsByKey.set(message.messageKey, entry);
          if (forServiceDesk(mailbox, folder, message)) await file(ctx, message, entry, links);
        } else if (unfiled.has(message.messageKey) && forServiceDesk(mailbox, folder, message)) {
          await file(ctx, message, entry, links);
        }
        entries.push({ messageId: entry.id, mailboxId: mailbox.id, folder, uid: message.uid });
        for (const link of links) messageLinks.push({ messageId: entry.id, ...link });
      }
      // A batch's mailbox entries and links in a statement or two, not two per message (nothing above reads them).
      await repo.addMessagesToMailbox(ctx.db, entries);
      await repo.insertLinks(ctx.db, messageLinks);
      // Bounces are read whoever they are about (a mailer daemon is no record): they mark what was sent.
      for (const message of messages) if (message.deliveryReport) await takeDeliveryReport(ctx, message.deliveryReport);
      // So are requests to unsubscribe mailed to the campaign mail's address.
      await takeReceivedMail(
        ctx,
        messages.filter((m) => !m.deliveryReport),
      );
    },
  };
}

/**
 * The thread a message belongs to: its parent's (In-Reply-To, then the nearest of References) when
 * that is stored, else the first of its References (the thread's first message), else its own key.
 */
async function threadKeyOf(
  ctx: AppContext,
  message: ParsedEmail,
  known: Map<string, { id: number; threadKey: string }>,
): Promise<string> {
  const parents = [...(message.inReplyTo ? [message.inReplyTo] : []), ...[...message.references].reverse()];
  if (parents.length) {
    for (const key of parents) {
      const hit = known.get(key);
      if (hit) return hit.threadKey;
    }
    const found = await repo.messagesByKeys(ctx.db, parents);
    for (const key of parents) {
      const hit = found.find((f) => f.messageKey === key);
      if (hit) return hit.threadKey;
    }
    return message.references[0] ?? message.inReplyTo!;
  }
  return message.messageKey;
}
