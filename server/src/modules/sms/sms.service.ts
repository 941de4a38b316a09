import type {
  SmsMessage,
  SmsOutboxItem,
  SmsRecipient,
  SmsSendInput,
  SmsTemplate,
  SmsTemplateInput,
} from '@relate/common';
import type { Expression, Kysely, SqlBool } from 'kysely';
import { lockKeyInTransaction } from '../../db/key-lock.ts';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { isSuppressed, normalizeAddress, suppressAddress } from '../consent/index.ts';
import { contactOfCustomer, findVisibleContact } from '../contacts/index.ts';
import { notify } from '../notifications/index.ts';
import { type SmsProvider, SmsSendError } from './provider.ts';
import * as repo from './sms.repository.ts';
import { providerOf, readStored } from './sms.settings.ts';

const toTemplate = (row: repo.SmsTemplateRow): SmsTemplate => ({
  id: row.id,
  name: row.name,
  providerCode: row.providerCode,
  signature: row.signature,
  content: row.content,
  variables: readJson(row.variables, [] as SmsTemplate['variables']),
  enabled: Boolean(row.enabled),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toSmsMessage = (row: repo.SmsMessageRow): SmsMessage => ({
  ...row,
  templateName: row.templateName ?? null,
  contactName: row.contactName ?? null,
  userName: row.userName ?? null,
});

export async function listTemplates(ctx: AppContext): Promise<SmsTemplate[]> {
  return (await repo.listTemplates(ctx.db)).map(toTemplate);
}

/** Every variable the text names (`${name}`) must be declared, with its length limit. */
function checkTemplate(input: SmsTemplateInput) {
  const declared = new Set(input.variables.map((v) => v.name));
  for (const [, name] of input.content.matchAll(/\$\{([A-Za-z0-9_]+)\}/g))
    if (!declared.has(name!)) throw fieldError('variables', 'smsVariableMissing');
}

export async function createTemplate(ctx: AppContext, actor: Actor, input: SmsTemplateInput): Promise<SmsTemplate> {
  checkTemplate(input);
  return inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertTemplate(ctx.db, {
      ...input,
      variables: writeJson(input.variables),
      enabled: input.enabled ? 1 : 0,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'smsTemplates',
      entityId: id,
      detail: { name: input.name },
    });
    return toTemplate((await repo.findTemplate(ctx.db, id))!);
  });
}

export async function updateTemplate(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: SmsTemplateInput,
): Promise<SmsTemplate> {
  checkTemplate(input);
  return inTransaction(ctx, async (ctx) => {
    orNotFound(await repo.findTemplate(ctx.db, id));
    await repo.updateTemplate(ctx.db, id, {
      ...input,
      variables: writeJson(input.variables),
      enabled: input.enabled ? 1 : 0,
      updatedAt: nowIso(),
    });
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'smsTemplates',
      entityId: id,
      detail: { name: input.name },
    });
    return toTemplate((await repo.findTemplate(ctx.db, id))!);
  });
}

export async function deleteTemplate(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findTemplate(ctx.db, id));
    await repo.deleteTemplate(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'smsTemplates',
      entityId: id,
      detail: { name: row.name },
    });
  });
}

/** The text as the recipient reads it: the signature in 【】 and the variables filled in. */
export function renderSms(template: { signature: string; content: string }, values: Record<string, string>) {
  return `【${template.signature}】${template.content.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => values[name] ?? '')}`;
}

/** The contact's mobile and whether it unsubscribed, for the send dialog. */
export async function smsRecipient(ctx: AppContext, actor: Actor, contactId: number): Promise<SmsRecipient> {
  const contact = orNotFound(await findVisibleContact(ctx, actor, contactId));
  return { mobile: contact.mobile, unsubscribed: await isSuppressed(ctx, 'sms', contact.mobile) };
}

/**
 * A person-to-person SMS from a contact, from a template: not marketing, so consent is not asked, but a
 * number that unsubscribed (“TD”/“退订”) needs the sender's confirmation. At most the setting's number
 * of messages per number per hour (Chinese providers refuse more): beyond, 429. The message is logged
 * (on the customer's timeline) before the provider is called, outside any transaction; a refusal
 * leaves it failed with the provider's reason and answers 502.
 */
