import {
  type CallAttempt,
  type CallEntryPreview,
  type CallOutcomeInput,
  callOutcomeRule,
  fromMinorUnits,
  type Locale,
  toMinorUnits,
} from '@relate/common';
import { readJson } from '../../db/json.ts';
import { dayjs, nowIso, todayIn } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { hiddenFields } from '../../platform/field-rules.ts';
import { scopeFor } from '../../platform/scope.ts';
import { addToDoNotCall, isDoNotCall } from '../consent/index.ts';
import { updateContact } from '../contacts/index.ts';
import { customerOverview } from '../customer-overview/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { dial, endAfterCallWork, getCall, latestCallWith } from '../cti/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { followupsOfCustomer } from '../followups/index.ts';
import { addInstalmentNote, instalmentExists } from '../payments/index.ts';
import { getSettings } from '../settings/index.ts';
import { getSurvey, recordPhoneAnswers } from '../surveys/index.ts';
import * as repo from './call-lists.repository.ts';
import { toEntry } from './call-lists.service.ts';
import { type CallingHours, isCallingTime, nextCallingTime } from './calling-hours.ts';
import { fillScript } from './merge-fields.ts';

/**
 * The preview dialer: an agent is given their next entry with everything about its record, dials it through
 * the telephony connection, and records what the call came to; the outcome reschedules the entry (within
 * calling hours, up to the list's attempts) or closes it, and feeds the records.
 */

type ListRow = NonNullable<Awaited<ReturnType<typeof repo.findList>>>;

async function callingHoursOf(ctx: AppContext, list: Pick<ListRow, 'callingStart' | 'callingEnd'>) {
  const settings = await getSettings(ctx.db);
  const hours: CallingHours = {
    timezone: settings.timezone,
    holidays: settings.holidays,
    extraWorkdays: settings.extraWorkdays,
    statutoryCalendar: settings.statutoryCalendar,
    start: list.callingStart,
    end: list.callingEnd,
  };
  return { settings, hours };
}

const toAttempt = (row: repo.AttemptRow): CallAttempt => ({
  id: row.id,
  entryId: row.entryId,
  agentId: row.agentId,
  agentName: row.agentName,
  callId: row.callId,
  dialedAt: row.dialedAt,
  outcome: row.outcome,
  outcomeAt: row.outcomeAt,
  note: row.note,
  callbackAt: row.callbackAt,
  promiseDate: row.promiseDate,
  promiseAmount: row.promiseAmount === null ? null : fromMinorUnits(Number(row.promiseAmount)),
  talkSeconds: row.talkSeconds === null ? null : Number(row.talkSeconds),
  wrapUpSeconds: row.wrapUpSeconds === null ? null : Number(row.wrapUpSeconds),
});

/**
 * An entry the caller may work: one given to them, or one of a list they manage (a supervisor taking a call
 * over). Anyone else is told it does not exist.
 */
async function workableEntry(ctx: AppContext, actor: Actor, id: number) {
  const entry = await repo.findEntry(ctx.db, id);
  if (!entry) throw notFound();
  const list = await repo.findList(ctx.db, entry.listId);
  if (!list) throw notFound();
  if (entry.agentId === actor.userId) return { entry, list };
  if (
    can(actor, 'callLists.manage') &&
    (await repo.findListInScope(ctx.db, await scopeFor(ctx.db, actor, 'callLists'), list.id))
  )
    return { entry, list };
  throw notFound();
}

/** A number the caller's role may not read, shown as its first three and last four digits. */
const masked = (number: string | null) =>
  number && number.length > 7 ? `${number.slice(0, 3)}****${number.slice(-4)}` : number;

