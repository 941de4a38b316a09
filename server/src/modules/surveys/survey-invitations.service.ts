import type { Locale, SurveyAnswers, SurveyForm, SurveyInvitation, SurveyQuestion, SurveySend } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, type AuditActor, systemActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, type FieldMessage, notFound } from '../../platform/errors.ts';
import { scopeFor } from '../../platform/scope.ts';
import { randomToken, sha256 } from '../../platform/tokens.ts';
import { readMailSettings, sendMail } from '../mail/index.ts';
import { getSettings } from '../settings/index.ts';
import { getTicket } from '../tickets/index.ts';
import * as repo from './survey-invitations.repository.ts';
import { getSurvey } from './surveys.service.ts';

/** A link is good for a month; after that the survey is no longer asked. */
const validDays = 30;
const stillOpen = (sentAt: string) => Date.parse(sentAt) + validDays * 86_400_000 > Date.now();

type Recipient = {
  contactId: number | null;
  customerId: number | null;
  ticketId: number | null;
  name: string | null;
  email: string | null;
};
type Channel = z.output<typeof SurveySend>['channel'];

const mailWords: Record<
  Locale,
  {
    subject: (company: string, survey: string) => string;
    body: (name: string | null, company: string, url: string, ticket: string | null) => string;
  }
> = {
  'zh-CN': {
    subject: (company, survey) => `${company}：${survey}`,
    body: (name, company, url, ticket) =>
      `${name ? `${name}，您好：` : '您好：'}\n\n${ticket ? `您的服务请求 ${ticket} 已处理完毕。` : ''}请花一分钟告诉我们您的感受，您的意见将帮助我们改进服务：\n${url}\n\n${company}`,
  },
  en: {
    subject: (company, survey) => `${company}: ${survey}`,
    body: (name, company, url, ticket) =>
      `${name ? `Dear ${name},` : 'Hello,'}\n\n${ticket ? `Your request ${ticket} has been dealt with. ` : ''}Please take a minute to tell us how we did — it helps us serve you better:\n${url}\n\n${company}`,
  },
};

/**
 * Creates one invitation per recipient, each with its own link; by email the link is sent at once
 * (when mail is set up and there is an address), otherwise it is returned to pass on by SMS or by
 * hand. Every invitation is also asked on the portal to the contact it was sent to.
 */
async function invite(
  ctx: AppContext,
  actor: AuditActor,
  sentBy: number | null,
  surveyId: number,
  recipients: Recipient[],
  channel: Channel,
  origin: string,
): Promise<SurveyInvitation[]> {
  const survey = await getSurvey(ctx.db, surveyId);
  if (!survey.active) throw new AppError('CONFLICT', 'surveyInactive');
  const settings = await getSettings(ctx.db);
  const mail = channel === 'email' ? await readMailSettings(ctx.db, ctx.config.sessionSecret) : null;
  const words = mailWords[settings.defaultLocale];
  const sent: SurveyInvitation[] = [];
  for (const recipient of recipients) {
    const token = randomToken(24);
    const at = nowIso();
    const id = await repo.insertInvitation(ctx.db, {
      surveyId,
      contactId: recipient.contactId,
      customerId: recipient.customerId,
      ticketId: recipient.ticketId,
      channel,
      tokenHash: sha256(token),
      sentBy,
      sentAt: at,
      answeredAt: null,
      answers: null,
      rating: null,
      nps: null,
    });
    const url = `${origin}/surveys/${token}`;
    let emailed = false;
    if (mail && recipient.email) {
      const ticket = recipient.ticketId ? await repo.findTicketHeading(ctx.db, recipient.ticketId) : null;
      try {
        await sendMail(mail, {
          to: recipient.email,
          subject: words.subject(settings.companyName, survey.name),
          text: words.body(recipient.name, settings.companyName, url, ticket?.number ?? null),
        });
        emailed = true;
      } catch {
        // The invitation stands: it is asked on the portal, and the link can be passed on by hand.
      }
    }
    sent.push({ ...toInvitation(await repo.getInvitation(ctx.db, id)), url, emailed });
  }
  await writeAudit(ctx.db, actor, {
    action: 'send',
    entity: 'surveys',
    entityId: surveyId,
    detail: { channel, count: recipients.length },
  });
  return sent;
}

const toInvitation = (row: repo.InvitationRow): SurveyInvitation => ({
  ...row,
  channel: row.channel as SurveyInvitation['channel'],
});

