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
  const [calls, attempts, lists, outcomes, conversions, inbound] = await Promise.all([
    repo.callsPerAgentDay(db, dialect, callScope, days),
    repo.attemptsPerAgentDay(db, dialect, listScope, days),
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

  return {
    from: query.from,
    to: query.to,
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
