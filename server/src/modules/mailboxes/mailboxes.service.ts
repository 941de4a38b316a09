import {
  type CategoryRule,
  ContactInput,
  type EmailCompose,
  type EmailLogInput,
  type EmailMessage,
  type EmailSent,
  type EmailSummary,
  LeadInput,
  type Mailbox,
  type MailboxInput,
  type MailboxPatch,
  type SendingMailbox,
} from '@relate/common';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { seal } from '../../platform/secret-box.ts';
import { filesOf, findAttachment, openAttachmentFile } from '../attachments/index.ts';
import { createContact, findVisibleContact } from '../contacts/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { createLead, findVisibleLead } from '../leads/index.ts';
import { getSettings } from '../settings/index.ts';
import { idleIsFresh } from './mailboxes.idle.ts';
import { connectImap, messageKeyOf, recentEnvelopes, testImap } from './mailboxes.imap.ts';
import * as repo from './mailboxes.repository.ts';
import { imapAccountOf } from './mailboxes.secrets.ts';
import { type ReplyParent, replyParentOf, sendFromMailbox } from './mailboxes.send.ts';
import { readInboxMessage, storeInboxMessage, syncMailbox } from './mailboxes.sync.ts';

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
    serviceMailbox: Boolean(row.serviceMailbox),
    categoryRules: readJson<CategoryRule[]>(row.categoryRules, []),
    idle: Boolean(row.idleHeldBy) && idleIsFresh(row.idleHeldAt),
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
  if (input.serviceMailbox && input.kind !== 'shared') throw fieldError('serviceMailbox', 'serviceMailboxShared');
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
      serviceMailbox: input.serviceMailbox ? 1 : 0,
      categoryRules: writeJson(input.categoryRules),
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

/**
 * Changes a mailbox. The IMAP sign-in is tested with the new values (the stored password unless a new one
 * is given) before anything is saved. Another server, user or address, or an earlier start date, reads
 * the folders again from the start date (what is stored already is recognised by its Message-ID).
 */
export async function updateMailbox(ctx: AppContext, actor: Actor, id: number, patch: MailboxPatch): Promise<Mailbox> {
  const row = await manageable(ctx, actor, id);
  if (patch.serviceMailbox && row.kind !== 'shared') throw fieldError('serviceMailbox', 'serviceMailboxShared');
  const secret = ctx.config.sessionSecret;
  const next = {
    address: (patch.address ?? row.address).toLowerCase(),
    imapHost: patch.imapHost ?? row.imapHost,
    imapPort: patch.imapPort ?? Number(row.imapPort),
    imapTls: patch.imapTls ?? Boolean(row.imapTls),
    imapUser: patch.imapUser ?? row.imapUser,
    syncFrom: patch.syncFrom ?? String(row.syncFrom).slice(0, 10),
  };
  const password = patch.password ? patch.password : null;
  const account = password
    ? { host: next.imapHost, port: next.imapPort, tls: next.imapTls, user: next.imapUser, password }
    : { ...imapAccountOf(ctx, row), host: next.imapHost, port: next.imapPort, tls: next.imapTls, user: next.imapUser };
  await testImap(account);
  let smtp: string | null | undefined;
  if (patch.smtp === null) smtp = null;
  else if (patch.smtp) {
    const before = row.smtp ? readJson<{ password: string | null }>(row.smtp, { password: null }) : null;
    smtp = writeJson({
      ...patch.smtp,
      username: patch.smtp.username ?? null,
      // A blank password keeps the stored one.
      password: patch.smtp.password ? seal(secret, patch.smtp.password) : (before?.password ?? null),
    });
  }
  const rereads =
    next.address !== row.address.toLowerCase() ||
    next.imapHost !== row.imapHost ||
    next.imapUser !== row.imapUser ||
    next.syncFrom < String(row.syncFrom).slice(0, 10);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateMailbox(ctx.db, id, {
      ...next,
      imapTls: next.imapTls ? 1 : 0,
      ...(password ? { imapPasswordSealed: seal(secret, password) } : {}),
      ...(smtp !== undefined ? { smtp } : {}),
      ...(patch.serviceMailbox !== undefined ? { serviceMailbox: patch.serviceMailbox ? 1 : 0 } : {}),
      ...(patch.categoryRules ? { categoryRules: writeJson(patch.categoryRules) } : {}),
      lastError: null,
      updatedAt: nowIso(),
    });
    if (rereads) await repo.resetFolders(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'mailboxes',
      entityId: id,
      detail: {
        ...next,
        passwordChanged: Boolean(password),
        smtpChanged: smtp !== undefined,
        serviceMailbox: patch.serviceMailbox,
        rereads,
      },
    });
  });
  await queueSync(ctx, id);
  return getMailbox(ctx, actor, id);
}

