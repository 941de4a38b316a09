import {
  fromMinorUnits,
  toMinorUnits,
  type Home,
  type HomeSectionCode,
  openTicketStatuses,
  type Ticket,
  visibleHomeSections,
} from '@relate/common';
import dayjs from 'dayjs';
import { dayEnd, dayStart, nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { readJson } from '../../db/json.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { upcomingAnniversaries } from '../contacts/index.ts';
import { dashboardsSeenBy } from '../dashboards/index.ts';
import { forecast } from '../opportunities/index.ts';
import { listReceipts, receivableScope } from '../payments/index.ts';
import { currentMonth, listTargets, performance } from '../performance/index.ts';
import { homeSectionsOfRoles } from '../roles/index.ts';
import { getSettings } from '../settings/index.ts';
import { listTasks } from '../tasks/index.ts';
import { listTickets, ticketSlaRisk } from '../tickets/index.ts';
import { nameAuditRows } from '../timeline/index.ts';
import * as repo from './home.repository.ts';

/** How many records a short list on the home page shows; its total counts them all. */
const shortList = 10;
/** A ticket due within this many minutes is near its SLA. */
const slaWarningMinutes = 120;

type Settings = Awaited<ReturnType<typeof getSettings>>;
type Day = { settings: Settings; today: string; startOfToday: string; endOfToday: string; now: string };

/** Whose recent work to show: the caller's own, or that of everyone in their customer scope. */
function activityAuthors(actor: Actor, view: 'me' | 'team', teamScope: Scope): repo.ActivityAuthors {
  if (view === 'me' || teamScope.kind === 'own') return { userId: actor.userId };
  if (teamScope.kind === 'departments') return { departmentIds: teamScope.departmentIds };
  return {};
}

/**
 * The sections the caller sees: those of each of their roles that their permissions allow; and the
 * dashboards chosen for their roles, each once, that they see.
 */
export async function homeLayout(
  ctx: AppContext,
  actor: Actor,
): Promise<{ sections: HomeSectionCode[]; dashboards: Home['dashboards'] }> {
  const roles = await homeSectionsOfRoles(ctx.db, actor.roleIds);
  return {
    sections: visibleHomeSections(roles, actor.permissions),
    dashboards: await dashboardsSeenBy(
      ctx,
      actor,
      roles.flatMap((role) => (role.homeDashboardId === null ? [] : [role.homeDashboardId])),
    ),
  };
}

async function activity(ctx: AppContext, actor: Actor, view: 'me' | 'team') {
  const teamScope = await scopeFor(ctx.db, actor, 'customers');
  const recent = await repo.listRecentActivity(ctx.db, activityAuthors(actor, view, teamScope));
  return nameAuditRows(
    ctx.db,
    actor,
    recent.map((row) => ({ ...row, changes: readJson(row.changes, null), detail: readJson(row.detail, null) })),
  );
}

async function funnel(ctx: AppContext, scope: Scope) {
  const rows = await repo.openFunnelByStage(ctx.db, scope);
  return rows.map((r) => ({
    stageCode: r.code,
    probability: r.probability,
    count: Number(r.count),
    amount: fromMinorUnits(Number(r.amount)),
  }));
}

async function targetProgress(ctx: AppContext, actor: Actor, view: 'me' | 'team', settings: Settings) {
  const period = currentMonth(settings.timezone);
  const results = await performance(ctx, actor, { period, sort: 'amountWon' });
  const mine = view === 'me' ? results.rows.filter((r) => r.userId === actor.userId) : results.rows;
  const sumTargets = (metric: 'amountWon' | 'newCustomers' | 'followups') => {
    const values = mine.map((r) => r.targets[metric]).filter((v): v is string => v !== null);
    if (!values.length) return null;
    return metric === 'amountWon'
      ? fromMinorUnits(values.reduce((s, v) => s + toMinorUnits(v), 0))
      : String(values.reduce((s, v) => s + Number(v), 0));
  };
  return {
    period,
    amountWon: fromMinorUnits(mine.reduce((s, r) => s + toMinorUnits(r.amountWon), 0)),
    amountTarget: sumTargets('amountWon'),
    newCustomers: mine.reduce((s, r) => s + r.newCustomers, 0),
    newCustomersTarget: sumTargets('newCustomers'),
    followups: mine.reduce((s, r) => s + r.followups, 0),
    followupsTarget: sumTargets('followups'),
  };
}

/**
 * This month and quarter in the caller's opportunity scope: won, open weighted by probability, and the
 * amount targets of the people in scope (a quarter without targets of its own sums its months').
 */
async function forecastVsTarget(ctx: AppContext, actor: Actor, settings: Settings): Promise<Home['forecast']> {
  const month = currentMonth(settings.timezone);
  const year = Number(month.slice(0, 4));
  const quarterNumber = Math.ceil(Number(month.slice(5, 7)) / 3);
  const quarter = `${year}-Q${quarterNumber}`;
  const monthsOfQuarter = [0, 1, 2].map((i) =>
    dayjs(`${year}-01-01`)
      .add((quarterNumber - 1) * 3 + i, 'month')
      .format('YYYY-MM'),
  );
  const [months, quarters, targets] = await Promise.all([
    forecast(ctx, actor, { year, period: 'month' }),
    forecast(ctx, actor, { year, period: 'quarter' }),
    listTargets(ctx, actor, { year, scopeType: 'user' }),
  ]);
  const amountTargets = targets.filter((t) => t.metric === 'amountWon');
  const targetOf = (periods: string[]) => {
    const values = amountTargets.filter((t) => periods.includes(t.period));
    return values.length ? fromMinorUnits(values.reduce((s, t) => s + toMinorUnits(t.value), 0)) : null;
  };
  const row = (rows: typeof months.rows, period: string, kind: 'month' | 'quarter', target: string | null) => {
    const figures = rows.find((r) => r.period === period);
    const won = figures?.committed ?? '0.00';
    const weighted = figures?.weighted ?? '0.00';
    const expected = fromMinorUnits(toMinorUnits(won) + toMinorUnits(weighted));
    return { period, kind, won, weighted, expected, target };
  };
  return {
    currency: months.currency,
    periods: [
      row(months.rows, month, 'month', targetOf([month])),
      row(quarters.rows, quarter, 'quarter', targetOf([quarter]) ?? targetOf(monthsOfQuarter)),
    ],
  };
}

type HomeTicket = NonNullable<Home['myQueue']>['items'][number];

function toHomeTicket(ticket: Ticket, now: string, soon: string): HomeTicket {
  const dues = [ticket.resolutionDue, ticket.firstRespondedAt ? null : ticket.firstResponseDue].filter(
    (d): d is string => d !== null,
  );
  const open = (openTicketStatuses as readonly string[]).includes(ticket.status);
  const breached = Boolean(ticket.firstResponseBreached || ticket.resolutionBreached) || dues.some((d) => d < now);
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    priority: ticket.priority,
    status: ticket.status,
    customerId: ticket.customerId,
    customerName: ticket.customerName,
    assigneeName: ticket.assigneeName,
    resolutionDue: ticket.resolutionDue,
    sla: !open ? null : breached ? 'breached' : dues.some((d) => d <= soon) ? 'near' : null,
  };
}