export async function sendToContact(
  ctx: AppContext,
  actor: Actor,
  contactId: number,
  input: SmsSendInput,
): Promise<SmsMessage> {
  const contact = orNotFound(await findVisibleContact(ctx, actor, contactId));
  const phone = contact.mobile ? normalizeAddress('sms', contact.mobile) : null;
  if (!phone) throw new AppError('CONFLICT', 'smsNoMobile');
  const template = orNotFound(await repo.findTemplate(ctx.db, input.templateId));
  if (!template.enabled) throw fieldError('templateId', 'smsTemplateDisabled');
  const variables = readJson(template.variables, [] as SmsTemplate['variables']);
  const params: Record<string, string> = {};
  const fields: Record<string, { key: string; params?: Record<string, number> }> = {};
  for (const variable of variables) {
    const value = (input.variables[variable.name] ?? '').trim();
    if (!value) fields[`variables.${variable.name}`] = { key: 'smsVariableMissing' };
    else if ([...value].length > variable.maxLength)
      fields[`variables.${variable.name}`] = { key: 'smsVariableTooLong', params: { max: variable.maxLength } };
    params[variable.name] = value;
  }
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', fields);
  if (!input.confirmUnsubscribed && (await isSuppressed(ctx, 'sms', phone)))
    throw new AppError('CONFLICT', 'smsUnsubscribed');
  const stored = await readStored(ctx.db);
  if (!stored) throw new AppError('CONFLICT', 'smsNotConfigured');
  const provider = providerOf(ctx, stored);
  const content = renderSms(template, params);

  const id = await logThrottledSend(ctx, actor, {
    stored,
    provider,
    phone,
    content,
    template,
    contactId: contact.id,
    customerId: contact.customerId,
    audit: {
      entity: 'contacts',
      entityId: contact.id,
      detail: { unsubscribedConfirmed: input.confirmUnsubscribed || undefined },
    },
  });
  if (id === null) throw new AppError('RATE_LIMITED', 'smsThrottled', undefined, { max: stored.perRecipientPerHour });
  await deliver(ctx, provider, id, outgoing(phone, template, variables, params, content));
  return toSmsMessage((await repo.findMessage(ctx.db, id))!);
}

/** A template a marketing send may use: it exists and is enabled (a field error on `templateId` otherwise). */
export async function enabledSmsTemplate(ctx: AppContext, templateId: number): Promise<SmsTemplate> {
  const row = await repo.findTemplate(ctx.db, templateId);
  if (!row) throw fieldError('templateId', 'notARecordYouSee');
  if (!row.enabled) throw fieldError('templateId', 'smsTemplateDisabled');
  return toTemplate(row);
}

/** Whether an SMS provider is set (a marketing send cannot go without one). */
export async function hasSmsProvider(ctx: AppContext): Promise<boolean> {
  return Boolean(await readStored(ctx.db));
}

/**
 * A marketing SMS from a template (a sequence's SMS step) to a number whose consent the caller has asked. Not
 * sent (skipped) to a suppressed number or one past its hourly limit; a value longer than its variable allows
 * is cut to it, a missing one fails it. Logged like a person's SMS (on the customer's timeline, audited on the
 * record it went to), then handed to the provider outside any transaction: answers sent, skipped or failed
 * with the reason (the provider's refusal).
 */
