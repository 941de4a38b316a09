import type { EmailMessage, EmailSummary, Mailbox, MailboxInput } from '@relate/common';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, orNotFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { seal } from '../../platform/secret-box.ts';
import { filesOf, findAttachment, openAttachmentFile } from '../attachments/index.ts';
import { findVisibleContact } from '../contacts/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { findVisibleLead } from '../leads/index.ts';
import { testImap } from './mailboxes.imap.ts';
import * as repo from './mailboxes.repository.ts';
import { syncMailbox } from './mailboxes.sync.ts';

const manageShared = 'settings.manage';

function toMailbox(row: repo.MailboxRow): Mailbox {
  return {
    id: row.id,
    kind: row.kind,
    address: row.address,
    ownerId: row.ownerId,
    ownerName: row.ownerName ?? null,
    imapHost: row.imapHost,
    imapPort: Number(row.imapPort),
    imapTls: Boolean(row.imapTls),
    imapUser: row.imapUser,
    passwordSet: Boolean(row.imapPasswordSealed),
    ownSmtp: row.smtp !== null,
    syncFrom: String(row.syncFrom).slice(0, 10),
    lastSyncedAt: row.lastSyncedAt ? new Date(row.lastSyncedAt).toISOString() : null,
    lastError: row.lastError,
    messageCount: Number(row.messageCount ?? 0),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** The caller's own mailboxes, and the shared ones for those who manage the settings. */
export async function listMailboxes(ctx: AppContext, actor: Actor): Promise<Mailbox[]> {
  return (await repo.listMailboxes(ctx.db, actor.userId, actor.permissions.has(manageShared))).map(toMailbox);
}

/** A mailbox the caller may manage: their own, or a shared one for administrators; others are not found. */
async function manageable(ctx: AppContext, actor: Actor, id: number) {
  const row = orNotFound(await repo.findMailbox(ctx.db, id));
  const mine = row.kind === 'personal' && row.ownerId === actor.userId;
  const shared = row.kind === 'shared' && actor.permissions.has(manageShared);
  if (!mine && !shared) throw new AppError('NOT_FOUND');
  return row;
}

export async function getMailbox(ctx: AppContext, actor: Actor, id: number): Promise<Mailbox> {
  return toMailbox(await manageable(ctx, actor, id));
}

/**
 * Connects a mailbox after signing in to its IMAP server (a wrong password: MAILBOX_LOGIN_FAILED). The
 * passwords are sealed (platform/secret-box.ts) and never given out again. Its first sync is queued.
 */
export async function createMailbox(ctx: AppContext, actor: Actor, input: MailboxInput): Promise<Mailbox> {
  if (input.kind === 'shared' && !actor.permissions.has(manageShared))
    throw new AppError('FORBIDDEN', 'sharedMailboxAdminOnly');
  await testImap({
    host: input.imapHost,
    port: input.imapPort,
    tls: input.imapTls,
    user: input.imapUser,
    password: input.password,
  });
  const secret = ctx.config.sessionSecret;
  const smtp = input.smtp
    ? writeJson({
        ...input.smtp,
        username: input.smtp.username ?? null,
        password: input.smtp.password ? seal(secret, input.smtp.password) : null,
      })
    : null;
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const { id } = await repo.insertMailbox(ctx.db, {
      kind: input.kind,
      ownerId: input.kind === 'personal' ? actor.userId : null,
      address: input.address.toLowerCase(),
      imapHost: input.imapHost,
      imapPort: input.imapPort,
      imapTls: input.imapTls ? 1 : 0,
      imapUser: input.imapUser,
      imapPasswordSealed: seal(secret, input.password),
      smtp,
      syncFrom: input.syncFrom,
      lastSyncedAt: null,
      lastError: null,
      syncLockedBy: null,
      syncLockedAt: null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'mailboxes',
      entityId: id,
      detail: { kind: input.kind, address: input.address, imapHost: input.imapHost },
    });
    return id;
  });
  await queueSync(ctx, id);
  return getMailbox(ctx, actor, id);
}

/** Disconnects a mailbox; the messages read from it stay on the records' timelines. */
export async function deleteMailbox(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const row = await manageable(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.deleteMailbox(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'mailboxes',
      entityId: id,
      detail: { address: row.address },
    });
  });
}

async function queueSync(ctx: AppContext, id: number) {
  const runAt = nowIso();
  // Pressing "sync now" again while a run is queued for the same second adds nothing.
  await scheduleJob(ctx.db, {
    kind: 'mailbox.sync',
    runAt,
    payload: { mailboxId: id },
    dedupeKey: `mailbox.sync@${id}@${runAt.slice(0, 19)}`,
  });
}

/** Queues a sync of the mailbox now (the job runs it; one at a time per mailbox). */
export async function requestSync(ctx: AppContext, actor: Actor, id: number): Promise<Mailbox> {
  await manageable(ctx, actor, id);
  await queueSync(ctx, id);
  return getMailbox(ctx, actor, id);
}