/**
 * Open tickets in scope past their SLA (marked breached, or a deadline gone by), counted by the database
 * with those near it (due within two hours), and the first of them: the breached ones, then the unmarked
 * ones soonest due that are late or near.
 */
async function slaRisk(ctx: AppContext, actor: Actor, now: string, soon: string): Promise<Home['slaRisk']> {
  const query = { page: 1, pageSize: shortList, status: ['open' as const], sort: 'resolutionDue:asc' };
  const [counts, breached, unmarked] = await Promise.all([
    ticketSlaRisk(ctx, actor, now, soon),
    listTickets(ctx, actor, { ...query, breached: true }),
    listTickets(ctx, actor, { ...query, breached: false, pageSize: 50 }),
  ]);
  const due = unmarked.items.map((t) => toHomeTicket(t, now, soon)).filter((t) => t.sla !== null);
  return {
    total: counts.past,
    near: counts.near,
    items: [...breached.items.map((t) => ({ ...toHomeTicket(t, now, soon), sla: 'breached' as const })), ...due].slice(
      0,
      shortList,
    ),
  };
}

async function overdueReceivables(ctx: AppContext, actor: Actor, day: Day): Promise<Home['overdueReceivables']> {
  const { sums, rows } = await repo.overdueInstalments(ctx.db, await receivableScope(ctx, actor), day.today, shortList);
  return {
    total: sums.reduce((n, s) => n + Number(s.count), 0),
    amounts: sums.map((s) => ({ currency: s.currency, amount: fromMinorUnits(Number(s.outstanding)) })),
    items: rows.map((r) => ({
      id: r.id,
      orderId: r.orderId,
      orderNumber: r.orderNumber,
      customerId: r.customerId,
      customerName: r.customerName,
      dueDate: r.dueDate,
      outstanding: fromMinorUnits(Number(r.amount) - Number(r.received)),
      currency: r.currency,
      daysOverdue: dayjs(day.today).diff(dayjs(r.dueDate), 'day'),
    })),
  };
}

async function invoicesToIssue(ctx: AppContext, actor: Actor): Promise<Home['invoicesToIssue']> {
  const { total, rows } = await repo.ordersToInvoice(ctx.db, await receivableScope(ctx, actor), shortList);
  return {
    total,
    items: rows.map((r) => ({
      orderId: r.id,
      orderNumber: r.number,
      customerId: r.customerId,
      customerName: r.customerName,
      currency: r.currency,
      total: fromMinorUnits(Number(r.total)),
      invoiced: fromMinorUnits(Number(r.invoiced)),
      left: fromMinorUnits(Number(r.total) - Number(r.invoiced)),
    })),
  };
}

/**
 * The caller's home page: the sections of their roles (`sections`) and the data of those only. The
 * sections of the day's own work — tasks, follow-ups, target progress, pipeline, activity — show the
 * team's instead with `view=team`; each list is scoped as its own list is.
 */