export async function sendMarketingSms(
  ctx: AppContext,
  actor: Actor,
  input: {
    phone: string;
    templateId: number;
    values: Record<string, string>;
    record: { entity: 'contacts' | 'leads' | 'customers'; id: number; customerId: number | null };
    campaignId: number;
  },
): Promise<{ status: 'sent' | 'skipped' | 'failed'; reason: string | null }> {
  const phone = normalizeAddress('sms', input.phone);
  if (!phone) return { status: 'skipped', reason: 'noAddress' };
  if (await isSuppressed(ctx, 'sms', phone)) return { status: 'skipped', reason: 'suppressed' };
  const template = await repo.findTemplate(ctx.db, input.templateId);
  if (!template?.enabled) return { status: 'failed', reason: 'smsTemplateDisabled' };
  const stored = await readStored(ctx.db);
  if (!stored) return { status: 'failed', reason: 'smsNotConfigured' };
  const variables = readJson(template.variables, [] as SmsTemplate['variables']);
  const params: Record<string, string> = {};
  for (const variable of variables) {
    const value = [...(input.values[variable.name] ?? '').trim()].slice(0, variable.maxLength).join('');
    if (!value) return { status: 'failed', reason: `smsVariableMissing: ${variable.name}` };
    params[variable.name] = value;
  }
  const provider = providerOf(ctx, stored);
  const content = renderSms(template, params);
  const id = await logThrottledSend(ctx, actor, {
    stored,
    provider,
    phone,
    content,
    template,
    contactId: input.record.entity === 'contacts' ? input.record.id : null,
    customerId: input.record.customerId,
    audit: { entity: input.record.entity, entityId: input.record.id, detail: { campaignId: input.campaignId } },
  });
  if (id === null) return { status: 'skipped', reason: 'throttled' };
  try {
    await deliver(ctx, provider, id, outgoing(phone, template, variables, params, content));
  } catch (error) {
    if (error instanceof AppError && error.code === 'UPSTREAM_FAILED')
      return { status: 'failed', reason: String(error.params.reason ?? 'refused').slice(0, 300) };
    throw error;
  }
  return { status: 'sent', reason: null };
}

/**
 * Logs an outgoing SMS (on the customer's timeline, audited on the record it goes to) unless its number has had
 * the hourly limit's messages: two sends to one number at once never both pass the count. Null at the limit.
 */
async function logThrottledSend(
  ctx: AppContext,
  actor: Actor,
  send: {
    stored: NonNullable<Awaited<ReturnType<typeof readStored>>>;
    provider: SmsProvider;
    phone: string;
    content: string;
    template: { id: number; name: string };
    contactId: number | null;
    customerId: number | null;
    audit: { entity: 'contacts' | 'leads' | 'customers'; entityId: number; detail: Record<string, unknown> };
  },
): Promise<number | null> {
  const { phone } = send;
  return inTransaction(ctx, async (ctx) => {
    await lockKeyInTransaction(ctx.db, ctx.dialect, `sms-throttle:${phone}`);
    const since = new Date(Date.now() - 3600_000).toISOString();
    if ((await repo.countSentSince(ctx.db, phone, since)) >= send.stored.perRecipientPerHour) return null;
    const id = await repo.insertMessage(ctx.db, {
      direction: 'out',
      phone,
      content: send.content,
      templateId: send.template.id,
      provider: send.provider.name,
      providerMessageId: null,
      status: 'sending',
      error: null,
      contactId: send.contactId,
      customerId: send.customerId,
      userId: actor.userId,
      createdAt: nowIso(),
      statusAt: null,
    });
    await writeAudit(ctx.db, actor, {
      action: 'sms',
      entity: send.audit.entity,
      entityId: send.audit.entityId,
      detail: { template: send.template.name, phone, ...send.audit.detail },
    });
    return id;
  });
}

/** The message as a provider takes it: the template's code and signature, its values in order, the text. */
function outgoing(
  phone: string,
  template: { signature: string; providerCode: string },
  variables: SmsTemplate['variables'],
  params: Record<string, string>,
  content: string,
): Parameters<SmsProvider['send']>[0] {
  return {
    phone,
    signature: template.signature,
    templateCode: template.providerCode,
    params,
    order: variables.map((v) => v.name),
    content,
  };
}

async function deliver(
  ctx: AppContext,
  provider: SmsProvider,
  id: number,
  message: Parameters<SmsProvider['send']>[0],
) {
  try {
    const { messageId } = await provider.send(message);
    await repo.updateMessage(ctx.db, id, { status: 'sent', providerMessageId: messageId, statusAt: nowIso() });
  } catch (error) {
    const reason = error instanceof SmsSendError ? error.message : 'unknown error';
    await repo.updateMessage(ctx.db, id, { status: 'failed', error: reason.slice(0, 500), statusAt: nowIso() });
    if (error instanceof SmsSendError)
      throw new AppError('UPSTREAM_FAILED', 'smsProviderFailed', undefined, { reason });
    throw error;
  }
}

