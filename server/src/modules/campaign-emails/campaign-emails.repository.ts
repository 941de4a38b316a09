import { type Insertable, type Kysely, sql } from 'kysely';
import type { CampaignEmailRecipientTable, DB } from '../../db/schema.ts';

/** The status of a send that stands for a sequence's email step: its recipients are mailed by the sequence, never by a send's job. */
export const sequenceSendStatus = 'sequence';

export function insertSend(db: Kysely<DB>, row: Insertable<DB['campaignEmailSends']>) {
  return db
    .insertInto('campaignEmailSends')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => r.id);
}

/** Inserts recipients; a member already in the send stays as it is (unique per send and member). */
export async function insertRecipients(db: Kysely<DB>, rows: Array<Insertable<CampaignEmailRecipientTable>>) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('campaignEmailRecipients')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['sendId', 'memberId']).doNothing())
      .execute();
}

export function findSend(db: Kysely<DB>, campaignId: number, id: number) {
  return db
    .selectFrom('campaignEmailSends')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findSendById(db: Kysely<DB>, id: number) {
  return db.selectFrom('campaignEmailSends').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A campaign's sends, the latest first, with the template's and the sender's names. */
export function sendsOf(db: Kysely<DB>, campaignId: number, sendId?: number) {
  let qb = db
    .selectFrom('campaignEmailSends as s')
    .leftJoin('emailTemplates as t', 't.id', 's.templateId')
    .leftJoin('users as u', 'u.id', 's.createdBy')
    .selectAll('s')
    .select(['t.name as templateName', 'u.displayName as createdByName'])
    .where('s.campaignId', '=', campaignId)
    // A sequence's email steps have sends of their own, reported with the sequence.
    .where('s.status', '!=', sequenceSendStatus);
  if (sendId) qb = qb.where('s.id', '=', sendId);
  return qb.orderBy('s.id', 'desc').limit(50).execute();
}

/** Moves a send from one of `from` to `status`; answers whether it moved. */
export async function setSendStatus(
  db: Kysely<DB>,
  id: number,
  from: string[],
  status: string,
  /** When it finished; null clears it (a send queued again); left as it is when not given. */
  finishedAt?: string | null,
) {
  const result = await db
    .updateTable('campaignEmailSends')
    .set({ status, ...(finishedAt !== undefined ? { finishedAt } : {}) })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The sends' recipients counted by kind of record, state, skip reason and bounce, by the database over every row. */
export function recipientCounts(db: Kysely<DB>, sendIds: number[]) {
  if (!sendIds.length) return Promise.resolve([]);
  return db
    .selectFrom('campaignEmailRecipients')
    .select(['sendId', 'entity', 'status', 'skipReason', 'bounceKind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sendId', 'in', sendIds)
    .groupBy(['sendId', 'entity', 'status', 'skipReason', 'bounceKind'])
    .execute();
}

/** Opens and clicks of the sends: every event, and the recipients with one, per kind (and per link for clicks). */
export function eventCounts(db: Kysely<DB>, sendIds: number[]) {
  if (!sendIds.length) return Promise.resolve([]);
  return db
    .selectFrom('campaignEmailEvents')
    .select([
      'sendId',
      'kind',
      'link',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.count<number>('recipientId').distinct().as('people'),
    ])
    .where('sendId', 'in', sendIds)
    .groupBy(['sendId', 'kind', 'link'])
    .execute();
}

/** Recipients with an open (or a click) of each send, counted once each over all links. */
export function uniqueEventCounts(db: Kysely<DB>, sendIds: number[]) {
  if (!sendIds.length) return Promise.resolve([]);
  return db
    .selectFrom('campaignEmailEvents')
    .select(['sendId', 'kind', (eb) => eb.fn.count<number>('recipientId').distinct().as('people')])
    .where('sendId', 'in', sendIds)
    .groupBy(['sendId', 'kind'])
    .execute();
}

/** The links of one sent message of each send (all messages of a send carry the same links). */
export function linksOfSends(db: Kysely<DB>, sendIds: number[]) {
  if (!sendIds.length) return Promise.resolve([]);
  return db
    .selectFrom('campaignEmailRecipients')
    .select(['sendId', (eb) => eb.fn.max('links').as('links')])
    .where('sendId', 'in', sendIds)
    .where('links', 'is not', null)
    .groupBy('sendId')
    .execute();
}

/**
 * Recipients claimed by a run that did not finish: their message may or may not have gone, so they are
 * never sent again but failed as interrupted (at most once per member).
 */
export async function failInterrupted(db: Kysely<DB>, sendId: number, at: string) {
  await db
    .updateTable('campaignEmailRecipients')
    .set({ status: 'failed', error: 'interrupted', sentAt: null, claimedAt: at })
    .where('sendId', '=', sendId)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Claims the next queued recipient of a send by one conditional update, recording the Message-ID it will go
 * out with before anything is sent. Null when none is left (or another run took it).
 */
export async function claimNext(db: Kysely<DB>, sendId: number, messageIdOf: (id: number) => string, at: string) {
  const next = await db
    .selectFrom('campaignEmailRecipients')
    .select('id')
    .where('sendId', '=', sendId)
    .where('status', '=', 'queued')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!next) return null;
  const claimed = await db
    .updateTable('campaignEmailRecipients')
    .set({ status: 'sending', claimedAt: at, messageId: messageIdOf(next.id) })
    .where('id', '=', next.id)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return claimed ?? null;
}

/**
 * Claims a member of a send by inserting its recipient row already claimed, with the Message-ID it will go out
 * with: null when the member has a row in the send already (claimed before, by this run or another).
 */
export async function claimMember(
  db: Kysely<DB>,
  row: {
    sendId: number;
    memberId: number;
    entity: string;
    entityId: number;
    email: string;
    messageId: string;
    at: string;
  },
) {
  const claimed = await db
    .insertInto('campaignEmailRecipients')
    .values({
      sendId: row.sendId,
      memberId: row.memberId,
      entity: row.entity,
      entityId: row.entityId,
      email: row.email,
      status: 'sending',
      claimedAt: row.at,
      messageId: row.messageId,
    })
    .onConflict((oc) => oc.columns(['sendId', 'memberId']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return claimed ?? null;
}

/** A member's recipient row claimed by a run that stopped: failed as interrupted (its message may have gone). */
export async function failInterruptedMember(db: Kysely<DB>, sendId: number, memberId: number, at: string) {
  await db
    .updateTable('campaignEmailRecipients')
    .set({ status: 'failed', error: 'interrupted', sentAt: null, claimedAt: at })
    .where('sendId', '=', sendId)
    .where('memberId', '=', memberId)
    .where('status', '=', 'sending')
    .execute();
}

/** The messages of a campaign's sends that went to a member: whether each was opened or clicked, and its Message-ID. */
export function messagesToMember(db: Kysely<DB>, campaignId: number, memberId: number) {
  return db
    .selectFrom('campaignEmailRecipients as r')
    .innerJoin('campaignEmailSends as s', 's.id', 'r.sendId')
    .select(['r.messageId', 'r.openedAt', 'r.clickedAt'])
    .where('s.campaignId', '=', campaignId)
    .where('r.memberId', '=', memberId)
    .where('r.status', '=', 'sent')
    .execute();
}

export async function finishRecipient(
  db: Kysely<DB>,
  id: number,
  patch: {
    status: 'sent' | 'failed' | 'skipped';
    sentAt?: string | null;
    error?: string | null;
    skipReason?: string | null;
    links?: string | null;
    messageId?: string | null;
  },
) {
  await db
    .updateTable('campaignEmailRecipients')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export async function countQueued(db: Kysely<DB>, sendId: number) {
  const row = await db
    .selectFrom('campaignEmailRecipients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sendId', '=', sendId)
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findRecipient(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('campaignEmailRecipients as r')
    .innerJoin('campaignEmailSends as s', 's.id', 'r.sendId')
    .selectAll('r')
    .select(['s.campaignId'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function insertEvent(db: Kysely<DB>, row: Insertable<DB['campaignEmailEvents']>) {
  await db.insertInto('campaignEmailEvents').values(row).execute();
}

/** Remembers the first open or click of a recipient; answers whether this was the first. */
export async function markFirst(db: Kysely<DB>, id: number, column: 'openedAt' | 'clickedAt', at: string) {
  const result = await db
    .updateTable('campaignEmailRecipients')
    .set({ [column]: at })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Recipients of each send who opened it: the pixel was loaded, or a link followed (which a reader must open to do). */
export function openedCounts(db: Kysely<DB>, sendIds: number[]) {
  if (!sendIds.length) return Promise.resolve([]);
  return db
    .selectFrom('campaignEmailRecipients')
    .select(['sendId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sendId', 'in', sendIds)
    .where('openedAt', 'is not', null)
    .groupBy('sendId')
    .execute();
}

/** The recipient a message went to, by the Message-ID it went out with (stored with its angle brackets). */
export function findRecipientByMessageId(db: Kysely<DB>, messageId: string) {
  return db
    .selectFrom('campaignEmailRecipients as r')
    .innerJoin('campaignEmailSends as s', 's.id', 'r.sendId')
    .select(['r.id', 'r.sendId', 'r.memberId', 'r.entity', 'r.entityId', 'r.email', 'r.bouncedAt', 's.campaignId'])
    .where('r.messageId', '=', `<${messageId}>`)
    .executeTakeFirst();
}

/** Records a recipient's bounce, once: answers whether this report was the first to say so. */
export async function markBounced(
  db: Kysely<DB>,
  id: number,
  bounce: { bouncedAt: string; bounceKind: 'hard' | 'soft'; bounceStatus: string | null; bounceDetail: string | null },
) {
  const result = await db
    .updateTable('campaignEmailRecipients')
    .set(bounce)
    .where('id', '=', id)
    .where('bouncedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many campaign messages to this address bounced softly, over every send. */
export async function countSoftBounces(db: Kysely<DB>, email: string) {
  const row = await db
    .selectFrom('campaignEmailRecipients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('bounceKind', '=', 'soft')
    .where('bouncedAt', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether the address was mailed by an earlier recipient of the send (claimed or sent): two members with one
 * address — a lead and the contact it became — get one message. Compared in lower case, through an index.
 */
export async function addressMailedBefore(db: Kysely<DB>, sendId: number, email: string, recipientId: number) {
  const row = await db
    .selectFrom('campaignEmailRecipients')
    .select('id')
    .where('sendId', '=', sendId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('status', 'in', ['sending', 'sent'])
    .where('id', '<', recipientId)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}
