import type { SurveyReport } from '@relate/common';
import { sql } from 'kysely';
import { dayEnd, dayStart } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { getSettings } from '../settings/index.ts';
import { getSurvey } from './surveys.service.ts';

const percent = (part: number, whole: number) => (whole ? ((part * 100) / whole).toFixed(2) : '0.00');

/**
 * A survey's results over a period of answers: response rate, and per question the average and
 * CSAT (share of 4–5 stars) or NPS (promoters 9–10 minus detractors 0–6), the counts per answer,
 * and the latest free answers. Every count and sum is taken by the database over all answers.
 */
export async function surveyReport(
  ctx: AppContext,
  surveyId: number,
  range: { from?: string; to?: string },
): Promise<SurveyReport> {
  const survey = await getSurvey(ctx.db, surveyId);
  const { timezone } = await getSettings(ctx.db);
  let sentQuery = ctx.db.selectFrom('surveyInvitations').where('surveyId', '=', surveyId);
  let answeredQuery = ctx.db
    .selectFrom('surveyInvitations')
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
  const postgres = ctx.dialect === 'postgres';
  // The answer to one question as text (a number, a choice, or a list as JSON), null when not given.
  const answer = (key: string) =>
    postgres
      ? sql`(${sql.ref('surveyInvitations.answers')}::jsonb ->> ${key})`
      : sql`json_extract(${sql.ref('surveyInvitations.answers')}, ${`$."${key}"`})`;
  const counted = async (value: ReturnType<typeof sql>, from = answeredQuery) => {
    const rows = await from
      .select([sql<string | number>`${value}`.as('value'), sql<number>`count(*)`.as('n')])
      .where(sql<boolean>`${value} is not null`)
      // By position: on PostgreSQL the key is a separate parameter in each place it is written.
      .groupBy(sql`1`)
      .execute();
    return Object.fromEntries(rows.map((r) => [String(r.value), Number(r.n)]));
  };
  const [{ sent }, { answered }] = await Promise.all([
    sentQuery.select((eb) => eb.fn.countAll<number>().as('sent')).executeTakeFirstOrThrow(),
    answeredQuery.select((eb) => eb.fn.countAll<number>().as('answered')).executeTakeFirstOrThrow(),
  ]);
  const questions = await Promise.all(
    survey.questions.map(async (q) => {
      const value = answer(q.key);
      let counts: Record<string, number> = {};
      let responses = 0;
      let average: string | null = null;
      let score: string | null = null;
      let texts: Array<{ text: string; contactName: string | null; answeredAt: string }> = [];
      if (q.kind === 'rating' || q.kind === 'nps') {
        const number = postgres ? sql`(${value})::numeric` : sql`cast(${value} as real)`;
        counts = Object.fromEntries(Object.entries(await counted(number)).map(([k, n]) => [String(Number(k)), n]));
        const figures = await answeredQuery
          .select([
            sql<number>`count(${number})`.as('n'),
            sql<number | string | null>`sum(${number})`.as('total'),
            sql<number>`sum(case when ${number} >= 4 then 1 else 0 end)`.as('high'),
            sql<number>`sum(case when ${number} >= 9 then 1 else 0 end)`.as('promoters'),
            sql<number>`sum(case when ${number} <= 6 then 1 else 0 end)`.as('detractors'),
          ])
          .executeTakeFirstOrThrow();
        responses = Number(figures.n);
        if (responses) {
          average = (Number(figures.total) / responses).toFixed(2);
          score =
            q.kind === 'rating'
              ? percent(Number(figures.high), responses)
              : (((Number(figures.promoters) - Number(figures.detractors)) * 100) / responses).toFixed(2);
        }
      } else if (q.kind === 'multiple') {
        // Each choice of a list counts once; the answers are expanded by the database.
        const rows = postgres
          ? await sql<{
              value: string;
              n: number;
            }>`select c.value as value, count(*) as n from (${answeredQuery.select('surveyInvitations.answers')}) a, jsonb_array_elements_text(a.answers::jsonb -> ${q.key}) c group by c.value`.execute(
              ctx.db,
            )
          : await sql<{
              value: string;
              n: number;
            }>`select c.value as value, count(*) as n from (${answeredQuery.select('surveyInvitations.answers')}) a, json_each(a.answers, ${`$."${q.key}"`}) c group by c.value`.execute(
              ctx.db,
            );
        counts = Object.fromEntries(rows.rows.map((r) => [String(r.value), Number(r.n)]));
      } else if (q.kind === 'single') counts = await counted(value);
      if (q.kind !== 'rating' && q.kind !== 'nps') {
        const { n } = await answeredQuery.select(sql<number>`count(${value})`.as('n')).executeTakeFirstOrThrow();
        responses = Number(n);
      }
      if (q.kind === 'text') {
        const rows = await answeredQuery
          .leftJoin('contacts', 'contacts.id', 'surveyInvitations.contactId')
          .select([sql<string>`${value}`.as('text'), 'contacts.name as contactName', 'surveyInvitations.answeredAt'])
          .where(sql<boolean>`${value} is not null`)
          .orderBy('surveyInvitations.answeredAt', 'desc')
          .limit(50)
          .execute();
        texts = rows.map((r) => ({ text: String(r.text), contactName: r.contactName, answeredAt: r.answeredAt! }));
      }
      return { key: q.key, kind: q.kind, label: q.label, responses, average, score, counts, texts };
    }),
  );
  return {
    sent: Number(sent),
    answered: Number(answered),
    responseRate: percent(Number(answered), Number(sent)),
    questions,
  };
}
