import { fromMinorUnits, type Home } from '@relate/common';
import { dayEnd, nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { readJson } from '../../db/json.ts';
import { type Scope, scopeFor, whereInScope } from '../../platform/scope.ts';
import { upcomingAnniversaries } from '../contacts/index.ts';
import { currentMonth, performance } from '../performance/index.ts';
import { getSettings } from '../settings/index.ts';
import { listTasks } from '../tasks/index.ts';

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
  const followupsDue = await whereInScope(ctx.db.selectFrom('customers'), 'customers', await scopeOf('customers'))
    .leftJoin('users', 'users.id', 'customers.ownerId')
    .select(['customers.id', 'customers.name', 'customers.nextFollowupAt', 'users.displayName as ownerName'])
    .where('customers.deletedAt', 'is', null)
    .where('customers.nextFollowupAt', '<=', endOfToday)
    .orderBy('customers.nextFollowupAt')
    .limit(20)
    .execute();
  const anniversaries = (await upcomingAnniversaries(ctx, actor, 7)).slice(0, 10);

  const teamScope = await scopeFor(ctx.db, actor, 'customers');
  let activity = ctx.db
    .selectFrom('auditLogs')
    .selectAll()
    .where('action', 'in', ['create', 'update', 'convert', 'stage_change', 'claim', 'assign']);
  if (view === 'me' || teamScope.kind === 'own') activity = activity.where('userId', '=', actor.userId);
  else if (teamScope.kind === 'departments')
    activity = activity.where(
      'userId',
      'in',
      ctx.db.selectFrom('users').select('id').where('departmentId', 'in', teamScope.departmentIds),
    );
  const recent = await activity.orderBy('id', 'desc').limit(20).execute();

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

  const funnelRows = await whereInScope(
    ctx.db.selectFrom('opportunities'),
    'opportunities',
    await scopeOf('opportunities'),
  )
    .innerJoin('pipelineStages as stage', 'stage.id', 'opportunities.stageId')
    .innerJoin('pipelines', 'pipelines.id', 'opportunities.pipelineId')
    .select((eb) => [
      'stage.code',
      'stage.probability',
      'stage.sortOrder',
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('opportunities.amount'), eb.val(0)).as('amount'),
    ])
    .where('opportunities.deletedAt', 'is', null)
    .where('opportunities.status', '=', 'open')
    .where('pipelines.isDefault', '=', 1)
    .groupBy(['stage.code', 'stage.probability', 'stage.sortOrder'])
    .orderBy('stage.sortOrder')
    .execute();

  const approvals = await ctx.db
    .selectFrom('approvalDecisions as d')
    .innerJoin('approvalRequests as r', (join) =>
      join.onRef('r.id', '=', 'd.requestId').onRef('r.currentStep', '=', 'd.step'),
    )
    .innerJoin('users as submitter', 'submitter.id', 'r.submittedBy')
    .select(['r.id', 'r.title', 'r.submittedAt', 'submitter.displayName as submittedByName'])
    .where('d.approverId', '=', actor.userId)
    .where('d.decision', '=', 'pending')
    .where('r.status', '=', 'pending')
    .orderBy('r.id')
    .limit(20)
    .execute();

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
    activity: recent.map((row) => ({
      ...row,
      changes: readJson(row.changes, null),
      detail: readJson(row.detail, null),
    })),
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