async function previewOf(
  ctx: AppContext,
  actor: Actor,
  entry: repo.EntryRow,
  list: ListRow,
): Promise<CallEntryPreview> {
  const settings = await getSettings(ctx.db);
  const hiddenContact = hiddenFields(actor, 'contacts');
  const hiddenCustomer = hiddenFields(actor, 'customers');
  const [customer, contact, lead, attempts, doNotCall] = await Promise.all([
    entry.customerId ? repo.customerFacts(ctx.db, entry.customerId) : undefined,
    entry.contactId ? repo.contactFacts(ctx.db, entry.contactId) : undefined,
    entry.leadId ? repo.leadFacts(ctx.db, entry.leadId) : undefined,
    repo.attemptsOfEntry(ctx.db, entry.id),
    entry.phone ? isDoNotCall(ctx, entry.phone, entry.contactId) : false,
  ]);
  const survey = list.surveyId ? await getSurvey(ctx.db, list.surveyId).catch(() => null) : null;
  // The customer's figures as the agent may see them (the entry itself was given to them).
  const visible =
    customer && can(actor, 'customers.view') ? await findVisibleCustomer(ctx, actor, customer.id) : undefined;
  const overview = visible ? await customerOverview(ctx, actor, customer!.id) : null;
  const followups = visible && can(actor, 'followups.view') ? await followupsOfCustomer(ctx.db, customer!.id, 3) : [];
  const hidePhone =
    hiddenContact.includes('mobile') || hiddenContact.includes('phone') || hiddenCustomer.includes('phone');
  const shown = toEntry(entry);
  if (hidePhone) shown.phone = masked(shown.phone);
  const values = {
    ...shown.details,
    customerName: customer?.name ?? entry.customerName,
    contactName: contact?.name ?? entry.name,
    contactTitle: contact?.title ?? null,
    phone: shown.phone,
    agentName: actor.displayName,
    companyName: settings.companyName,
    today: todayIn(settings.timezone),
  };
  return {
    entry: shown,
    list: {
      id: list.id,
      name: list.name,
      purpose: list.purpose as CallEntryPreview['list']['purpose'],
      sourceKind: list.sourceKind,
      maxAttempts: list.maxAttempts,
    },
    script: fillScript(list.script, values),
    customer: customer
      ? {
          id: customer.id,
          name: customer.name,
          level: customer.level,
          phone: hiddenCustomer.includes('phone') ? null : customer.phone,
          address: [customer.province, customer.city, customer.address].filter(Boolean).join(' ') || null,
          ownerName: customer.ownerName,
        }
      : null,
    contact: contact
      ? {
          ...contact,
          mobile: hiddenContact.includes('mobile') ? null : contact.mobile,
          phone: hiddenContact.includes('phone') ? null : contact.phone,
          email: hiddenContact.includes('email') ? null : contact.email,
        }
      : null,
    lead: lead ?? null,
    survey: survey?.active
      ? {
          id: survey.id,
          name: survey.name,
          questions: survey.questions.map((q) => ({
            key: q.key,
            kind: q.kind,
            label: q.label,
            options: q.options,
            required: q.required,
          })),
        }
      : null,
    openTickets: overview?.openTickets ?? null,
    overdue: overview?.overdue ?? null,
    currency: overview?.currency ?? null,
    lastFollowups: followups.map((f) => ({ id: f.id, occurredAt: f.occurredAt, content: f.content })),
    attempts: attempts.map(toAttempt),
    doNotCall,
  };
}

export async function previewEntry(ctx: AppContext, actor: Actor, id: number): Promise<CallEntryPreview> {
  const { entry, list } = await workableEntry(ctx, actor, id);
  return previewOf(ctx, actor, entry, list);
}

/** An entry found to be on the do-not-call list is taken off the agent's queue, for good. */
async function skipAsDoNotCall(ctx: AppContext, entryId: number) {
  await repo.updateEntry(ctx.db, entryId, {
    status: 'skipped',
    skipReason: 'doNotCall',
    nextCallAt: null,
    updatedAt: nowIso(),
  });
}

/**
 * The agent's next entry: of their active lists in calling hours now, the open entry whose time came first.
 * None: nothing left, all wait for later (`nextAt`), or it is not calling time (`nextAt`: when it is).
 */
export async function nextEntry(ctx: AppContext, actor: Actor, listId?: number) {
  const lists = (await repo.activeListsOfAgent(ctx.db, actor.userId)).filter((l) => !listId || l.id === listId);
  const now = new Date();
  const settings = await getSettings(ctx.db);
  const hoursOf = (list: (typeof lists)[number]): CallingHours => ({
    ...settings,
    start: list.callingStart,
    end: list.callingEnd,
  });
  const callable = lists.filter((list) => isCallingTime(hoursOf(list), now));
  const open = await repo.openEntriesOf(
    ctx.db,
    actor.userId,
    lists.map((l) => l.id),
  );
  const remaining = Number(open.n);
  if (!lists.length) return { preview: null, reason: 'none' as const, nextAt: null, remaining: 0 };
  // A number put on the do-not-call list since the entry was made is skipped as it comes up.
  for (let tries = 0; callable.length && tries < 20; tries++) {
    const entry = await repo.nextDueEntry(
      ctx.db,
      actor.userId,
      callable.map((l) => l.id),
      now.toISOString(),
    );
    if (!entry) break;
    if (entry.phone && (await isDoNotCall(ctx, entry.phone, entry.contactId))) {
      await skipAsDoNotCall(ctx, entry.id);
      continue;
    }
    const list = lists.find((l) => l.id === entry.listId)!;
    return { preview: await previewOf(ctx, actor, entry, list as ListRow), reason: null, nextAt: null, remaining };
  }
  const soonest = open.soonest ? new Date(String(open.soonest)) : now;
  const nextAt = lists
    .map((list) => nextCallingTime(hoursOf(list), soonest > now ? soonest : now))
    .sort((a, b) => a.getTime() - b.getTime())[0]!;
  return {
    preview: null,
    reason: remaining === 0 ? ('none' as const) : callable.length ? ('later' as const) : ('outsideHours' as const),
    nextAt: remaining === 0 ? null : nextAt.toISOString(),
    remaining,
  };
}

