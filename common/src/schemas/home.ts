import { z } from 'zod';
import { LunarDate } from './calendar.ts';
import type { BuiltInRoleCode, Permission } from '../permissions.ts';
import { NamedAuditLog } from './audit.ts';
import { Dashboard } from './dashboards.ts';
import { Receipt } from './payments.ts';
import { Task } from './tasks.ts';

/** The sections a home page can show, in the order they are laid out. */
export const homeSectionCodes = [
  'approvals',
  'tasks',
  'followupsDue',
  'myQueue',
  'slaRisk',
  'callbacksDue',
  'todayVisits',
  'myWorkOrders',
  'receiptsToConfirm',
  'overdueReceivables',
  'invoicesToIssue',
  'forecast',
  'targetProgress',
  'myPipeline',
  'teamPipeline',
  'anniversaries',
  'activity',
  'teamActivity',
] as const;
export type HomeSectionCode = (typeof homeSectionCodes)[number];
export const HomeSectionCode = z.enum(homeSectionCodes);

/** What a user must hold, every permission of it, to see a section. */
export const homeSectionPermissions: Record<HomeSectionCode, readonly Permission[]> = {
  approvals: [],
  tasks: ['tasks.view'],
  followupsDue: ['customers.view'],
  myQueue: ['tickets.view'],
  slaRisk: ['tickets.view'],
  callbacksDue: ['tickets.edit'],
  todayVisits: ['workOrders.work'],
  myWorkOrders: ['workOrders.view'],
  receiptsToConfirm: ['receipts.confirm'],
  overdueReceivables: ['receipts.view'],
  invoicesToIssue: ['invoices.create'],
  forecast: ['opportunities.view', 'performance.view'],
  targetProgress: ['performance.view'],
  myPipeline: ['opportunities.view'],
  teamPipeline: ['opportunities.view'],
  anniversaries: ['contacts.view'],
  activity: [],
  teamActivity: ['customers.view'],
};

/** The sections of the built-in roles, unless an administrator chose others. */
export const builtInHomeSections: Record<BuiltInRoleCode, readonly HomeSectionCode[]> = {
  admin: ['approvals', 'slaRisk', 'overdueReceivables', 'forecast', 'teamPipeline', 'teamActivity'],
  sales_manager: ['approvals', 'tasks', 'followupsDue', 'forecast', 'teamPipeline', 'teamActivity'],
  sales_rep: ['tasks', 'followupsDue', 'targetProgress', 'myPipeline', 'anniversaries', 'activity'],
  service_agent: ['myQueue', 'slaRisk', 'callbacksDue', 'myWorkOrders'],
  readonly: ['forecast', 'teamPipeline', 'teamActivity'],
  finance: ['approvals', 'invoicesToIssue', 'receiptsToConfirm', 'overdueReceivables'],
  marketing: ['tasks', 'anniversaries', 'activity', 'teamActivity'],
};

/**
 * The sections a role shows when no administrator chose them: those of a built-in role, else what its
 * permissions say it does (sells, leads a team, serves, visits customers, keeps the books).
 */
export function defaultHomeSections(role: { code: string | null; permissions: readonly string[] }): HomeSectionCode[] {
  if (role.code && role.code in builtInHomeSections) return [...builtInHomeSections[role.code as BuiltInRoleCode]];
  const has = (p: Permission) => role.permissions.includes(p);
  const sections = new Set<HomeSectionCode>();
  const add = (...codes: HomeSectionCode[]) => codes.forEach((c) => sections.add(c));
  if (has('customers.assign') || has('opportunities.assign'))
    add('approvals', 'tasks', 'forecast', 'teamPipeline', 'teamActivity');
  else if (has('opportunities.create'))
    add('tasks', 'followupsDue', 'targetProgress', 'myPipeline', 'anniversaries', 'activity');
  if (has('tickets.edit')) add('myQueue', 'slaRisk', 'callbacksDue');
  if (has('workOrders.dispatch')) add('myWorkOrders');
  if (has('workOrders.work')) add('todayVisits');
  if (has('receipts.confirm')) add('approvals', 'receiptsToConfirm', 'overdueReceivables');
  if (has('invoices.create')) add('invoicesToIssue', 'overdueReceivables');
  if (!sections.size) add('tasks', 'activity');
  return homeSectionCodes.filter((c) => sections.has(c));
}

/** The sections a user sees: those of each of their roles, less any whose permissions the user lacks. */
export function visibleHomeSections(
  roles: ReadonlyArray<{ code: string | null; permissions: readonly string[]; homeSections: readonly string[] | null }>,
  permissions: ReadonlySet<string>,
): HomeSectionCode[] {
  const chosen = new Set(roles.flatMap((r) => r.homeSections ?? defaultHomeSections(r)));
  return homeSectionCodes.filter((c) => chosen.has(c) && homeSectionPermissions[c].every((p) => permissions.has(p)));
}

export const HomeQuery = z.object({ view: z.enum(['me', 'team']).default('me') });

