import {
  type ConsentChannel,
  type ConsentInput,
  type ConsentState,
  type ContactConsent,
  consentChannels,
  type Suppression,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor, AuditActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, orNotFound } from '../../platform/errors.ts';
import { findVisibleContact } from '../contacts/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import * as repo from './consent.repository.ts';

/**
 * An address as the suppression list keeps it: an email lower-cased; a number's digits, a Chinese
 * mobile (+86 / 0086 / 86 before 1xxxxxxxxxx) without its country code. Null when nothing is left.
 */
export function normalizeAddress(channel: ConsentChannel, address: string): string | null {
  if (channel === 'email') {
    const email = address.trim().toLowerCase();
    return email.includes('@') ? email : null;
  }
  let digits = address.replace(/\D/g, '');
  if (/^(0086|86)1\d{10}$/.test(digits)) digits = digits.slice(digits.length - 11);
  return digits.length >= 5 ? digits : null;
}

type Handle = AppContext | Kysely<DB>;
const dbOf = (handle: Handle): Kysely<DB> => ('db' in handle ? handle.db : handle);

/**
 * A contact's consent on a channel: granted, withdrawn, or null when never asked. For marketing sends,
 * which go only to those who agreed (`mayMarketTo`); transactional messages (ticket replies, invoices)
 * and person-to-person messages do not ask.
 */
export async function consentFor(
  handle: Handle,
  contactId: number,
  channel: ConsentChannel,
): Promise<{ state: ConsentState | null; source: string | null; at: string | null }> {
  const row = await repo.findConsent(dbOf(handle), contactId, channel);
  return row ? { state: row.state, source: row.source, at: row.changedAt } : { state: null, source: null, at: null };
}

/** Whether the address is on the global suppression list for the channel (phone and SMS share numbers). */
export async function isSuppressed(handle: Handle, channel: ConsentChannel, address: string | null): Promise<boolean> {
  if (!address) return false;
  const normalized = normalizeAddress(channel, address);
  if (!normalized) return false;
  return repo.isSuppressedAddress(dbOf(handle), channel, normalized);
}

/** The record's address on a channel: the mobile for SMS, the phone (else the mobile) for calls. */
function addressOn(
  record: { mobile: string | null; phone: string | null; email: string | null },
  channel: ConsentChannel,
) {
  if (channel === 'email') return record.email;
  if (channel === 'sms') return record.mobile;
  return record.phone ?? record.mobile;
}

/** A record marketing may be sent to, each kind keeping its own answers: a contact, a lead or a customer. */
export type ConsentHolder = { entity: 'contacts' | 'leads' | 'customers'; id: number };

async function answerOf(db: Kysely<DB>, holder: ConsentHolder, channel: ConsentChannel) {
  if (holder.entity === 'contacts') return repo.findConsent(db, holder.id, channel);
  if (holder.entity === 'leads') return repo.findLeadConsent(db, holder.id, channel);
  return repo.findCustomerConsent(db, holder.id, channel);
}

/**
 * The answer a marketing send asks of a record on a channel: its own, except a converted lead's, which is its
 * contact's — the lead's answers went to the contact when it was converted and later ones are recorded there
 * (the lead's own when the contact never answered on the channel). Null: never asked.
 */
export async function marketingConsentOf(
  handle: Handle,
  holder: ConsentHolder,
  channel: ConsentChannel,
): Promise<ConsentState | null> {
  const db = dbOf(handle);
  if (holder.entity === 'leads') {
    const contactId = await repo.convertedContactOf(db, holder.id);
    const contactAnswer = contactId ? await repo.findConsent(db, contactId, channel) : undefined;
    if (contactAnswer) return contactAnswer.state;
  }
  return (await answerOf(db, holder, channel))?.state ?? null;
}

function addressesOf(db: Kysely<DB>, holder: ConsentHolder) {
  if (holder.entity === 'contacts') return repo.contactAddresses(db, holder.id);
  if (holder.entity === 'leads') return repo.leadAddresses(db, holder.id);
  return repo.customerAddresses(db, holder.id);
}

/**
 * A record's consent per channel, as its page shows it: the answer, its source, time and who recorded it,
 * and whether the record's address on the channel is suppressed. The caller has checked that the record is
 * one the asker sees.
 */
export async function consentsOfRecord(handle: Handle, holder: ConsentHolder): Promise<ContactConsent[]> {
  const db = dbOf(handle);
  const answers =
    holder.entity === 'contacts'
      ? await repo.consentsOfContact(db, holder.id)
      : holder.entity === 'leads'
        ? await repo.consentsOfLeadWithNames(db, holder.id)
        : await repo.consentsOfCustomer(db, holder.id);
  const rows = new Map(answers.map((row) => [row.channel, row]));
  const addresses = (await addressesOf(db, holder)) ?? { mobile: null, phone: null, email: null };
  return Promise.all(
    consentChannels.map(async (channel) => {
      const row = rows.get(channel);
      return {
        channel,
        state: row?.state ?? null,
        source: row?.source ?? null,
        at: row?.changedAt ?? null,
        userName: row?.userName ?? null,
        suppressed: await isSuppressed(db, channel, addressOn(addresses, channel)),
      };
    }),
  );
}