function assertCallable(entry: repo.EntryRow, list: ListRow) {
  if (entry.status !== 'open') throw new AppError('CONFLICT', 'callEntryClosed');
  if (list.status !== 'active') throw new AppError('CONFLICT', 'callListNotActive');
}

/**
 * Dials the entry's number from the agent's extension (click-to-dial), in calling hours and never a number
 * on the do-not-call list; the attempt starts now and waits for its outcome.
 */
export async function dialEntry(ctx: AppContext, actor: Actor, id: number) {
  const { entry, list } = await workableEntry(ctx, actor, id);
  assertCallable(entry, list);
  if (!entry.phone) throw new AppError('CONFLICT', 'callEntryNoNumber');
  const { hours } = await callingHoursOf(ctx, list);
  if (!isCallingTime(hours, new Date())) throw new AppError('CONFLICT', 'outsideCallingHours');
  if (await isDoNotCall(ctx, entry.phone, entry.contactId)) {
    await skipAsDoNotCall(ctx, entry.id);
    throw new AppError('CONFLICT', 'doNotCall');
  }
  const { externalId } = await dial(ctx, actor, entry.phone);
  const at = nowIso();
  const open = await repo.openAttempt(ctx.db, entry.id, actor.userId);
  let attemptId = open?.id;
  if (open) await repo.updateAttempt(ctx.db, open.id, { dialedAt: at });
  else
    attemptId = await repo.insertAttempt(ctx.db, {
      entryId: entry.id,
      listId: list.id,
      agentId: actor.userId,
      callId: null,
      number: entry.phone,
      dialedAt: at,
      outcome: null,
      outcomeAt: null,
      reached: null,
      note: null,
      callbackAt: null,
      promiseDate: null,
      promiseAmount: null,
      talkSeconds: null,
      wrapUpSeconds: null,
      createdAt: at,
    });
  return { attemptId: attemptId!, externalId };
}

const promiseWords: Record<Locale, (date: string, amount: string, currency: string) => string> = {
  'zh-CN': (date, amount, currency) => `电话催收：客户承诺于 ${date} 付款 ${amount} ${currency}`,
  en: (date, amount, currency) => `Dunning call: the customer promised to pay ${amount} ${currency} on ${date}`,
};

/**
 * Records what a call came to. The rule of the outcome (common/schemas/call-lists.ts) decides where the entry
 * goes: closed; tried again after the list's delay (busy: 15 minutes) within calling hours unless the list's
 * unanswered attempts are used up, or at the time the agent names; or called back when the customer asked (both
 * moved into calling hours). In the
 * same transaction: a promise to pay is kept on the attempt and becomes a note on the instalment (when the
 * instalment is still there), survey answers count in the survey's results, confirmed data updates the contact (audited as an edit), and "do not call" puts the number on the
 * do-not-call list. The agent's after-call work ends.
 */