const FunnelStage = z.object({
  stageCode: z.string(),
  probability: z.number(),
  count: z.number(),
  amount: z.string(),
});
/** A short list: the first few records and how many there are in all. */
const Short = <T extends z.ZodType>(item: T) => z.object({ total: z.number(), items: z.array(item) });
const HomeTicket = z.object({
  id: z.number(),
  number: z.string(),
  subject: z.string(),
  priority: z.string(),
  status: z.string(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  resolutionDue: z.string().nullable(),
  /** Past its SLA (a deadline passed or marked breached), or near it (due within two hours). */
  sla: z.enum(['breached', 'near']).nullable(),
});
const HomeWorkOrder = z.object({
  id: z.number(),
  number: z.string(),
  ticketId: z.number(),
  ticketSubject: z.string(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  address: z.string().nullable(),
  appointmentStart: z.string(),
  appointmentEnd: z.string(),
  status: z.string(),
  technicianName: z.string().nullable(),
});
const MoneyByCurrency = z.array(z.object({ currency: z.string(), amount: z.string() }));

export const Home = z.object({
  view: z.enum(['me', 'team']),
  /** The sections to lay out, in order: those of the caller's roles that their permissions allow. */
  sections: z.array(HomeSectionCode),
  /**
   * The dashboards chosen for the caller's roles, each once, that the caller sees (one no longer shared
   * with them is left out); each widget runs in the caller's own scope.
   */
  dashboards: z.array(Dashboard),
  /** The fields below hold data only for the sections shown (empty, or null, otherwise). */
  tasks: z.array(Task.extend({ overdue: z.boolean() })),
  followupsDue: z.array(
    z.object({
      customerId: z.number(),
      customerName: z.string(),
      nextFollowupAt: z.string(),
      overdue: z.boolean(),
      ownerName: z.string().nullable(),
    }),
  ),
  anniversaries: z.array(
    z.object({
      contactName: z.string(),
      customerId: z.number(),
      customerName: z.string(),
      type: z.string(),
      /** For a lunar anniversary, its lunar date. */
      lunar: LunarDate.nullable(),
      nextDate: z.string(),
      daysLeft: z.number(),
    }),
  ),
  /** Approval requests waiting for the caller's decision. */
  approvals: z.array(
    z.object({ id: z.number(), title: z.string(), submittedAt: z.string(), submittedByName: z.string() }),
  ),
  /** What the caller (or, `view=team`, their team) did lately, newest first, each entry naming its record. */
  activity: z.array(NamedAuditLog),
  progress: z
    .object({
      period: z.string(),
      amountWon: z.string(),
      amountTarget: z.string().nullable(),
      newCustomers: z.number(),
      newCustomersTarget: z.string().nullable(),
      followups: z.number(),
      followupsTarget: z.string().nullable(),
    })
    .nullable(),
  /** The caller's open opportunities per stage (`view=team`: the team's). */
  funnel: z.array(FunnelStage),
  /** Open opportunities in the caller's data scope per stage. */
  teamPipeline: z.array(FunnelStage).optional(),
  /** This month and quarter in the caller's scope: won, open weighted by probability, and the targets, in `currency`. */
  forecast: z
    .object({
      currency: z.string(),
      periods: z.array(
        z.object({
          period: z.string(),
          kind: z.enum(['month', 'quarter']),
          won: z.string(),
          weighted: z.string(),
          /** Won plus weighted open. */
          expected: z.string(),
          target: z.string().nullable(),
        }),
      ),
    })
    .optional(),
  /** What the people in the caller's data scope did lately. */
  teamActivity: z.array(NamedAuditLog).optional(),
  /** Open tickets assigned to the caller. */
  myQueue: Short(HomeTicket).optional(),
  /** Open tickets in scope past their SLA (`total`), then those due within two hours. */
  slaRisk: Short(HomeTicket).extend({ near: z.number() }).optional(),
  /** Resolved tickets waiting for the customer to be called back. */
  callbacksDue: Short(HomeTicket).optional(),
  /** Open work orders of the caller's tickets or sent out by them. */
  myWorkOrders: Short(HomeWorkOrder).optional(),
  /** The caller's visits (work orders) appointed for today. */
  todayVisits: Short(HomeWorkOrder).optional(),
  receiptsToConfirm: Short(
    Receipt.pick({
      id: true,
      number: true,
      customerId: true,
      customerName: true,
      receivedOn: true,
      amount: true,
      currency: true,
      ownerName: true,
    }),
  ).optional(),
  /** Instalments past their due date with money outstanding, oldest first, and the sums per currency. */
  overdueReceivables: Short(
    z.object({
      id: z.number(),
      orderId: z.number(),
      orderNumber: z.string(),
      customerId: z.number(),
      customerName: z.string(),
      dueDate: z.string(),
      outstanding: z.string(),
      currency: z.string(),
      daysOverdue: z.number(),
    }),
  )
    .extend({ amounts: MoneyByCurrency })
    .optional(),
  /** Approved orders not yet invoiced in full, oldest first. */
  invoicesToIssue: Short(
    z.object({
      orderId: z.number(),
      orderNumber: z.string(),
      customerId: z.number(),
      customerName: z.string(),
      currency: z.string(),
      total: z.string(),
      invoiced: z.string(),
      left: z.string(),
    }),
  ).optional(),
});
export type Home = z.infer<typeof Home>;
