import {
  complaintType,
  type Page,
  type Ticket,
  type TicketDetail,
  type TicketInput,
  type TicketPatch,
  type TicketQuery,
} from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso, todayIn } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/document-numbers.ts';
import { AppError, fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { searchDocument } from '../../platform/search.ts';
import { coveringContract } from '../assets/index.ts';
import { findVisibleCustomer, normalizePhone } from '../customers/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { notify } from '../notifications/index.ts';
import { getSettings } from '../settings/index.ts';
import { addBusinessMinutes } from '../../platform/business-calendar.ts';
import { routeTicket } from './routing.ts';
import { businessCalendar, deadlines, matchingPolicy } from './sla.ts';
import { findActiveUser, findDepartment, findUser } from './agents.repository.ts';
import { findProduct, findRecordCustomer } from './linked-records.repository.ts';
import * as repo from './tickets.repository.ts';

const flag = (v: number | null) => (v === null ? null : Boolean(v));

export function toTicket(row: repo.TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    category: row.category,
    channel: row.channel as Ticket['channel'],
    priority: row.priority as Ticket['priority'],
    status: row.status as Ticket['status'],
    vip: Boolean(row.vip),
    customerId: row.customerId,
    customerName: row.customerName,
    contactId: row.contactId,
    contactName: row.contactName,
    requesterName: row.requesterName,
    requesterEmail: row.requesterEmail,
    requesterPhone: row.requesterPhone,
    productId: row.productId,
    assetId: row.assetId,
    serviceContractId: row.serviceContractId,
    orderId: row.orderId,
    contractId: row.contractId,
    subject: row.subject,
    description: row.description,
    teamId: row.teamId,
    teamName: row.teamName,
    assigneeId: row.ownerId,
    assigneeName: row.assigneeName,
    severity: row.severity as Ticket['severity'],
    promised: row.promised,
    compensation: row.compensation,
    escalatedTo: row.escalatedTo,
    resolution: row.resolution,
    rootCause: row.rootCause,
    mergedIntoId: row.mergedIntoId,
    firstResponseDue: row.firstResponseDue,
    resolutionDue: row.resolutionDue,
    firstRespondedAt: row.firstRespondedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    pausedAt: row.pausedAt,
    firstResponseBreached: flag(row.firstResponseBreached),
    resolutionBreached: flag(row.resolutionBreached),
    escalationLevel: row.escalationLevel,
    callbackSolved: flag(row.callbackSolved),
    satisfactionScore: row.satisfactionScore,
    satisfactionComment: row.satisfactionComment,
    callbackAt: row.callbackAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function ticketScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'tickets');
}

export async function getTicket(ctx: AppContext, actor: Actor, id: number): Promise<TicketDetail> {
  const row = orNotFound(await repo.findTicket(ctx.db, await ticketScope(ctx, actor), id));
  const messages = await repo.messagesOf(ctx.db, id);
  return {
    ...toTicket(row),
    messages: messages.map((m) => ({ ...m, kind: m.kind as TicketDetail['messages'][number]['kind'] })),
  };
}

export async function listTickets(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof TicketQuery>,
): Promise<Page<Ticket>> {
  const filter: repo.TicketFilter = {
    q: query.q,
    status: query.status,
    type: query.type,
    priority: query.priority,
    teamId: query.teamId,
    assigneeIds: query.assigneeId,
    customerId: query.customerId,
    breached: query.breached,
  };
  if (query.queue === 'me') filter.assigneeIds = [actor.userId];
  if (query.queue === 'unassigned') filter.unassigned = true;
  if (query.queue === 'team') filter.teamId = actor.departmentId ?? -1;
  const { items, ...total } = await repo.listTickets(ctx.db, ctx.dialect, await ticketScope(ctx, actor), filter, {
    ...query,
    afterKey: cursorKey('tickets', query),
  });
  return pageResponse('tickets', query, items.map(toTicket), total);
}

/** How many open tickets in the caller's scope are past their SLA, and how many more come due by `soon`. */
export async function ticketSlaRisk(ctx: AppContext, actor: Actor, now: string, soon: string) {
  return repo.slaRiskCounts(ctx.db, await ticketScope(ctx, actor), now, soon);
}