/** Sends a survey to contacts the caller can see, or about a ticket the caller can see to whoever asked. */
export async function sendSurvey(
  ctx: AppContext,
  actor: Actor,
  surveyId: number,
  input: z.output<typeof SurveySend>,
  origin: string,
): Promise<SurveyInvitation[]> {
  const recipients: Recipient[] = [];
  if (input.contactIds.length) {
    const ids = [...new Set(input.contactIds)];
    const contacts = await repo.contactsInScope(ctx.db, await scopeFor(ctx.db, actor, 'contacts'), ids);
    if (contacts.length !== ids.length) throw fieldError('contactIds', 'notFoundOrHidden');
    recipients.push(
      ...contacts.map((c) => ({
        contactId: c.id,
        customerId: c.customerId,
        ticketId: null,
        name: c.name,
        email: c.email,
      })),
    );
  }
  if (input.ticketId) {
    const ticket = await getTicket(ctx, actor, input.ticketId).catch(() => null);
    if (!ticket) throw fieldError('ticketId', 'notFoundOrHidden');
    recipients.push(await ticketRecipient(ctx.db, ticket.id));
  }
  if (input.channel === 'email' && recipients.some((r) => !r.email)) throw fieldError('contactIds', 'surveyNoEmail');
  return invite(ctx, actor, actor.userId, surveyId, recipients, input.channel, origin);
}

async function ticketRecipient(db: Kysely<DB>, ticketId: number): Promise<Recipient> {
  const row = await repo.getTicketRequester(db, ticketId);
  return {
    contactId: row.contactId,
    customerId: row.customerId,
    ticketId: row.id,
    name: row.name ?? row.requesterName,
    email: row.email ?? row.requesterEmail,
  };
}

/**
 * When a ticket is resolved and the company has chosen a ticket survey, whoever asked gets it
 * (once per ticket). Best effort: a resolved ticket never fails because the survey could not go out.
 */
export async function sendTicketSurvey(ctx: AppContext, ticketId: number, origin: string): Promise<void> {
  const { ticketSurveyId } = await getSettings(ctx.db);
  if (!ticketSurveyId) return;
  if (await repo.findTicketInvitation(ctx.db, ticketId, ticketSurveyId)) return;
  const recipient = await ticketRecipient(ctx.db, ticketId);
  if (!recipient.email && !recipient.contactId) return;
  await invite(ctx, systemActor, null, ticketSurveyId, [recipient], recipient.email ? 'email' : 'portal', origin).catch(
    () => undefined,
  );
}

export async function listInvitations(
  ctx: AppContext,
  surveyId: number,
  query: { page: number; pageSize: number; answered?: boolean },
) {
  await getSurvey(ctx.db, surveyId);
  const { items, total } = await repo.listInvitations(ctx.db, surveyId, query, query);
  return { items: items.map(toInvitation), total, page: query.page, pageSize: query.pageSize };
}

/** Checks each answer against its question; every problem is reported under `answers.<key>`. */
export function checkAnswers(questions: SurveyQuestion[], answers: Record<string, unknown>) {
  const problems: Record<string, FieldMessage> = {};
  const clean: Record<string, string | number | string[]> = {};
  for (const q of questions) {
    const value = answers[q.key];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (q.required) problems[`answers.${q.key}`] = 'required';
      continue;
    }
    const integerIn = (min: number, max: number) =>
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
    const ok =
      q.kind === 'rating'
        ? integerIn(1, 5)
        : q.kind === 'nps'
          ? integerIn(0, 10)
          : q.kind === 'single'
            ? typeof value === 'string' && q.options.includes(value)
            : q.kind === 'multiple'
              ? Array.isArray(value) && value.every((v) => q.options.includes(v))
              : typeof value === 'string';
    if (!ok) problems[`answers.${q.key}`] = 'invalidAnswer';
    else
      clean[q.key] =
        typeof value === 'string'
          ? value.trim().slice(0, 2000)
          : Array.isArray(value)
            ? [...new Set(value as string[])]
            : (value as number);
  }
  if (Object.keys(problems).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', problems);
  return clean;
}

type OpenInvitation = {
  id: number;
  surveyId: number;
  ticketId: number | null;
  sentAt: string;
  answeredAt: string | null;
};

async function openSurvey(db: Kysely<DB>, invitation: OpenInvitation | undefined) {
  if (!invitation || !stillOpen(invitation.sentAt)) throw notFound();
  const survey = await getSurvey(db, invitation.surveyId).catch(() => null);
  if (!survey?.active) throw notFound();
  return survey;
}

async function formOf(ctx: AppContext, invitation: OpenInvitation): Promise<SurveyForm> {
  const survey = await openSurvey(ctx.db, invitation);
  const [settings, ticket] = await Promise.all([
    getSettings(ctx.db),
    invitation.ticketId ? repo.findTicketHeading(ctx.db, invitation.ticketId) : undefined,
  ]);
  return {
    companyName: settings.companyName,
    name: survey.name,
    intro: survey.intro,
    questions: survey.questions,
    ticketNumber: ticket?.number ?? null,
    ticketSubject: ticket?.subject ?? null,
    answered: invitation.answeredAt !== null,
  };
}

const byToken = (db: Kysely<DB>, token: string) => repo.findInvitationByTokenHash(db, sha256(token));

export async function surveyFormByToken(ctx: AppContext, token: string): Promise<SurveyForm> {
  const invitation = await byToken(ctx.db, token);
  if (!invitation) throw notFound();
  return formOf(ctx, invitation);
}