/** The mailboxes the caller may send from: their own, and the shared ones. */
export async function sendingMailboxes(ctx: AppContext, actor: Actor): Promise<SendingMailbox[]> {
  return (await repo.sendingMailboxes(ctx.db, actor.userId)).map((m) => ({
    id: m.id,
    kind: m.kind,
    address: m.address,
    serviceMailbox: Boolean(m.serviceMailbox),
  }));
}

/** A mailbox the caller may send from, or not found. */
async function sendable(ctx: AppContext, actor: Actor, id: number) {
  const row = orNotFound(await repo.findMailbox(ctx.db, id));
  if (row.kind === 'personal' && row.ownerId !== actor.userId) throw new AppError('NOT_FOUND');
  return row;
}

/** The record an email is written from, checked as the caller sees it (404 otherwise), as a link of the message. */
async function recordLink(ctx: AppContext, actor: Actor, entity: 'customers' | 'contacts' | 'leads', entityId: number) {
  if (entity === 'customers') {
    const found = actor.permissions.has('customers.view') && (await findVisibleCustomer(ctx, actor, entityId));
    if (!found) throw new AppError('NOT_FOUND');
    return { entity, entityId, customerId: entityId };
  }
  if (entity === 'contacts') {
    const found = actor.permissions.has('contacts.view') && (await findVisibleContact(ctx, actor, entityId));
    if (!found) throw new AppError('NOT_FOUND');
    return { entity, entityId, customerId: (found as { customerId: number | null }).customerId ?? null };
  }
  const found = actor.permissions.has('leads.view') && (await findVisibleLead(ctx, actor, entityId));
  if (!found) throw new AppError('NOT_FOUND');
  return { entity, entityId, customerId: null };
}

/**
 * Writes an email from the CRM: sent from one of the caller's mailboxes (or a shared one), kept in its
 * Sent folder and on the timelines of the record it was written from and of its recipients. A reply
 * names the message answered, which the caller must be able to read: it keeps the thread.
 */
