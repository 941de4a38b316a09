import type { SatisfactionQuery, SatisfactionReport, SatisfactionRow } from '@relate/common';
import dayjs from 'dayjs';
import '../../db/time.ts';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { getSettings } from '../settings/index.ts';
import { ticketScope } from './tickets.service.ts';
import { departmentNames, userNames } from './agents.repository.ts';
import { callbackSums, type SatisfactionKey } from './satisfaction.repository.ts';

const percent = (part: number, whole: number) =>
  whole ? (Math.round((part * 10_000) / whole) / 100).toFixed(2) : '0.00';
const average = (sum: number, count: number) => (count ? (Math.round((sum * 100) / count) / 100).toFixed(2) : '0.00');

type Sums = { responses: number; scoreSum: number; satisfied: number; called: number; solved: number };
const toRow = (key: string, name: string | null, s: Sums): SatisfactionRow => ({
  key,
  name,
  responses: s.responses,
  average: average(s.scoreSum, s.responses),
  csat: percent(s.satisfied, s.responses),
  solvedRate: percent(s.solved, s.called),
});

/**
 * Satisfaction from callbacks in a period, per agent, team or service category: how many rated,
 * the average score, CSAT (the share of 4s and 5s) and how often the problem was really solved.
 */
export async function satisfactionReport(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof SatisfactionQuery>,
): Promise<SatisfactionReport> {
  const scope = await ticketScope(ctx, actor);
  // The period's days are the company's days.
  const { timezone } = await getSettings(ctx.db);
  const from = dayjs.tz(query.from, timezone).toISOString();
  const until = dayjs.tz(query.to, timezone).add(1, 'day').toISOString();
  const key: SatisfactionKey =
    query.groupBy === 'agent' ? 'tickets.ownerId' : query.groupBy === 'team' ? 'tickets.teamId' : 'tickets.category';
  const rows = await callbackSums(ctx.db, scope, key, from, until);
  const ids = rows
    .map((r) => r.key)
    .filter((k): k is number => typeof k === 'number' || (typeof k === 'string' && /^\d+$/.test(k)))
    .map(Number);
  const names = new Map<string, string>();
  if (query.groupBy === 'agent' && ids.length)
    for (const u of await userNames(ctx.db, ids)) names.set(String(u.id), u.displayName);
  if (query.groupBy === 'team' && ids.length)
    for (const d of await departmentNames(ctx.db, ids)) names.set(String(d.id), d.name);
  const sums = (r: (typeof rows)[number]): Sums => ({
    responses: Number(r.responses),
    scoreSum: Number(r.scoreSum),
    satisfied: Number(r.satisfied),
    called: Number(r.called),
    solved: Number(r.solved),
  });
  const total = rows.reduce<Sums>(
    (acc, r) => {
      const s = sums(r);
      return {
        responses: acc.responses + s.responses,
        scoreSum: acc.scoreSum + s.scoreSum,
        satisfied: acc.satisfied + s.satisfied,
        called: acc.called + s.called,
        solved: acc.solved + s.solved,
      };
    },
    { responses: 0, scoreSum: 0, satisfied: 0, called: 0, solved: 0 },
  );
  return {
    rows: rows
      .map((r) =>
        toRow(
          r.key === null ? '' : String(r.key),
          r.key === null ? null : (names.get(String(r.key)) ?? String(r.key)),
          sums(r),
        ),
      )
      .sort((a, b) => Number(b.average) - Number(a.average) || b.responses - a.responses),
    total: toRow('total', null, total),
  };
}