export async function ticketCounts(ctx: AppContext, actor: Actor) {
  return repo.ticketCounts(ctx.db, await ticketScope(ctx, actor), actor.userId);
}

type Links = {
  customerId?: number | null;
  contactId?: number | null;
  productId?: number | null;
  assetId?: number | null;
  orderId?: number | null;
  contractId?: number | null;
};

/** The customer must be one the caller can see; contact, order and contract must be that customer's. */
async function assertLinks(ctx: AppContext, actor: Actor, links: Links): Promise<{ level: string | null }> {
  let level: string | null = null;
  if (links.customerId) {
    const customer = await findVisibleCustomer(ctx, actor, links.customerId);
    if (!customer) throw fieldError('customerId', 'notFoundOrHidden');
    level = customer.level;
  }
  const owned = async (
    table: 'contacts' | 'orders' | 'contracts' | 'assets',
    field: string,
    id: number | null | undefined,
  ) => {
    if (!id) return;
    const row = await findRecordCustomer(ctx.db, table, id);
    if (!row || row.customerId !== links.customerId) throw fieldError(field, 'notFoundOrHidden');
  };
  await owned('contacts', 'contactId', links.contactId);
  await owned('orders', 'orderId', links.orderId);
  await owned('contracts', 'contractId', links.contractId);
  await owned('assets', 'assetId', links.assetId);
  if (links.productId && !(await findProduct(ctx.db, links.productId)))
    throw fieldError('productId', 'notFoundOrHidden');
  return { level };
}

async function assertAgent(db: Kysely<DB>, userId: number) {
  const user = await findActiveUser(db, userId);
  if (!user) throw fieldError('assigneeId', 'notFoundOrHidden');
  return user;
}

const searchText = (
  t: {
    subject: string;
    description?: string | null;
    requesterName?: string | null;
    requesterEmail?: string | null;
    requesterPhone?: string | null;
  },
  number: string,
) =>
  searchDocument([
    number,
    t.subject,
    t.description,
    t.requesterName,
    t.requesterEmail,
    t.requesterPhone,
    normalizePhone(t.requesterPhone),
  ]).text;

/**
 * Opens a ticket: numbered, VIP when the customer's level says so, its SLA deadlines set by the
 * matching policy on the business calendar, and given to the named agent or routed by the rule.
 */
export async function createTicket(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof TicketInput>,
): Promise<TicketDetail> {
  await assertDictionaryCodes(ctx.db, input, { type: 'ticket_type', category: 'service_category' });
  const { level } = await assertLinks(ctx, actor, input);
  if (!input.customerId && !input.requesterName && !input.requesterEmail && !input.requesterPhone)
    throw fieldError('customerId', 'customerOrRequester');
  if (input.assigneeId && input.assigneeId !== actor.userId && !can(actor, 'tickets.assign')) throw forbidden();
  if (input.teamId && !(await findDepartment(ctx.db, input.teamId))) throw fieldError('teamId', 'notFoundOrHidden');
  const named = input.assigneeId ? await assertAgent(ctx.db, input.assigneeId) : null;
  const settings = await getSettings(ctx.db);
  const vip = level !== null && settings.vipCustomerLevels.includes(level);
  const policy = await matchingPolicy(ctx.db, { type: input.type, priority: input.priority, customerLevel: level });
  const now = new Date();
  const calendar = await businessCalendar(ctx.db);
  const due = deadlines(now, policy, calendar);
  // A service contract's response promise is kept when it is tighter than the policy's.
  const cover = input.customerId
    ? await coveringContract(ctx.db, input.customerId, input.assetId ?? null, todayIn(settings.timezone))
    : null;
  if (cover?.responseMinutes) {
    const promised = addBusinessMinutes(now, cover.responseMinutes, calendar).toISOString();
    if (!due.firstResponseDue || promised < due.firstResponseDue) due.firstResponseDue = promised;
  }
  const complaint = input.type === complaintType;
  const id = await inTransaction(ctx, async (ctx) => {
    const number = await nextDocumentNumber(ctx.db, 'tickets', settings.ticketNumberFormat, settings.timezone);
    const teamId = input.teamId ?? null;
    const assigneeId = named?.id ?? (await routeTicket(ctx.db, { teamId, vip }, settings));
    const assignee = assigneeId ? await findUser(ctx.db, assigneeId) : null;
    const at = now.toISOString();
    const ticketId = await repo.insertTicket(ctx.db, {
      number,
      type: input.type,
      category: input.category ?? null,
      channel: input.channel,
      priority: input.priority,
      status: assigneeId ? 'assigned' : 'new',
      vip: vip ? 1 : 0,
      customerId: input.customerId ?? null,
      contactId: input.contactId ?? null,
      requesterName: input.requesterName ?? null,
      requesterEmail: input.requesterEmail ?? null,
      requesterPhone: input.requesterPhone ?? null,
      productId: input.productId ?? null,
      assetId: input.assetId ?? null,
      serviceContractId: cover?.id ?? null,
      orderId: input.orderId ?? null,
      contractId: input.contractId ?? null,
      subject: input.subject,
      description: input.description ?? null,
      teamId,
      severity: complaint ? (input.severity ?? 'minor') : null,
      promised: complaint ? (input.promised ?? null) : null,
      compensation: complaint ? (input.compensation ?? null) : null,
      escalatedTo: null,
      resolution: null,
      rootCause: null,
      mergedIntoId: null,
      ...due,
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      pausedAt: null,
      firstResponseBreached: null,
      resolutionBreached: null,
      escalationLevel: 0,
      searchText: searchText(input, number),
      ownerId: assigneeId,
      departmentId: teamId ?? assignee?.departmentId ?? null,
      createdBy: actor.userId,
      updatedBy: actor.userId,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      deletedBy: null,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'tickets',
      entityId: ticketId,
      detail: { number, type: input.type, priority: input.priority, assigneeId },
    });
    if (assigneeId && assigneeId !== actor.userId)
      await notify(ctx.db, [
        {
          userId: assigneeId,
          kind: 'ticketAssigned',
          entity: 'tickets',
          entityId: ticketId,
          params: { number, subject: input.subject },
        },
      ]);
    return ticketId;
  });
  return getTicket(ctx, actor, id);
}

