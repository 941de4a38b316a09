import { fromMinorUnits, type Home } from '@relate/common';
import { dayEnd, nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { readJson } from '../../db/json.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { upcomingAnniversaries } from '../contacts/index.ts';
import { currentMonth, performance } from '../performance/index.ts';
import { getSettings } from '../settings/index.ts';
import { listTasks } from '../tasks/index.ts';
import { nameAuditRows } from '../timeline/index.ts';
import * as repo from './home.repository.ts';

/** Whose recent work the home page shows: the caller's own, or that of everyone in their customer scope. */
function activityAuthors(actor: Actor, view: 'me' | 'team', teamScope: Scope): repo.ActivityAuthors {
  if (view === 'me' || teamScope.kind === 'own') return { userId: actor.userId };
  if (teamScope.kind === 'departments') return { departmentIds: teamScope.departmentIds };
  return {};
}

/**
 * The work of the day for the caller, or for their team (`view=team`, within their data scope):
 * tasks and follow-ups due, anniversaries, what the team did lately, this month's target
 * progress and the opportunity funnel.
 */
export async function home(ctx: AppContext, actor: Actor, view: 'me' | 'team'): Promise<Home> {
  const settings = await getSettings(ctx.db);
  const endOfToday = dayEnd(todayIn(settings.timezone), settings.timezone);
  const now = nowIso();
  const own: Scope = { kind: 'own', userId: actor.userId };
  const scopeOf = async (module: 'customers' | 'opportunities') =>
    view === 'me' ? own : scopeFor(ctx.db, actor, module);

  const tasks = await listTasks(ctx, actor, {
    page: 1,
    pageSize: 20,
    status: ['open'],
    dueTo: endOfToday,
    sort: 'dueAt:asc',
    ...(view === 'me' ? { assigneeId: [actor.userId] } : {}),
  });
  const followupsDue = await repo.listFollowupsDue(ctx.db, await scopeOf('customers'), endOfToday);
  const anniversaries = (await upcomingAnniversaries(ctx, actor, 7)).slice(0, 10);

  const teamScope = await scopeFor(ctx.db, actor, 'customers');
  const recent = await repo.listRecentActivity(ctx.db, activityAuthors(actor, view, teamScope));
  const activity = await nameAuditRows(
    ctx.db,
    actor,
    recent.map((row) => ({ ...row, changes: readJson(row.changes, null), detail: readJson(row.detail, null) })),
  );

  const period = currentMonth(settings.timezone);
  const results = await performance(ctx, actor, { period, sort: 'amountWon' });
  const mine = view === 'me' ? results.rows.filter((r) => r.userId === actor.userId) : results.rows;
  const sumTargets = (metric: 'amountWon' | 'newCustomers' | 'followups') => {
    const values = mine.map((r) => r.targets[metric]).filter((v): v is string => v !== null);
    if (!values.length) return null;
    return metric === 'amountWon'
      ? fromMinorUnits(values.reduce((s, v) => s + Math.round(Number(v) * 100), 0))
      : String(values.reduce((s, v) => s + Number(v), 0));
  };

  const funnelRows = await repo.openFunnelByStage(ctx.db, await scopeOf('opportunities'));
  const approvals = await repo.listApprovalsAwaiting(ctx.db, actor.userId);

  return {
    view,
    approvals,
    tasks: tasks.items.map((task) => ({ ...task, overdue: task.dueAt < now })),
    followupsDue: followupsDue.map((c) => ({
      customerId: c.id,
      customerName: c.name,
      nextFollowupAt: c.nextFollowupAt!,
      overdue: c.nextFollowupAt! < now,
      ownerName: c.ownerName,
    })),
    anniversaries: anniversaries.map((a) => ({
      contactName: a.contactName,
      customerId: a.customerId,
      customerName: a.customerName,
      type: a.type,
      nextDate: a.nextDate,
      daysLeft: a.daysLeft,
    })),
    activity,
    progress: {
      period,
      amountWon: fromMinorUnits(mine.reduce((s, r) => s + Math.round(Number(r.amountWon) * 100), 0)),
      amountTarget: sumTargets('amountWon'),
      newCustomers: mine.reduce((s, r) => s + r.newCustomers, 0),
      newCustomersTarget: sumTargets('newCustomers'),
      followups: mine.reduce((s, r) => s + r.followups, 0),
      followupsTarget: sumTargets('followups'),
    },
    funnel: funnelRows.map((r) => ({
      stageCode: r.code,
      probability: r.probability,
      count: Number(r.count),
      amount: fromMinorUnits(Number(r.amount)),
    })),
  };
}