export async function home(ctx: AppContext, actor: Actor, view: 'me' | 'team'): Promise<Home> {
  const { sections, dashboards } = await homeLayout(ctx, actor);
  const shown = new Set<HomeSectionCode>(sections);
  const settings = await getSettings(ctx.db);
  const today = todayIn(settings.timezone);
  const day: Day = {
    settings,
    today,
    startOfToday: dayStart(today, settings.timezone),
    endOfToday: dayEnd(today, settings.timezone),
    now: nowIso(),
  };
  const { now } = day;
  const soon = new Date(Date.now() + slaWarningMinutes * 60_000).toISOString();
  const own: Scope = { kind: 'own', userId: actor.userId };
  const scopeOf = async (module: 'customers' | 'opportunities') =>
    view === 'me' ? own : scopeFor(ctx.db, actor, module);
  const workOrderScope = () => scopeFor(ctx.db, actor, 'workOrders');
  const ticketList = async (query: Omit<Parameters<typeof listTickets>[2], 'page' | 'pageSize'>) => {
    const page = await listTickets(ctx, actor, { page: 1, pageSize: shortList, ...query });
    return { total: page.total, items: page.items.map((t) => toHomeTicket(t, now, soon)) };
  };
  const when = <T>(code: HomeSectionCode, compute: () => Promise<T>): Promise<T | undefined> =>
    shown.has(code) ? compute() : Promise.resolve(undefined);

  const tasks = await when('tasks', () =>
    listTasks(ctx, actor, {
      page: 1,
      pageSize: 20,
      status: ['open'],
      dueTo: day.endOfToday,
      sort: 'dueAt:asc',
      ...(view === 'me' ? { assigneeId: [actor.userId] } : {}),
    }),
  );
  const followupsDue = await when('followupsDue', async () =>
    repo.listFollowupsDue(ctx.db, await scopeOf('customers'), day.endOfToday),
  );
  const anniversaries = await when('anniversaries', async () =>
    (await upcomingAnniversaries(ctx, actor, 7)).slice(0, 10),
  );
  const receipts = await when('receiptsToConfirm', () =>
    listReceipts(ctx, actor, { status: 'unconfirmed', page: 1, pageSize: shortList }),
  );

  return {
    view,
    sections,
    dashboards,
    approvals: (await when('approvals', () => repo.listApprovalsAwaiting(ctx.db, actor.userId))) ?? [],
    tasks: (tasks?.items ?? []).map((task) => ({ ...task, overdue: task.dueAt < now })),
    followupsDue: (followupsDue ?? []).map((c) => ({
      customerId: c.id,
      customerName: c.name,
      nextFollowupAt: c.nextFollowupAt!,
      overdue: c.nextFollowupAt! < now,
      ownerName: c.ownerName,
    })),
    anniversaries: (anniversaries ?? []).map((a) => ({
      contactName: a.contactName,
      customerId: a.customerId,
      customerName: a.customerName,
      type: a.type,
      lunar: a.lunar,
      nextDate: a.nextDate,
      daysLeft: a.daysLeft,
    })),
    activity: (await when('activity', () => activity(ctx, actor, view))) ?? [],
    progress: (await when('targetProgress', () => targetProgress(ctx, actor, view, settings))) ?? null,
    funnel: (await when('myPipeline', async () => funnel(ctx, await scopeOf('opportunities')))) ?? [],
    teamPipeline: await when('teamPipeline', async () => funnel(ctx, await scopeFor(ctx.db, actor, 'opportunities'))),
    forecast: await when('forecast', () => forecastVsTarget(ctx, actor, settings)),
    teamActivity: await when('teamActivity', () => activity(ctx, actor, 'team')),
    myQueue: await when('myQueue', () => ticketList({ queue: 'me', status: ['open'] })),
    slaRisk: await when('slaRisk', () => slaRisk(ctx, actor, now, soon)),
    callbacksDue: await when('callbacksDue', () => ticketList({ status: ['callback'], sort: 'updatedAt:asc' })),
    myWorkOrders: await when('myWorkOrders', async () =>
      repo.openWorkOrdersOf(ctx.db, await workOrderScope(), actor.userId, shortList),
    ),
    todayVisits: await when('todayVisits', async () =>
      repo.visitsBetween(ctx.db, await workOrderScope(), actor.userId, day.startOfToday, day.endOfToday, shortList),
    ),
    receiptsToConfirm: receipts && {
      total: receipts.total,
      items: receipts.items.map((r) => ({
        id: r.id,
        number: r.number,
        customerId: r.customerId,
        customerName: r.customerName,
        receivedOn: r.receivedOn,
        amount: r.amount,
        currency: r.currency,
        ownerName: r.ownerName,
      })),
    },
    overdueReceivables: await when('overdueReceivables', () => overdueReceivables(ctx, actor, day)),
    invoicesToIssue: await when('invoicesToIssue', () => invoicesToIssue(ctx, actor)),
  };
}