export async function composeEmail(ctx: AppContext, actor: Actor, input: EmailCompose): Promise<EmailSent> {
  const mailbox = await sendable(ctx, actor, input.mailboxId);
  const link =
    input.entity && input.entityId
      ? { ...(await recordLink(ctx, actor, input.entity, input.entityId)), address: input.to[0]!.toLowerCase() }
      : null;
  let parent: ReplyParent | null = null;
  let ticketId: number | null = null;
  if (input.replyTo) {
    const { message } = await assertReadable(ctx, actor, input.replyTo);
    parent = replyParentOf(message);
    ticketId = message.ticketId ?? null;
  }
  const settings = await getSettings(ctx.db);
  const maxBytes = settings.attachmentMaxMb * 1024 * 1024;
  const attachments = input.attachments.map((a) => {
    const content = Buffer.from(a.content, 'base64');
    if (content.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
    const fileName = a.fileName.replace(/[\\/]/g, '_');
    return { fileName, contentType: a.contentType || 'application/octet-stream', content };
  });
  const sent = await sendFromMailbox(ctx, mailbox, {
    fromName: mailbox.kind === 'personal' ? actor.displayName : settings.companyName || null,
    to: input.to,
    cc: input.cc,
    bcc: input.bcc,
    subject: input.subject,
    text: input.text,
    html: input.html ?? null,
    parent,
    attachments,
    sentBy: actor.userId,
    ticketId,
    links: link ? [link] : [],
  });
  await writeAudit(ctx.db, actor, {
    action: 'email',
    entity: link?.entity ?? 'mailboxes',
    entityId: link?.entityId ?? mailbox.id,
    detail: { mailboxId: mailbox.id, to: input.to, cc: input.cc, subject: input.subject, emailId: sent.id },
  });
  return sent;
}

/** The emails of a lead or a contact the caller may see, newest first. */
export async function emailsOfRecord(
  ctx: AppContext,
  actor: Actor,
  entity: 'contacts' | 'leads',
  entityId: number,
): Promise<EmailSummary[]> {
  await recordLink(ctx, actor, entity, entityId);
  return (await repo.emailsOfRecord(ctx.db, entity, entityId, 200)).map(toSummary);
}

/**
 * The inbox's recent messages from addresses no customer, contact or lead has. Such mail is not kept in
 * the CRM: it is read from the server (envelopes only) when the owner asks.
 */
export async function unmatchedEmails(ctx: AppContext, actor: Actor, id: number) {
  const row = await manageable(ctx, actor, id);
  const client = await connectImap(imapAccountOf(ctx, row));
  try {
    const recent = await recentEnvelopes(client, String(row.syncFrom).slice(0, 10), 100);
    const senders = [...new Set(recent.flatMap((m) => (m.from ? [m.from.address] : [])))];
    const known = await repo.recordsWithAddresses(ctx.db, senders);
    const knownAddresses = new Set([...known.customers, ...known.contacts, ...known.leads].map((r) => r.email));
    return recent.filter(
      (m) => m.from && m.from.address !== row.address.toLowerCase() && !knownAddresses.has(m.from.address),
    );
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * "Log this email": makes a lead, or a contact of a customer, of an unknown sender, then reads that
 * message into the CRM, where it is matched to the new record and shows on its timeline.
 */
export async function logUnmatchedEmail(
  ctx: AppContext,
  actor: Actor,
  id: number,
  uid: number,
  input: EmailLogInput,
): Promise<{ entity: 'leads' | 'contacts'; entityId: number; emailId: number | null }> {
  const row = await manageable(ctx, actor, id);
  const message = await readInboxMessage(ctx, row, uid);
  if (!message?.from) throw new AppError('NOT_FOUND');
  const address = message.from.address;
  let entity: 'leads' | 'contacts';
  let entityId: number;
  if (input.as === 'lead') {
    if (!actor.permissions.has('leads.create')) throw new AppError('FORBIDDEN');
    const lead = await createLead(
      ctx,
      actor,
      LeadInput.parse({ name: input.name, company: input.company ?? null, email: address }),
    );
    entity = 'leads';
    entityId = lead.id;
  } else {
    if (!actor.permissions.has('contacts.create')) throw new AppError('FORBIDDEN');
    const contact = await createContact(
      ctx,
      actor,
      ContactInput.parse({ customerId: input.customerId, name: input.name, email: address }),
    );
    entity = 'contacts';
    entityId = contact.id;
  }
  const stored = await storeInboxMessage(ctx, row, message);
  return { entity, entityId, emailId: stored };
}
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
    sentByName: row.sentByName ?? null,
    ticketId: row.ticketId ?? null,
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
    messageId: message.messageId ?? message.messageKey,
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

/**
 * Whether a lead, contact or customer answered one of these messages (Message-IDs as sent): a mail from it, read by a
 * mailbox sync, that replies to one of them (In-Reply-To, or References). On the caller's handle.
 */
export function repliedToMessages(
  db: Kysely<DB>,
  entity: 'leads' | 'contacts' | 'customers',
  entityId: number,
  messageIds: string[],
): Promise<boolean> {
  return repo.repliedToAny(db, entity, entityId, [...new Set(messageIds.map(messageKeyOf))]);
}