/**
 * Keeps the answers (once: a second answer is a conflict). A star rating about a ticket becomes the
 * ticket's satisfaction score, unless the customer already gave one, so CSAT by agent, team and
 * category counts it.
 */
async function answer(
  ctx: AppContext,
  actor: AuditActor,
  invitation: OpenInvitation | undefined,
  input: z.output<typeof SurveyAnswers>,
): Promise<void> {
  const survey = await openSurvey(ctx.db, invitation);
  const { id, ticketId } = invitation!;
  if (invitation!.answeredAt) throw new AppError('CONFLICT', 'surveyAnswered');
  const answers = checkAnswers(survey.questions, input.answers);
  const scoreOf = (kind: 'rating' | 'nps') => {
    const q = survey.questions.find((x) => x.kind === kind);
    return q && typeof answers[q.key] === 'number' ? (answers[q.key] as number) : null;
  };
  const rating = scoreOf('rating');
  const comment =
    survey.questions
      .filter((q) => q.kind === 'text')
      .map((q) => answers[q.key])
      .find((v): v is string => typeof v === 'string') ?? null;
  const at = nowIso();
  await inTransaction(ctx, async (ctx) => {
    const recorded = await repo.recordAnswers(ctx.db, id, {
      answers: writeJson(answers),
      rating,
      nps: scoreOf('nps'),
      answeredAt: at,
    });
    if (!recorded) throw new AppError('CONFLICT', 'surveyAnswered');
    // The answer is the customer's verdict, as a callback would be: the satisfaction report counts it on the day it came.
    if (ticketId && rating !== null)
      await repo.scoreTicket(ctx.db, ticketId, rating, comment?.slice(0, 500) ?? null, at);
    await writeAudit(ctx.db, actor, {
      action: 'answer',
      entity: 'surveys',
      entityId: survey.id,
      detail: { invitationId: id, rating },
    });
  });
}

/**
 * Answers given on the phone in a call-list call: an invitation of the `phone` channel, asked and answered at
 * that moment, so they count in the survey's results like any other (and a star rating about a ticket scores
 * the ticket, as a callback does). Runs in the caller's transaction; answers are checked like any survey's.
 * Returns the invitation's id.
 */
export async function recordPhoneAnswers(
  db: Kysely<DB>,
  actor: AuditActor,
  input: {
    surveyId: number;
    contactId: number | null;
    customerId: number | null;
    ticketId: number | null;
    answers: Record<string, unknown>;
  },
): Promise<number> {
  const survey = await getSurvey(db, input.surveyId);
  if (!survey.active) throw new AppError('CONFLICT', 'surveyInactive');
  const answers = checkAnswers(survey.questions, input.answers);
  const scoreOf = (kind: 'rating' | 'nps') => {
    const q = survey.questions.find((x) => x.kind === kind);
    return q && typeof answers[q.key] === 'number' ? (answers[q.key] as number) : null;
  };
  const at = nowIso();
  const rating = scoreOf('rating');
  const id = await repo.insertInvitation(db, {
    surveyId: survey.id,
    contactId: input.contactId,
    customerId: input.customerId,
    ticketId: input.ticketId,
    channel: 'phone',
    // Never answered by link: a token nobody holds.
    tokenHash: sha256(randomToken(24)),
    sentBy: actor.userId || null,
    sentAt: at,
    answeredAt: at,
    answers: writeJson(answers),
    rating,
    nps: scoreOf('nps'),
  });
  if (input.ticketId && rating !== null) await repo.scoreTicket(db, input.ticketId, rating, null, at);
  await writeAudit(db, actor, {
    action: 'answer',
    entity: 'surveys',
    entityId: survey.id,
    detail: { invitationId: id, rating, channel: 'phone' },
  });
  return id;
}

export async function answerByToken(
  ctx: AppContext,
  token: string,
  input: z.output<typeof SurveyAnswers>,
  client: { ip: string | null; userAgent: string | null },
): Promise<void> {
  await answer(ctx, { userId: 0, username: 'survey link', ...client }, await byToken(ctx.db, token), input);
}

/** The surveys waiting for a portal contact's answer. */
export async function pendingForContact(
  ctx: AppContext,
  contactId: number,
): Promise<Array<SurveyForm & { id: number }>> {
  const rows = await repo.unansweredInvitationsOf(ctx.db, contactId);
  const forms = await Promise.all(
    rows.map(async (row) =>
      stillOpen(row.sentAt) ? { id: row.id, ...(await formOf(ctx, row).catch(() => null)) } : null,
    ),
  );
  return forms.filter((f): f is SurveyForm & { id: number } => f !== null && 'name' in f);
}

export async function answerForContact(
  ctx: AppContext,
  actor: AuditActor,
  contactId: number,
  invitationId: number,
  input: z.output<typeof SurveyAnswers>,
): Promise<void> {
  await answer(ctx, actor, await repo.findInvitationOfContact(ctx.db, invitationId, contactId), input);
}