/**
 * Records a record's answer on a channel with its source, audited on the record, in a transaction of its own.
 * The caller has checked that the record is one the actor sees.
 */
export async function setConsentOfRecord(
  ctx: AppContext,
  actor: Actor,
  holder: ConsentHolder,
  input: ConsentInput,
): Promise<ContactConsent[]> {
  await inTransaction(ctx, async (ctx) => {
    await recordAnswer(ctx.db, actor, holder, input);
  });
  return consentsOfRecord(ctx, holder);
}

/** A customer's own consent per channel (it is mailed at its own address); 404 for a customer the caller does not see. */
export async function customerConsents(ctx: AppContext, actor: Actor, customerId: number) {
  orNotFound(await findVisibleCustomer(ctx, actor, customerId));
  return consentsOfRecord(ctx, { entity: 'customers', id: customerId });
}

/** Records a customer's answer on a channel; audited on the customer. */
export async function setCustomerConsent(ctx: AppContext, actor: Actor, customerId: number, input: ConsentInput) {
  orNotFound(await findVisibleCustomer(ctx, actor, customerId));
  return setConsentOfRecord(ctx, actor, { entity: 'customers', id: customerId }, input);
}

/**
 * What a marketing send must ask before each contact: it goes only to a contact who granted consent on
 * the channel and whose address is not suppressed.
 */
export async function mayMarketTo(handle: Handle, contactId: number, channel: ConsentChannel): Promise<boolean> {
  const db = dbOf(handle);
  const consent = await consentFor(db, contactId, channel);
  if (consent.state !== 'granted') return false;
  const contact = await repo.contactAddresses(db, contactId);
  if (!contact) return false;
  return !(await isSuppressed(db, channel, addressOn(contact, channel)));
}

export async function contactConsents(ctx: AppContext, actor: Actor, contactId: number): Promise<ContactConsent[]> {
  orNotFound(await findVisibleContact(ctx, actor, contactId));
  return consentsOfRecord(ctx, { entity: 'contacts', id: contactId });
}

/** Records the contact's answer on a channel, with its source; the change is audited on the contact. */
export async function setConsent(
  ctx: AppContext,
  actor: Actor,
  contactId: number,
  input: ConsentInput,
): Promise<ContactConsent[]> {
  orNotFound(await findVisibleContact(ctx, actor, contactId));
  return setConsentOfRecord(ctx, actor, { entity: 'contacts', id: contactId }, input);
}

/**
 * Writes a record's answer on a channel and audits the change on the record; nothing when it is the answer
 * already kept. `answered` is an answer given elsewhere first (a converted lead's, carried to its contact): it
 * keeps its date and who recorded it, and is taken only when later than the record's own.
 */
async function recordAnswer(
  db: Kysely<DB>,
  actor: AuditActor | null,
  holder: ConsentHolder,
  input: ConsentInput,
  answered?: { at: string; by: number | null; leadId: number },
) {
  const before = await answerOf(db, holder, input.channel);
  if (before?.state === input.state && before.source === input.source) return;
  if (answered && before && before.changedAt >= answered.at) return;
  const row = {
    channel: input.channel,
    state: input.state,
    source: input.source,
    changedAt: answered?.at ?? nowIso(),
    changedBy: answered ? answered.by : actor?.userId ? actor.userId : null,
  };
  if (holder.entity === 'contacts') await repo.upsertConsent(db, { contactId: holder.id, ...row });
  else if (holder.entity === 'leads') await repo.upsertLeadConsent(db, { leadId: holder.id, ...row });
  else await repo.upsertCustomerConsent(db, { customerId: holder.id, ...row });
  await writeAudit(db, actor, {
    action: 'consent',
    entity: holder.entity,
    entityId: holder.id,
    changes: [{ field: `consent.${input.channel}`, old: before?.state ?? null, new: input.state }],
    detail: { channel: input.channel, source: input.source, ...(answered ? { leadId: answered.leadId } : {}) },
  });
}

/**
 * Records a lead's answer on a channel (a web form's consent checkbox) in the caller's transaction, with
 * its source; the change is audited on the lead.
 */
export async function recordLeadConsent(
  db: Kysely<DB>,
  actor: AuditActor | null,
  leadId: number,
  input: { channel: ConsentChannel; state: ConsentState; source: string },
): Promise<void> {
  await recordAnswer(db, actor, { entity: 'leads', id: leadId }, input);
}

/**
 * A converted lead's answers go with it to its contact (in the caller's transaction): on each channel the
 * lead answered, the contact takes the lead's answer, with its source and date, unless the contact has
 * answered since — the later answer stands, so a withdrawal is never undone by an older consent.
 */
export async function carryLeadConsent(
  db: Kysely<DB>,
  actor: AuditActor | null,
  leadId: number,
  contactId: number,
): Promise<void> {
  for (const answer of await repo.consentsOfLead(db, leadId))
    await recordAnswer(
      db,
      actor,
      { entity: 'contacts', id: contactId },
      { channel: answer.channel, state: answer.state, source: answer.source },
      { at: answer.changedAt, by: answer.changedBy, leadId },
    );
}

