import type { Kysely, Selectable } from 'kysely';
import type { DB, SlaPolicyTable } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { emitEvent } from '../../platform/events.ts';
import { notify } from '../notifications/index.ts';
import { findDepartment } from './agents.repository.ts';
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from '../../platform/business-calendar.ts';
import { companyCalendar } from '../calendar/index.ts';
import * as repo from './sla.repository.ts';

type Policy = Selectable<SlaPolicyTable>;

/** The most specific active policy for a ticket's type, priority and customer level (ties: the older policy). */
export async function matchingPolicy(
  db: Kysely<DB>,
  ticket: { type: string; priority: string; customerLevel: string | null },
): Promise<Policy | null> {
  const policies = await repo.listActiveSlaPolicies(db);
  const fits = (wanted: string | null, actual: string | null) => wanted === null || wanted === actual;
  const specificity = (p: Policy) => [p.ticketType, p.priority, p.customerLevel].filter((v) => v !== null).length;
  return (
    policies
      .filter(
        (p) =>
          fits(p.ticketType, ticket.type) &&
          fits(p.priority, ticket.priority) &&
          fits(p.customerLevel, ticket.customerLevel),
      )
      .sort((a, b) => specificity(b) - specificity(a) || a.id - b.id)[0] ?? null
  );
}

export function deadlines(
  from: Date,
  policy: Policy | null,
  calendar: BusinessCalendar,
): { slaPolicyId: number | null; firstResponseDue: string | null; resolutionDue: string | null } {
  if (!policy) return { slaPolicyId: null, firstResponseDue: null, resolutionDue: null };
  return {
    slaPolicyId: policy.id,
    firstResponseDue: addBusinessMinutes(from, policy.firstResponseMinutes, calendar).toISOString(),
    resolutionDue: addBusinessMinutes(from, policy.resolutionMinutes, calendar).toISOString(),
  };
}

/** Deadlines moved on by the working time that passed while the clock was stopped (waiting for the customer). */
export function resumedDeadlines(
  ticket: {
    pausedAt: string | null;
    firstResponseDue: string | null;
    resolutionDue: string | null;
    firstRespondedAt: string | null;
  },
  now: Date,
  calendar: BusinessCalendar,
) {
  if (!ticket.pausedAt) return {};
  const paused = businessMinutesBetween(new Date(ticket.pausedAt), now, calendar);
  const shift = (due: string | null) =>
    due ? addBusinessMinutes(new Date(due), paused, calendar).toISOString() : null;
  return {
    firstResponseDue: ticket.firstRespondedAt ? ticket.firstResponseDue : shift(ticket.firstResponseDue),
    resolutionDue: shift(ticket.resolutionDue),
    pausedAt: null,
  };
}

/** Met (0) or breached (1), judged when the response or resolution happens. */
export const breachedAt = (due: string | null, at: string) => (due === null ? null : at > due ? 1 : 0);

/** Who hears of an escalation: the assignee, then the team lead, then the lead above (the next manager up). */
async function escalationTargets(
  db: Kysely<DB>,
  ticket: { ownerId: number | null; teamId: number | null },
  level: number,
): Promise<number[]> {
  if (level === 1) return ticket.ownerId ? [ticket.ownerId] : await managersAbove(db, ticket.teamId, 1);
  return managersAbove(db, ticket.teamId, level - 1);
}

/** The manager `steps` levels up from the team (1: the team's own manager), skipping departments without one. */
async function managersAbove(db: Kysely<DB>, teamId: number | null, steps: number): Promise<number[]> {
  let departmentId = teamId;
  let found = 0;
  while (departmentId !== null) {
    const department = await findDepartment(db, departmentId);
    if (!department) break;
    if (department.managerId && ++found === steps) return [department.managerId];
    departmentId = department.parentId;
  }
  return [];
}

const day = 86_400_000;

/**
 * The SLA sweep: flags each deadline that passed and escalates one level per step — a first breach
 * tells the assignee, a missed resolution the team lead, a resolution a day overdue the manager above.
 * Every step is a conditional update, so with several server instances each fires exactly once.
 */
export async function slaSweep(ctx: AppContext, now = new Date()): Promise<number> {
  const at = now.toISOString();
  let escalations = 0;
  const steps: Array<{ field: 'firstResponse' | 'resolution'; find: () => Promise<Array<{ id: number }>> }> = [
    { field: 'firstResponse', find: () => repo.ticketsPastFirstResponseDue(ctx.db, at) },
    { field: 'resolution', find: () => repo.ticketsPastResolutionDue(ctx.db, at) },
  ];
  for (const step of steps) {
    for (let batch = await step.find(); batch.length; batch = await step.find()) {
      escalations += await inTransaction(ctx, async (ctx) => {
        const column = step.field === 'firstResponse' ? 'firstResponseBreached' : 'resolutionBreached';
        // Only the tickets this instance flagged itself are escalated by it.
        const flagged = await repo.flagBreached(
          ctx.db,
          batch.map((t) => t.id),
          column,
        );
        // A missed resolution is at least the second level, whether or not the response was late.
        const level = step.field === 'firstResponse' ? 1 : 2;
        let raised = 0;
        for (const { id } of flagged) if (await escalate(ctx.db, id, level, step.field)) raised++;
        return raised;
      });
    }
  }
  const longOverdue = new Date(now.getTime() - day).toISOString();
  const late = await repo.ticketsLongOverdue(ctx.db, longOverdue);
  for (const { id } of late) {
    if (await inTransaction(ctx, (ctx) => escalate(ctx.db, id, 3, 'resolution'))) escalations++;
  }
  return escalations;
}

/** Raises a ticket to an escalation level once (no-op when it is already there) and tells who should act. */
async function escalate(
  trx: Kysely<DB>,
  id: number,
  level: number,
  missed: 'firstResponse' | 'resolution',
): Promise<boolean> {
  if (!(await repo.raiseEscalationLevel(trx, id, level, nowIso()))) return false;
  const ticket = await repo.getEscalatedTicket(trx, id);
  const targets = await escalationTargets(trx, ticket, level);
  await notify(
    trx,
    targets.map((userId) => ({
      userId,
      kind: 'slaBreached' as const,
      entity: 'tickets',
      entityId: id,
      params: { number: ticket.number, subject: ticket.subject, missed, level },
    })),
  );
  await emitEvent(trx, { type: 'ticket.sla_breached', entity: 'tickets', id, detail: { missed, level } });
  return true;
}

/** The calendar SLA clocks run on: the company's working calendar. */
export const businessCalendar = companyCalendar;