const auditedFields = [
  'type',
  'category',
  'channel',
  'priority',
  'customerId',
  'contactId',
  'requesterName',
  'requesterEmail',
  'requesterPhone',
  'productId',
  'assetId',
  'orderId',
  'contractId',
  'subject',
  'description',
  'severity',
  'promised',
  'compensation',
  'resolution',
  'rootCause',
] as const;

/** Changes the facts of a ticket that is not closed; deadlines stay as they were set. */
export async function updateTicket(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof TicketPatch>,
): Promise<TicketDetail> {
  const before = await getTicket(ctx, actor, id);
  if (before.status === 'closed') throw new AppError('CONFLICT', 'ticketClosed');
  await assertDictionaryCodes(ctx.db, patch, { type: 'ticket_type', category: 'service_category' });
  const merged = { ...before, ...patch };
  await assertLinks(ctx, actor, merged);
  const values = Object.fromEntries(
    auditedFields.filter((f) => patch[f] !== undefined).map((f) => [f, patch[f] ?? null]),
  );
  await inTransaction(ctx, async (ctx) => {
    await repo.updateTicket(ctx.db, id, {
      ...values,
      searchText: searchText(merged, before.number),
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    const changes = diffFields(before, merged, [...auditedFields]);
    if (changes.length) await writeAudit(ctx.db, actor, { action: 'update', entity: 'tickets', entityId: id, changes });
  });
  return getTicket(ctx, actor, id);
}

export async function deleteTicket(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const before = await getTicket(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateTicket(ctx.db, id, { deletedAt: nowIso(), deletedBy: actor.userId });
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'tickets',
      entityId: id,
      detail: { number: before.number },
    });
  });
}

/** An agent who leaves hands their open tickets over. */
export const ticketsOwnership: OwnedEntity = {
  entity: 'tickets',
  transfer: (trx, fromUserId, to) => repo.transferUnclosedTickets(trx, fromUserId, to.id, nowIso()),
};

// What other modules (the customer portal) read of tickets; the queries stay in the repository.

/** A ticket by id within a data scope. */
export const findTicketInScope = repo.findTicket;

/** A page of tickets within a data scope, with its total. */
export const listTicketsInScope = repo.listTickets;

/** The messages of a ticket, oldest first. */
export const ticketMessages = repo.messagesOf;
