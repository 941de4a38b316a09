import type { SurveyReport } from '@relate/common';
import { readJson } from '../../db/json.ts';
import { dayEnd, dayStart } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { getSettings } from '../settings/index.ts';
import { getSurvey } from './surveys.service.ts';

const percent = (part: number, whole: number) => (whole ? ((part * 100) / whole).toFixed(2) : '0.00');

/**
 * A survey's results over a period of answers: response rate, and per question the average and
 * CSAT (share of 4–5 stars) or NPS (promoters 9–10 minus detractors 0–6), the counts per answer,
 * and the latest free answers.
 */
export async function surveyReport(ctx: AppContext, surveyId: number, range: { from?: string; to?: string }): Promise<SurveyReport> {
  const survey = await getSurvey(ctx.db, surveyId);
  const { timezone } = await getSettings(ctx.db);
  let sentQuery = ctx.db.selectFrom('surveyInvitations').where('surveyId', '=', surveyId);
  let answeredQuery = ctx.db
    .selectFrom('surveyInvitations')
    .leftJoin('contacts', 'contacts.id', 'surveyInvitations.contactId')
    .select(['surveyInvitations.answers', 'surveyInvitations.answeredAt', 'contacts.name as contactName'])
    .where('surveyInvitations.surveyId', '=', surveyId)
    .where('surveyInvitations.answeredAt', 'is not', null);
  if (range.from) {
    sentQuery = sentQuery.where('sentAt', '>=', dayStart(range.from, timezone));
    answeredQuery = answeredQuery.where('surveyInvitations.answeredAt', '>=', dayStart(range.from, timezone));
  }
  if (range.to) {
    const end = dayEnd(range.to, timezone);
    sentQuery = sentQuery.where('sentAt', '<=', end);
    answeredQuery = answeredQuery.where('surveyInvitations.answeredAt', '<=', end);
  }
  const [{ sent }, rows] = await Promise.all([
    sentQuery.select((eb) => eb.fn.countAll<number>().as('sent')).executeTakeFirstOrThrow(),
    answeredQuery.orderBy('surveyInvitations.answeredAt', 'desc').limit(50_000).execute(),
  ]);
  const answered = rows.map((r) => ({ answers: readJson<Record<string, unknown>>(r.answers, {}), contactName: r.contactName, answeredAt: r.answeredAt! }));
  const questions = survey.questions.map((q) => {
    const given = answered.filter((a) => a.answers[q.key] !== undefined);
    const counts: Record<string, number> = {};
    const count = (key: string) => {
      counts[key] = (counts[key] ?? 0) + 1;
    };
    let average: string | null = null;
    let score: string | null = null;
    if (q.kind === 'rating' || q.kind === 'nps') {
      const values = given.map((a) => Number(a.answers[q.key]));
      for (const v of values) count(String(v));
      average = values.length ? (values.reduce((s, v) => s + v, 0) / values.length).toFixed(2) : null;
      if (values.length && q.kind === 'rating') score = percent(values.filter((v) => v >= 4).length, values.length);
      if (values.length && q.kind === 'nps') score = (((values.filter((v) => v >= 9).length - values.filter((v) => v <= 6).length) * 100) / values.length).toFixed(2);
    } else if (q.kind === 'single') given.forEach((a) => count(String(a.answers[q.key])));
    else if (q.kind === 'multiple') given.forEach((a) => (a.answers[q.key] as string[]).forEach(count));
    const texts = q.kind === 'text' ? given.slice(0, 50).map((a) => ({ text: String(a.answers[q.key]), contactName: a.contactName, answeredAt: a.answeredAt })) : [];
    return { key: q.key, kind: q.kind, label: q.label, responses: given.length, average, score, counts, texts };
  });
  return { sent: Number(sent), answered: answered.length, responseRate: percent(answered.length, Number(sent)), questions };
}
