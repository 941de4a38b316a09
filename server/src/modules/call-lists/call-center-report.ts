import type { CallCenterReport, CallListPurpose } from '@relate/common';
import { dayjs } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './report.repository.ts';

const percent = (part: number, whole: number) => (whole ? ((part * 100) / whole).toFixed(2) : '0.00');
const seconds = (value: number | string | null | undefined) =>
  value === null || value === undefined ? null : Math.round(Number(value));

/** Nothing: a scope no row is in (the caller may not see calls at all). */
const nobody: Scope = { kind: 'own', userId: 0 };

/**
 * The call center's figures over days of the company's calendar: per agent and day, calls (the calls' data
 * scope) and call-list attempts with their reach, talk and wrap-up time (the lists' data scope); per list, its
 * outcomes, reach and conversion (an order or payment within `conversionDays` after a reached call); and the
 * inbound answer rate and waiting time. Every figure is one aggregate query over all matching rows.
 */
export async function callCenterReport(
  ctx: AppContext,
  actor: Actor,
  query: { from: string; to: string; conversionDays: number },
): Promise<CallCenterReport> {
  const { timezone } = await getSettings(ctx.db);
  const days: repo.Day[] = [];
  for (let day = dayjs(query.from); !day.isAfter(dayjs(query.to)); day = day.add(1, 'day')) {
    const date = day.format('YYYY-MM-DD');
    const start = dayjs.tz(date, timezone);
    days.push({ day: date, start: start.toISOString(), end: start.add(1, 'day').toISOString() });
  }
  const period = { start: days[0]!.start, end: days.at(-1)!.end };
  const { db, dialect } = ctx;
  const callScope = can(actor, 'calls.view') ? await scopeFor(db, actor, 'calls') : nobody;
  const listScope = await scopeFor(db, actor, 'callLists');
  const [calls, attempts, agentCalls, agentAttempts, allCalls, allAttempts, lists, outcomes, conversions, inbound] =
    await Promise.all([
      repo.callsPerAgentDay(db, dialect, callScope, days),
      repo.attemptsPerAgentDay(db, dialect, listScope, days),
      repo.callsPerAgent(db, dialect, callScope, period, true),
      repo.attemptsPerAgent(db, dialect, listScope, period, true),
      repo.callsPerAgent(db, dialect, callScope, period, false),
      repo.attemptsPerAgent(db, dialect, listScope, period, false),
      repo.listFigures(db, dialect, listScope, period),
      repo.outcomesPerList(db, dialect, listScope, period),
      repo.conversionsPerList(db, dialect, listScope, period, query.conversionDays),
      repo.inboundFigures(db, dialect, callScope, period),
    ]);

  const agentDays = new Map<string, CallCenterReport['agentDays'][number]>();
  const rowOf = (day: string, agentId: number, agentName: string | null) => {
    const key = `${day}/${agentId}`;
    let row = agentDays.get(key);
    if (!row) {
      row = {
        date: day,
        agentId,
        agentName: agentName ?? '',
        calls: 0,
        outbound: 0,
        inbound: 0,
        attempts: 0,
        reached: 0,
        reachRate: '0.00',
        talkSeconds: 0,
        averageTalkSeconds: null,
        averageWrapUpSeconds: null,
      };
      agentDays.set(key, row);
    }
    return row;
  };
  for (const c of calls)
    Object.assign(rowOf(String(c.day), Number(c.agentId), c.agentName), {
      calls: Number(c.calls),
      outbound: Number(c.outbound),
      inbound: Number(c.inbound),
      talkSeconds: Number(c.talkSeconds),
    });
  for (const a of attempts) {
    const row = rowOf(String(a.day), Number(a.agentId), a.agentName);
    row.attempts = Number(a.attempts);
    row.reached = Number(a.reached ?? 0);
    row.reachRate = percent(row.reached, row.attempts);
    row.averageTalkSeconds = seconds(a.averageTalk);
    row.averageWrapUpSeconds = seconds(a.averageWrapUp);
  }

  type CallRow = (typeof agentCalls)[number];
  type AttemptRow = (typeof agentAttempts)[number];
  const totalsOf = (c: CallRow | undefined, a: AttemptRow | undefined) => {
    const figures = {
      calls: Number(c?.calls ?? 0),
      outbound: Number(c?.outbound ?? 0),
      inbound: Number(c?.inbound ?? 0),
      attempts: Number(a?.attempts ?? 0),
      reached: Number(a?.reached ?? 0),
      talkSeconds: Number(c?.talkSeconds ?? 0),
      averageTalkSeconds: seconds(a?.averageTalk),
      averageWrapUpSeconds: seconds(a?.averageWrapUp),
    };
    return {
      ...figures,
      callsPerDay: (figures.calls / days.length).toFixed(2),
      reachRate: percent(figures.reached, figures.attempts),
    };
  };
  const agentIds = [...new Set([...agentCalls, ...agentAttempts].map((row) => Number(row.agentId)))];
  const agents = agentIds.map((agentId) => {
    const c = agentCalls.find((row) => Number(row.agentId) === agentId);
    const a = agentAttempts.find((row) => Number(row.agentId) === agentId);
    return { agentId, agentName: c?.agentName ?? a?.agentName ?? '', ...totalsOf(c, a) };
  });

  return {
    from: query.from,
    to: query.to,
    agents: agents.sort((a, b) => a.agentName.localeCompare(b.agentName) || a.agentId - b.agentId),
    total: totalsOf(allCalls[0], allAttempts[0]),
    agentDays: [...agentDays.values()].sort(
      (a, b) => a.date.localeCompare(b.date) || a.agentName.localeCompare(b.agentName) || a.agentId - b.agentId,
    ),
    lists: lists
      .map((list) => {
        const reached = Number(list.reached ?? 0);
        const reachedEntries = Number(list.reachedEntries ?? 0);
        const converted = Number(conversions.find((c) => c.listId === list.listId)?.converted ?? 0);
        return {
          listId: list.listId,
          name: list.name,
          purpose: list.purpose as CallListPurpose,
          attempts: Number(list.attempts),
          reached,
          reachRate: percent(reached, Number(list.attempts)),
          averageTalkSeconds: seconds(list.averageTalk),
          averageWrapUpSeconds: seconds(list.averageWrapUp),
          outcomes: Object.fromEntries(
            outcomes.filter((o) => o.listId === list.listId).map((o) => [String(o.outcome), Number(o.n)]),
          ),
          reachedEntries,
          converted,
          conversionRate: percent(converted, reachedEntries),
        };
      })
      .sort((a, b) => b.listId - a.listId),
    inbound: {
      calls: Number(inbound.calls),
      answered: Number(inbound.answered),
      answerRate: percent(Number(inbound.answered), Number(inbound.calls)),
      averageWaitSeconds: seconds(inbound.averageWait),
      longestWaitSeconds: seconds(inbound.longestWait),
    },
  };
}
