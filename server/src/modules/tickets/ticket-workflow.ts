import {
  openTicketStatuses,
  type TicketAssign,
  type TicketCallback,
  type TicketDetail,
  type TicketMessageInput,
  type TicketStatus,
  type TicketTransition,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { updateInStatus } from '../../db/record-guards.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, type AuditActor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden } from '../../platform/errors.ts';
import { notify } from '../notifications/index.ts';
import { getSettings } from '../settings/index.ts';
import { findActiveUser, findDepartment, findUser } from './agents.repository.ts';
import { routeTicket } from './routing.ts';
import { breachedAt, businessCalendar, resumedDeadlines } from './sla.ts';
import * as repo from './tickets.repository.ts';
import { getTicket } from './tickets.service.ts';

const open = openTicketStatuses as readonly string[];

/** Changes a ticket only if it is still in the status it was read in; a concurrent change makes this a conflict. */
async function guardedUpdate(trx: Kysely<DB>, id: number, from: TicketStatus, values: Record<string, unknown>) {
  if (!(await updateInStatus(trx, 'tickets', id, from, { ...values, updatedAt: nowIso() })))
    throw new AppError('CONFLICT', 'ticketChanged');
}

async function addThreadEntry(
  trx: Kysely<DB>,
  ticketId: number,
  kind: 'note' | 'reply' | 'customer',
  body: string,
  authorId: number | null,
  portalAccountId: number | null = null,
) {
  await repo.insertTicketMessage(trx, { ticketId, kind, body, authorId, portalAccountId, createdAt: nowIso() });
}

/**
 * Adds to the conversation: an internal note, or a reply to the customer. The first reply is the
 * first response the SLA measures, and a reply puts a new or assigned ticket to work.
 */
export async function addMessage(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof TicketMessageInput>,
): Promise<TicketDetail> {
  const ticket = await getTicket(ctx, actor, id);
  if (ticket.status === 'closed') throw new AppError('CONFLICT', 'ticketClosed');
  await inTransaction(ctx, async (ctx) => {
    await addThreadEntry(ctx.db, id, input.kind, input.body, actor.userId);
    const at = nowIso();
    const values: Record<string, unknown> = { updatedBy: actor.userId, updatedAt: at };
    if (input.kind === 'reply' && !ticket.firstRespondedAt)
      Object.assign(values, {
        firstRespondedAt: at,
        firstResponseBreached: ticket.firstResponseBreached ? 1 : breachedAt(ticket.firstResponseDue, at),
      });
    if (input.kind === 'reply' && ['new', 'assigned', 'reopened'].includes(ticket.status)) {
      Object.assign(values, {
        status: 'in_progress',
        ...(ticket.assigneeId ? {} : { ownerId: actor.userId, departmentId: ticket.teamId ?? actor.departmentId }),
      });
    }
    await repo.updateTicket(ctx.db, id, values);
    await writeAudit(ctx.db, actor, {
      action: input.kind === 'reply' ? 'reply' : 'note',
      entity: 'tickets',
      entityId: id,
      detail: { length: input.body.length },
    });
  });
  return getTicket(ctx, actor, id);
}

const allowed: Record<z.output<typeof TicketTransition>['action'], TicketStatus[]> = {
  start: ['new', 'assigned', 'reopened'],
  wait: ['new', 'assigned', 'in_progress', 'reopened'],
  resume: ['waiting'],
  resolve: ['new', 'assigned', 'in_progress', 'waiting', 'reopened'],
  close: ['resolved', 'callback'],
  reopen: ['resolved', 'callback', 'closed'],
};

/** What each action moves a ticket to ("resolve" may stop at "callback" when callbacks are on). */
const target: Record<z.output<typeof TicketTransition>['action'], TicketStatus> = {
  start: 'in_progress',
  wait: 'waiting',
  resume: 'in_progress',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
};

/** The action that moves a ticket in status `from` to `to`, if the single ticket's rules allow one. */
export function ticketActionTo(from: TicketStatus, to: TicketStatus) {
  return (Object.keys(allowed) as Array<keyof typeof allowed>).find(
    (action) => target[action] === to && allowed[action].includes(from),
  );
}

/**
 * Moves a ticket along: start work, wait for the customer (the SLA clock stops) and resume (the
 * deadlines move on by the working time spent waiting), resolve (with a resolution), close, reopen.
 */
export async function transitionTicket(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof TicketTransition>,
): Promise<TicketDetail> {
  const ticket = await getTicket(ctx, actor, id);
  if (!allowed[input.action].includes(ticket.status))
    throw new AppError('CONFLICT', 'ticketStatusChange', undefined, { from: ticket.status, action: input.action });
  const at = nowIso();
  const now = new Date(at);
  const calendar = await businessCalendar(ctx.db);
  const claim = ticket.assigneeId ? {} : { ownerId: actor.userId, departmentId: ticket.teamId ?? actor.departmentId };
  let values: Record<string, unknown>;
  switch (input.action) {
    case 'start':
      values = { status: 'in_progress', ...claim };
      break;
    case 'wait':
      values = { status: 'waiting', pausedAt: at };
      break;
    case 'resume':
      values = { status: 'in_progress', ...resumedDeadlines(ticket, now, calendar) };
      break;
    case 'resolve': {
      const resolution = input.resolution ?? ticket.resolution;
      if (!resolution) throw fieldError('resolution', 'required');
      // With callbacks on, a resolved ticket waits for the customer to be called back before it closes.
      values = {
        status: (await getSettings(ctx.db)).ticketCallbacks ? 'callback' : 'resolved',
        resolution,
        rootCause: input.rootCause ?? ticket.rootCause,
        resolvedAt: at,
        resolutionBreached: ticket.resolutionBreached ? 1 : breachedAt(ticket.resolutionDue, at),
        ...resumedDeadlines(ticket, now, calendar),
        ...claim,
      };
      break;
    }
    case 'close':
      values = { status: 'closed', closedAt: at };
      break;
    case 'reopen':
      // Back to work against the same deadlines; the sweep judges the resolution again.
      values = { status: 'reopened', resolvedAt: null, closedAt: null, resolutionBreached: null };
      break;
  }
  await inTransaction(ctx, async (ctx) => {
    await guardedUpdate(ctx.db, id, ticket.status, { ...values, updatedBy: actor.userId });
    if (input.reason) await addThreadEntry(ctx.db, id, 'note', input.reason, actor.userId);
    await writeAudit(ctx.db, actor, {
      action: 'status_change',
      entity: 'tickets',
      entityId: id,
      detail: { from: ticket.status, to: values.status, reason: input.reason ?? null },
    });
  });
  return getTicket(ctx, actor, id);
}

/**
 * Gives a ticket to an agent (tickets.assign), lets an agent take it themselves, or routes it by the
 * team's rule when no agent is named. The new assignee is told.
 */
export async function assignTicket(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof TicketAssign>,
): Promise<TicketDetail> {
  const ticket = await getTicket(ctx, actor, id);
  if (!open.includes(ticket.status))
    throw new AppError('CONFLICT', 'ticketStatusChange', undefined, { from: ticket.status, action: 'assign' });
  const selfClaim = input.assigneeId === actor.userId && !input.teamId;
  if (!selfClaim && !can(actor, 'tickets.assign')) throw forbidden();
  if (input.teamId && !(await findDepartment(ctx.db, input.teamId))) throw fieldError('teamId', 'notFoundOrHidden');
  const settings = await getSettings(ctx.db);
  await inTransaction(ctx, async (ctx) => {
    const teamId = input.teamId !== undefined ? (input.teamId ?? null) : ticket.teamId;
    let assigneeId = input.assigneeId ?? null;
    if (assigneeId) {
      if (!(await findActiveUser(ctx.db, assigneeId))) throw fieldError('assigneeId', 'notFoundOrHidden');
    } else
      assigneeId = await routeTicket(
        ctx.db,
        { teamId, vip: ticket.vip },
        { ...settings, ticketRouting: settings.ticketRouting === 'manual' ? 'least_busy' : settings.ticketRouting },
      );
    if (!assigneeId) throw new AppError('CONFLICT', 'noAgent');
    const assignee = await findUser(ctx.db, assigneeId);
    // Named agents were just checked and routed ones come from the active users: one is always there.
    if (!assignee) throw new Error(`User ${assigneeId} not found`);
    const status = ticket.status === 'new' ? 'assigned' : ticket.status;
    await guardedUpdate(ctx.db, id, ticket.status, {
      ownerId: assigneeId,
      teamId,
      departmentId: teamId ?? assignee.departmentId,
      status,
      updatedBy: actor.userId,
    });
    await writeAudit(ctx.db, actor, {
      action: 'assign',
      entity: 'tickets',
      entityId: id,
      detail: { from: ticket.assigneeId, to: assigneeId, teamId },
    });
    if (assigneeId !== actor.userId)
      await notify(ctx.db, [
        {
          userId: assigneeId,
          kind: 'ticketAssigned',
          entity: 'tickets',
          entityId: id,
          params: { number: ticket.number, subject: ticket.subject },
        },
      ]);
  });
  return getTicket(ctx, actor, id);
}

/** Hands a ticket (typically a complaint) up to the team lead — or the caller's own manager — with the reason in the thread. */
export async function escalateTicket(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<TicketDetail> {
  const ticket = await getTicket(ctx, actor, id);
  if (!open.includes(ticket.status))
    throw new AppError('CONFLICT', 'ticketStatusChange', undefined, { from: ticket.status, action: 'escalate' });
  let departmentId = ticket.teamId ?? actor.departmentId;
  let managerId: number | null = null;
  while (departmentId !== null && !managerId) {
    const department = await findDepartment(ctx.db, departmentId);
    if (!department) break;
    if (department.managerId && department.managerId !== actor.userId) managerId = department.managerId;
    departmentId = department.parentId;
  }
  if (!managerId) throw new AppError('CONFLICT', 'noManager');
  const manager = managerId;
  await inTransaction(ctx, async (ctx) => {
    await repo.updateTicket(ctx.db, id, { escalatedTo: manager, updatedBy: actor.userId, updatedAt: nowIso() });
    await addThreadEntry(ctx.db, id, 'note', reason, actor.userId);
    await writeAudit(ctx.db, actor, {
      action: 'escalate',
      entity: 'tickets',
      entityId: id,
      detail: { to: manager, reason },
    });
    await notify(ctx.db, [
      {
        userId: manager,
        kind: 'ticketEscalated',
        entity: 'tickets',
        entityId: id,
        params: { number: ticket.number, subject: ticket.subject, reason },
      },
    ]);
  });
  return getTicket(ctx, actor, id);
}

/** Folds a duplicate into another ticket: its conversation moves over, and the duplicate is closed pointing to it. */
export async function mergeTicket(ctx: AppContext, actor: Actor, id: number, intoId: number): Promise<TicketDetail> {
  if (id === intoId) throw fieldError('intoId', 'sameTicket');
  const [source, target] = await Promise.all([
    getTicket(ctx, actor, id),
    getTicket(ctx, actor, intoId).catch(() => null),
  ]);
  if (!target) throw fieldError('intoId', 'notFoundOrHidden');
  if (source.status === 'closed' || target.status === 'closed') throw new AppError('CONFLICT', 'ticketClosed');
  await inTransaction(ctx, async (ctx) => {
    await repo.moveTicketMessages(ctx.db, id, intoId);
    await addThreadEntry(
      ctx.db,
      intoId,
      'note',
      `${source.number}: ${source.subject}${source.description ? `\n${source.description}` : ''}`,
      actor.userId,
    );
    await guardedUpdate(ctx.db, id, source.status, {
      status: 'closed',
      closedAt: nowIso(),
      mergedIntoId: intoId,
      updatedBy: actor.userId,
    });
    await writeAudit(ctx.db, actor, {
      action: 'merge',
      entity: 'tickets',
      entityId: id,
      detail: { into: intoId, number: target.number },
    });
  });
  return getTicket(ctx, actor, intoId);
}

/**
 * Records the callback visit: solved closes the ticket with the customer's rating; not solved reopens
 * it for its assignee, with what the customer said in the thread.
 */
export async function recordCallback(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof TicketCallback>,
): Promise<TicketDetail> {
  const ticket = await getTicket(ctx, actor, id);
  await applyCallback(ctx, actor, ticket, input, actor.userId);
  return getTicket(ctx, actor, id);
}

type CallbackTicket = Pick<TicketDetail, 'id' | 'number' | 'subject' | 'status' | 'assigneeId' | 'satisfactionScore'>;

/**
 * The customer's verdict on a resolved ticket, from the callback agent (`by`) or the customer on
 * the portal (`by` null): solved closes it with the rating, not solved sends it back to work. A
 * closed ticket not rated yet can still take a rating, which changes nothing else.
 */
export async function applyCallback(
  ctx: AppContext,
  actor: AuditActor,
  ticket: CallbackTicket,
  input: z.output<typeof TicketCallback>,
  by: number | null,
  portalAccountId: number | null = null,
): Promise<void> {
  const id = ticket.id;
  const lateRating = ticket.status === 'closed' && ticket.satisfactionScore === null && portalAccountId !== null;
  if (ticket.status !== 'callback' && ticket.status !== 'resolved' && !lateRating)
    throw new AppError('CONFLICT', 'ticketStatusChange', undefined, { from: ticket.status, action: 'callback' });
  const at = nowIso();
  const rating = { satisfactionScore: input.score ?? null, satisfactionComment: input.comment ?? null, updatedBy: by };
  const outcome = { ...rating, callbackSolved: input.solved ? 1 : 0, callbackBy: by, callbackAt: at };
  await inTransaction(ctx, async (ctx) => {
    if (lateRating) await guardedUpdate(ctx.db, id, 'closed', rating);
    else if (input.solved)
      await guardedUpdate(ctx.db, id, ticket.status, { ...outcome, status: 'closed', closedAt: at });
    else {
      await guardedUpdate(ctx.db, id, ticket.status, {
        ...outcome,
        status: 'reopened',
        resolvedAt: null,
        resolutionBreached: null,
      });
      await addThreadEntry(
        ctx.db,
        id,
        portalAccountId ? 'customer' : 'note',
        input.comment ?? '—',
        by,
        portalAccountId,
      );
      if (ticket.assigneeId && ticket.assigneeId !== by)
        await notify(ctx.db, [
          {
            userId: ticket.assigneeId,
            kind: 'ticketReopened',
            entity: 'tickets',
            entityId: id,
            params: { number: ticket.number, subject: ticket.subject },
          },
        ]);
    }
    await writeAudit(ctx.db, actor, {
      action: 'callback',
      entity: 'tickets',
      entityId: id,
      detail: { solved: input.solved, score: input.score ?? null, via: portalAccountId ? 'portal' : 'callback' },
    });
  });
}

type RepliedTicket = Pick<
  TicketDetail,
  | 'id'
  | 'number'
  | 'subject'
  | 'status'
  | 'assigneeId'
  | 'pausedAt'
  | 'firstResponseDue'
  | 'resolutionDue'
  | 'firstRespondedAt'
>;

/**
 * A message from the customer joins the thread: a ticket waiting for them goes back to work (the
 * SLA clock runs again), a resolved one is reopened, and the assignee is told.
 */
export async function addCustomerMessage(
  ctx: AppContext,
  actor: AuditActor,
  ticket: RepliedTicket,
  body: string,
  /** Null: the reply came by email. */
  portalAccountId: number | null,
): Promise<void> {
  if (ticket.status === 'closed') throw new AppError('CONFLICT', 'ticketClosed');
  const calendar = await businessCalendar(ctx.db);
  const at = nowIso();
  const values: Record<string, unknown> =
    ticket.status === 'waiting'
      ? { status: 'in_progress', ...resumedDeadlines(ticket, new Date(at), calendar) }
      : ticket.status === 'resolved' || ticket.status === 'callback'
        ? { status: 'reopened', resolvedAt: null, resolutionBreached: null }
        : {};
  await inTransaction(ctx, async (ctx) => {
    await addThreadEntry(ctx.db, ticket.id, 'customer', body, null, portalAccountId);
    await guardedUpdate(ctx.db, ticket.id, ticket.status, values);
    await writeAudit(ctx.db, actor, {
      action: 'customer_reply',
      entity: 'tickets',
      entityId: ticket.id,
      detail: { length: body.length, to: values.status ?? ticket.status },
    });
    if (ticket.assigneeId)
      await notify(ctx.db, [
        {
          userId: ticket.assigneeId,
          kind: 'ticketCustomerReply',
          entity: 'tickets',
          entityId: ticket.id,
          params: { number: ticket.number, subject: ticket.subject },
        },
      ]);
  });
}