/** Words that unsubscribe a number when they are the whole reply. */
const unsubscribeWords = new Set(['td', 't', 'n', 'stop', 'unsubscribe', '退订', '退', '取消']);
export const isUnsubscribe = (text: string) =>
  unsubscribeWords.has(
    text
      .trim()
      .toLowerCase()
      .replace(/[\s。.!！]+$/g, ''),
  );

/**
 * A provider's callback: delivery receipts update their messages; replies land on the timeline of the
 * contact last written to from that number, notify its owner (else the sender), and “TD”/“退订” puts the
 * number on the suppression list. The caller has checked the callback's signature.
 */
export async function handleCallback(
  ctx: AppContext,
  providerName: 'aliyun' | 'tencent' | 'outbox',
  kind: 'receipts' | 'replies',
  body: unknown,
): Promise<Record<string, unknown>> {
  const stored = await readStored(ctx.db);
  if (!stored) throw new AppError('CONFLICT', 'smsNotConfigured');
  // The outbox plays a provider's callbacks in development; once a real provider is set, it takes none.
  if (providerName === 'outbox' && stored.provider !== 'outbox') throw new AppError('CONFLICT', 'smsNotConfigured');
  const provider = providerOf(ctx, stored, providerName);
  if (kind === 'receipts') {
    for (const receipt of provider.receipts(body))
      await repo.markDelivery(ctx.db, providerName, receipt.messageId, {
        status: receipt.delivered ? 'delivered' : 'failed',
        error: receipt.error?.slice(0, 500) ?? null,
        statusAt: receipt.at ?? nowIso(),
      });
    return provider.callbackAnswer;
  }
  for (const reply of provider.replies(body)) {
    const phone = normalizeAddress('sms', reply.phone);
    if (!phone) continue;
    await inTransaction(ctx, async (ctx) => {
      const last = await repo.lastSentTo(ctx.db, phone);
      const id = await repo.insertMessage(ctx.db, {
        direction: 'in',
        phone,
        content: reply.text.slice(0, 1000),
        templateId: null,
        provider: providerName,
        providerMessageId: null,
        status: 'received',
        error: null,
        contactId: last?.contactId ?? null,
        customerId: last?.customerId ?? null,
        userId: null,
        createdAt: reply.at ?? nowIso(),
        statusAt: null,
      });
      const unsubscribe = isUnsubscribe(reply.text);
      const contacts = unsubscribe
        ? await suppressAddress(ctx.db, systemActor, {
            channel: 'sms',
            address: phone,
            reason: `SMS reply “${reply.text.trim().slice(0, 20)}”`,
            source: `sms:${providerName}`,
          })
        : [];
      const owner = contacts.find((c) => c.id === last?.contactId)?.ownerId ?? (await ownerOf(ctx.db, last));
      if (owner)
        await notify(ctx.db, [
          {
            userId: owner,
            kind: 'smsReply',
            entity: last?.customerId ? 'customers' : null,
            entityId: last?.customerId ?? null,
            params: { phone, text: reply.text.slice(0, 200), unsubscribed: unsubscribe, messageId: id },
          },
        ]);
    });
  }
  return provider.callbackAnswer;
}

/** Who hears of a reply: the contact's owner, else whoever sent the last message. */
async function ownerOf(
  db: Kysely<DB>,
  last: { contactId: number | null; customerId: number | null; userId: number | null } | undefined,
) {
  if (!last) return null;
  const contact = last.contactId ? await contactOfCustomer(db, last.contactId, last.customerId) : undefined;
  return contact?.ownerId ?? last.userId;
}

export async function listOutbox(
  ctx: AppContext,
  query: { page: number; pageSize: number },
): Promise<{ items: SmsOutboxItem[]; total: number }> {
  const { items, total } = await repo.listOutbox(ctx.db, query.page, query.pageSize);
  return { items: items.map((row) => ({ ...row, params: readJson(row.params, {}) })), total };
}

/** A customer's messages, newest first, for its timeline. */
export async function smsOfCustomer(
  db: Kysely<DB>,
  customerId: number,
  limit: number,
  after?: Expression<SqlBool>,
): Promise<SmsMessage[]> {
  return (await repo.messagesOfCustomer(db, customerId, limit, after)).map(toSmsMessage);
}