/** A lead's consent on a channel: granted, withdrawn, or null when never asked. */
export async function leadConsentFor(handle: Handle, leadId: number, channel: ConsentChannel) {
  const row = await repo.findLeadConsent(dbOf(handle), leadId, channel);
  return row ? { state: row.state, source: row.source, at: row.changedAt } : { state: null, source: null, at: null };
}

/**
 * Puts an address on the suppression list (in the caller's transaction) and withdraws the consent on
 * that channel of every contact, lead and customer with it — unless `withdrawConsent` is false (a bounce: the
 * address stopped working, nobody said no). Returns the contacts whose consent it withdrew.
 */
export async function suppressAddress(
  db: Kysely<DB>,
  actor: AuditActor | null,
  input: { channel: ConsentChannel; address: string; reason: string; source: string; withdrawConsent?: boolean },
): Promise<Array<{ id: number; ownerId: number | null; customerId: number; name: string }>> {
  const address = normalizeAddress(input.channel, input.address);
  if (!address) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { address: 'invalidAddress' });
  const id = await repo.insertSuppression(db, {
    channel: input.channel,
    address,
    reason: input.reason,
    source: input.source,
    createdBy: actor?.userId ? actor.userId : null,
    createdAt: nowIso(),
  });
  if (id !== null)
    await writeAudit(db, actor, {
      action: 'create',
      entity: 'suppressions',
      entityId: id,
      detail: { channel: input.channel, address, reason: input.reason, source: input.source },
    });
  if (input.withdrawConsent === false) return [];
  const contacts =
    input.channel === 'email'
      ? await repo.contactsWithEmail(db, address)
      : // A call reaches a contact on either number (see addressOn), so a number no one may call is either.
        await repo.contactsWithNumber(db, input.channel === 'sms' ? ['mobile'] : ['mobile', 'phone'], address);
  const withdrawn = { channel: input.channel, state: 'withdrawn' as const, source: input.source };
  for (const contact of contacts) await recordAnswer(db, actor, { entity: 'contacts', id: contact.id }, withdrawn);
  const others = await repo.leadsAndCustomersWith(db, input.channel, address);
  for (const id of others.leads) await recordAnswer(db, actor, { entity: 'leads', id }, withdrawn);
  for (const id of others.customers) await recordAnswer(db, actor, { entity: 'customers', id }, withdrawn);
  return contacts;
}

/**
 * The do-not-call list is the phone channel's suppression list, honoured by every outbound call (click-to-dial,
 * call lists), marketing or not: a number is not called when it is on it, or when the contact it is called as
 * withdrew their phone consent.
 */
export async function isDoNotCall(handle: Handle, number: string, contactId: number | null = null): Promise<boolean> {
  const db = dbOf(handle);
  if (await isSuppressed(db, 'phone', number)) return true;
  return contactId !== null && (await consentFor(db, contactId, 'phone')).state === 'withdrawn';
}

/** `isDoNotCall` for many at once (building a call list): the indexes of those not to be called. */
export async function doNotCallAmong(
  handle: Handle,
  targets: Array<{ number: string; contactId: number | null }>,
): Promise<Set<number>> {
  const db = dbOf(handle);
  const addresses = targets.map((t) => normalizeAddress('phone', t.number));
  const suppressed = await repo.suppressedAmong(db, 'phone', [
    ...new Set(addresses.filter((a): a is string => a !== null)),
  ]);
  const withdrawn = await repo.withdrawnAmong(db, 'phone', [
    ...new Set(targets.map((t) => t.contactId).filter((id): id is number => id !== null)),
  ]);
  const refused = new Set<number>();
  targets.forEach((target, index) => {
    const address = addresses[index];
    if ((address && suppressed.has(address)) || (target.contactId !== null && withdrawn.has(target.contactId)))
      refused.add(index);
  });
  return refused;
}

/** Puts a number on the do-not-call list (a person asked on a call), in the caller's transaction. */
export async function addToDoNotCall(db: Kysely<DB>, actor: AuditActor | null, number: string, reason: string) {
  return suppressAddress(db, actor, { channel: 'phone', address: number, reason, source: 'call' });
}

export async function listSuppressions(
  ctx: AppContext,
  query: { channel?: ConsentChannel; q?: string; page: number; pageSize: number },
): Promise<{ items: Suppression[]; total: number }> {
  return repo.listSuppressions(ctx.db, query);
}

export async function addSuppression(
  ctx: AppContext,
  actor: Actor,
  input: { channel: ConsentChannel; address: string; reason: string },
): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    await suppressAddress(ctx.db, actor, { ...input, source: 'manual' });
  });
}

/** Takes an address off the list (the contacts' withdrawn consent stays withdrawn until they agree again). */
export async function removeSuppression(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findSuppression(ctx.db, id));
    await repo.deleteSuppression(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'suppressions',
      entityId: id,
      detail: { channel: row.channel, address: row.address },
    });
  });
}