/** The job: syncs one mailbox; an error is kept on the mailbox for its owner to read, not retried at once. */
export async function runMailboxSync(ctx: AppContext, payload: unknown): Promise<void> {
  const id = Number((payload as { mailboxId?: number }).mailboxId);
  if (Number.isInteger(id) && id > 0) await syncMailbox(ctx, id);
}

/** The periodic sweep: a sync job for every mailbox (polling; each skips while another sync of it runs). */
export async function pollMailboxes(ctx: AppContext): Promise<void> {
  const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  for (const { id } of await repo.allMailboxIds(ctx.db))
    await scheduleJob(ctx.db, {
      kind: 'mailbox.sync',
      runAt: slot,
      payload: { mailboxId: id },
      dedupeKey: `mailbox.sync@${id}@${slot}`,
    });
}

function addressList(value: string): { address: string; name: string | null }[] {
  return readJson<{ address: string; name: string | null }[]>(value, []);
}

function toSummary(row: repo.EmailSummaryRow): EmailSummary {
  return {
    id: row.id,
    subject: row.subject,
    from: row.fromAddress ? { address: row.fromAddress, name: row.fromName } : null,
    to: addressList(row.toList),
    direction: row.direction,
    sentAt: new Date(row.sentAt).toISOString(),
    excerpt: row.excerpt,
    attachmentCount: Number(row.attachmentCount),
  };
}

/** The emails on a customer's timeline (the caller may see the customer: the timeline checked it). */
export async function emailsOfCustomer(
  db: Kysely<DB>,
  customerId: number,
  limit: number,
  after?: Expression<SqlBool>,
): Promise<EmailSummary[]> {
  return (await repo.emailsOfCustomer(db, customerId, limit, after)).map(toSummary);
}

type Link = Awaited<ReturnType<typeof repo.linksOf>>[number];

/**
 * Who may read a message: the owner of a personal mailbox it was found in, and whoever may see a
 * record it was matched to (a customer, a contact or a lead, within their data scope). Others get 404.
 * A shared mailbox's messages are read through the records only.
 */
async function visibleLinks(ctx: AppContext, actor: Actor, links: Link[]): Promise<Link[]> {
  const visible: Link[] = [];
  for (const link of links) {
    const seen =
      link.entity === 'customers'
        ? actor.permissions.has('customers.view') && (await findVisibleCustomer(ctx, actor, link.entityId))
        : link.entity === 'contacts'
          ? actor.permissions.has('contacts.view') && (await findVisibleContact(ctx, actor, link.entityId))
          : actor.permissions.has('leads.view') && (await findVisibleLead(ctx, actor, link.entityId));
    if (seen) visible.push(link);
  }
  return visible;
}

async function assertReadable(ctx: AppContext, actor: Actor, messageId: number) {
  const message = orNotFound(await repo.findMessage(ctx.db, messageId));
  const owners = await repo.personalOwnersOf(ctx.db, [messageId]);
  const links = await visibleLinks(ctx, actor, await repo.linksOf(ctx.db, [messageId]));
  if (!links.length && !owners.some((o) => o.ownerId === actor.userId)) throw new AppError('NOT_FOUND');
  return { message, links };
}

/** One message with its attachments, the records it is about and its thread, as far as the caller may read them. */
export async function getEmailMessage(ctx: AppContext, actor: Actor, id: number): Promise<EmailMessage> {
  const { message, links } = await assertReadable(ctx, actor, id);
  const names = new Map<string, string>();
  for (const entity of ['customers', 'contacts', 'leads'] as const) {
    const ids = links.filter((l) => l.entity === entity).map((l) => l.entityId);
    for (const row of await repo.namesOf(ctx.db, entity, ids)) names.set(`${entity}:${row.id}`, row.name);
  }
  const others = (await repo.threadOf(ctx.db, message.threadKey)).filter((m) => m.id !== id);
  const thread: EmailSummary[] = [];
  for (const other of others) {
    const readable = await assertReadable(ctx, actor, other.id).then(
      () => true,
      () => false,
    );
    if (readable) thread.push(toSummary(other));
  }
  const files = await filesOf(ctx.db, 'emailMessages' as never, id);
  return {
    ...toSummary(message),
    messageId: message.messageKey,
    threadKey: message.threadKey,
    cc: addressList(message.ccList),
    text: message.text,
    html: message.html,
    attachments: files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      contentType: f.contentType,
      size: Number(f.size),
    })),
    links: links.map((l) => ({
      entity: l.entity,
      entityId: l.entityId,
      name: names.get(`${l.entity}:${l.entityId}`) ?? '',
    })),
    thread,
  };
}

/** A file of a message the caller may read. */
export async function openEmailAttachment(ctx: AppContext, actor: Actor, id: number, attachmentId: number) {
  await assertReadable(ctx, actor, id);
  const attachment = await findAttachment(ctx, attachmentId);
  if (attachment.entity !== 'emailMessages' || attachment.entityId !== id) throw new AppError('NOT_FOUND');
  return { attachment, stream: openAttachmentFile(ctx, attachment) };
}