export async function recordOutcome(ctx: AppContext, actor: Actor, id: number, input: CallOutcomeInput) {
  const { entry, list } = await workableEntry(ctx, actor, id);
  if (entry.status !== 'open') throw new AppError('CONFLICT', 'callEntryClosed');
  await assertDictionaryCodes(ctx.db, { outcome: input.outcome }, { outcome: 'call_outcome' });
  const rule = callOutcomeRule(input.outcome);
  const { settings, hours } = await callingHoursOf(ctx, list);
  if (rule.needs === 'callbackAt' && !input.callbackAt) throw fieldError('callbackAt', 'required');
  if (rule.needs === 'promise') {
    if (!input.promise) throw fieldError('promise', 'required');
    if (input.promise.date < todayIn(settings.timezone)) throw fieldError('promise.date', 'dateInPast');
  }
  if (input.answers && Object.keys(input.answers).length) {
    if (!list.surveyId) throw fieldError('answers', 'callListNoSurvey');
    if (!rule.reached) throw fieldError('answers', 'callNotReached');
  }
  if (input.confirmation) {
    if (!entry.contactId) throw fieldError('confirmation', 'callEntryNoContact');
    if (!rule.reached) throw fieldError('confirmation', 'callNotReached');
  }
  const now = new Date();
  const at = now.toISOString();
  const open = await repo.openAttempt(ctx.db, entry.id, actor.userId);
  const call = input.callId
    ? await getCall(ctx, actor, input.callId)
    : open?.dialedAt && entry.phone
      ? await latestCallWith(ctx, actor.userId, entry.phone, dayjs(open.dialedAt).subtract(1, 'minute').toISOString())
      : null;
  const wrapUpSeconds = call?.endAt ? Math.max(0, Math.round((now.getTime() - Date.parse(call.endAt)) / 1000)) : null;

  const attempts = Number(entry.attempts) + 1;
  const unanswered = Number(entry.unansweredAttempts) + (rule.reached ? 0 : 1);
  let status: 'open' | 'done' | 'exhausted' = 'open';
  let nextCallAt: string | null = null;
  if (rule.final) status = 'done';
  else if (rule.needs === 'callbackAt') {
    const asked = new Date(input.callbackAt!);
    nextCallAt = nextCallingTime(hours, asked > now ? asked : now).toISOString();
  } else if (unanswered >= list.maxAttempts) status = 'exhausted';
  else {
    // The agent may name the time to try again (no answer: "try after lunch"); else the rule's or list's delay.
    const asked = input.callbackAt ? new Date(input.callbackAt) : null;
    const retryAt = new Date(now.getTime() + (rule.retryMinutes ?? list.retryMinutes) * 60_000);
    nextCallAt = nextCallingTime(hours, asked ? (asked > now ? asked : now) : retryAt).toISOString();
  }

  const promiseAmount = input.promise ? toMinorUnits(input.promise.amount) : null;
  const fed = await inTransaction(ctx, async (ctx) => {
    const written = await repo.updateEntryIfUnchanged(ctx.db, entry.id, Number(entry.attempts), {
      status,
      nextCallAt,
      attempts,
      unansweredAttempts: unanswered,
      lastOutcome: input.outcome,
      lastAttemptAt: at,
      updatedAt: at,
    });
    if (!written) throw new AppError('CONFLICT', 'callEntryChanged');
    const attempt = {
      callId: call?.id ?? null,
      outcome: input.outcome,
      outcomeAt: at,
      reached: rule.reached ? 1 : 0,
      note: input.note ?? null,
      callbackAt: rule.needs === 'callbackAt' || (input.callbackAt && nextCallAt) ? nextCallAt : null,
      promiseDate: input.promise?.date ?? null,
      promiseAmount,
      talkSeconds: call?.talkSeconds ?? null,
      wrapUpSeconds,
    };
    let attemptId = open?.id;
    if (open) await repo.updateAttempt(ctx.db, open.id, attempt);
    else
      attemptId = await repo.insertAttempt(ctx.db, {
        ...attempt,
        entryId: entry.id,
        listId: list.id,
        agentId: actor.userId,
        number: entry.phone,
        dialedAt: null,
        createdAt: at,
      });
    // The promise stays on the attempt; the instalment's note only if the instalment is still there (a new
    // payment plan since the list was built replaces it): the agent's outcome must not fail for it.
    let instalmentNoteId: number | null = null;
    if (input.promise && entry.instalmentId && (await instalmentExists(ctx.db, entry.instalmentId))) {
      const details = readJson<Record<string, unknown>>(entry.details, {});
      const currency = String(details.currency ?? '');
      instalmentNoteId = await addInstalmentNote(ctx.db, actor, {
        instalmentId: entry.instalmentId,
        body: [promiseWords[actor.locale](input.promise.date, input.promise.amount, currency), input.note]
          .filter(Boolean)
          .join('\n'),
        promisedOn: input.promise.date,
        promisedAmount: promiseAmount,
        callAttemptId: attemptId!,
      });
    }
    let surveyInvitationId: number | null = null;
    if (input.answers && Object.keys(input.answers).length)
      surveyInvitationId = await recordPhoneAnswers(ctx.db, actor, {
        surveyId: list.surveyId!,
        contactId: entry.contactId,
        customerId: entry.customerId,
        ticketId: entry.ticketId,
        answers: input.answers,
      });
    let contactUpdated = false;
    if (input.confirmation && Object.keys(input.confirmation).length) {
      await updateContact(ctx, actor, entry.contactId!, input.confirmation);
      contactUpdated = true;
    }
    if (rule.doNotCall && entry.phone)
      await addToDoNotCall(ctx.db, actor, entry.phone, input.note?.slice(0, 200) || list.name);
    await writeAudit(ctx.db, actor, {
      action: 'outcome',
      entity: 'callLists',
      entityId: list.id,
      detail: { entryId: entry.id, outcome: input.outcome, status, nextCallAt },
    });
    return { attemptId: attemptId!, instalmentNoteId, surveyInvitationId, contactUpdated };
  });
  await endAfterCallWork(ctx, actor.userId);
  return {
    entry: toEntry((await repo.findEntry(ctx.db, entry.id))!),
    attempt: toAttempt((await repo.findAttempt(ctx.db, fed.attemptId))!),
    instalmentNoteId: fed.instalmentNoteId,
    surveyInvitationId: fed.surveyInvitationId,
    contactUpdated: fed.contactUpdated,
  };
}
