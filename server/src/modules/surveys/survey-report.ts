import type { SurveyReport } from '@relate/common';
import { dayEnd, dayStart } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './survey-report.repository.ts';
import { getSurvey } from './surveys.service.ts';

const percent = (part: number, whole: number) => (whole ? ((part * 100) / whole).toFixed(2) : '0.00');

const byValue = (rows: Array<{ value: string | number; n: number }>) =>
  Object.fromEntries(rows.map((r) => [String(r.value), Number(r.n)]));

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
  const period: repo.ReportPeriod = {
    surveyId,
    from: range.from ? dayStart(range.from, timezone) : undefined,
    to: range.to ? dayEnd(range.to, timezone) : undefined,
  };
  const { db, dialect } = ctx;
  const { sent, answered } = await repo.sentAndAnswered(db, period);
  const questions = await Promise.all(
    survey.questions.map(async (q) => {
      let counts: Record<string, number> = {};
      let responses = 0;
      let average: string | null = null;
      let score: string | null = null;
      let texts: Array<{ text: string; contactName: string | null; answeredAt: string }> = [];
      if (q.kind === 'rating' || q.kind === 'nps') {
        const numbers = byValue(await repo.countsByAnswer(db, dialect, period, q.key, 'number'));
        counts = Object.fromEntries(Object.entries(numbers).map(([k, n]) => [String(Number(k)), n]));
        const figures = await repo.numberFigures(db, dialect, period, q.key);
        responses = Number(figures.n);
        if (responses) {
          average = (Number(figures.total) / responses).toFixed(2);
          score =
            q.kind === 'rating'
              ? percent(Number(figures.high), responses)
              : (((Number(figures.promoters) - Number(figures.detractors)) * 100) / responses).toFixed(2);
        }
      } else if (q.kind === 'multiple') counts = byValue(await repo.choiceCounts(db, dialect, period, q.key));
      else if (q.kind === 'single') counts = byValue(await repo.countsByAnswer(db, dialect, period, q.key, 'text'));
      if (q.kind !== 'rating' && q.kind !== 'nps')
        responses = Number(await repo.answerCount(db, dialect, period, q.key));
      if (q.kind === 'text') {
        const rows = await repo.latestTextAnswers(db, dialect, period, q.key, 50);
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
