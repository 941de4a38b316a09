import type {
  Page,
  WorkOrder,
  WorkOrderCheckIn,
  WorkOrderCheckOut,
  WorkOrderInput,
  WorkOrderQuery,
  WorkOrderStatus,
} from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import { pickInTurn } from '../../platform/fair-pick.ts';
import { distanceKm, type Position } from '../../platform/geo.ts';
import { usersWithPermission, workersWithPermission } from '../../platform/permission-holders.ts';
import { toMilli, quantityText } from '../../platform/quantity.ts';
import { scopeFor } from '../../platform/scope.ts';
import { takePartsFromStock } from '../inventory/index.ts';
import { notify } from '../notifications/index.ts';
import { getTicket } from '../tickets/index.ts';
import { createdStamps } from '../../platform/stamps.ts';
import * as technicians from './technicians.repository.ts';
import * as report from './visit-report.repository.ts';
import * as repo from './work-orders.repository.ts';

const open: WorkOrderStatus[] = ['dispatched', 'accepted', 'on_site'];
const minutesBetween = (from: string | null, to: string | null) =>
  from && to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000)) : null;

async function toWorkOrders(db: Kysely<DB>, rows: repo.WorkOrderRow[]): Promise<WorkOrder[]> {
  const parts = rows.length
    ? await repo.partsOf(
        db,
        rows.map((r) => r.id),
      )
    : [];
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    ticketId: r.ticketId,
    ticketNumber: r.ticketNumber,
    ticketSubject: r.ticketSubject,
    customerId: r.customerId,
    customerName: r.customerName,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    address: r.address,
    appointmentStart: r.appointmentStart,
    appointmentEnd: r.appointmentEnd,
    requiredSkills: readJson<string[]>(r.requiredSkills, []),
    partsNeeded: r.partsNeeded,
    instructions: r.instructions,
    status: r.status as WorkOrderStatus,
    technicianId: r.ownerId,
    technicianName: r.technicianName,
    acceptedAt: r.acceptedAt,
    checkInAt: r.checkInAt,
    checkInLatitude: r.checkInLatitude === null ? null : Number(r.checkInLatitude),
    checkInLongitude: r.checkInLongitude === null ? null : Number(r.checkInLongitude),
    siteLatitude: r.siteLatitude === null ? null : Number(r.siteLatitude),
    siteLongitude: r.siteLongitude === null ? null : Number(r.siteLongitude),
    checkOutAt: r.checkOutAt,
    travelMinutes: minutesBetween(r.acceptedAt, r.checkInAt),
    workMinutes: minutesBetween(r.checkInAt, r.checkOutAt),
    workDone: r.workDone,
    signedBy: r.signedBy,
    hasSignature: r.signature !== null,
    parts: parts
      .filter((p) => p.workOrderId === r.id)
      .map((p) => ({
        productId: p.productId,
        productCode: p.code,
        productName: p.name,
        quantity: quantityText(Number(p.quantityMilli)),
        warehouseId: p.warehouseId,
      })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

const workOrderScope = (ctx: AppContext, actor: Actor) => scopeFor(ctx.db, actor, 'workOrders');

export async function getWorkOrder(ctx: AppContext, actor: Actor, id: number): Promise<WorkOrder> {
  const row = orNotFound(await repo.findWorkOrder(ctx.db, await workOrderScope(ctx, actor), id));
  return (await toWorkOrders(ctx.db, [row]))[0];
}

export async function listWorkOrders(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof WorkOrderQuery>,
): Promise<Page<WorkOrder>> {
  const filter: repo.WorkOrderFilter = {
    status: query.status,
    ticketId: query.ticketId,
    customerId: query.customerId,
    technicianIds: query.technicianId,
    ...(query.mine ? { technicianId: actor.userId } : {}),
  };
  const { items: rows, ...total } = await repo.listWorkOrders(
    ctx.db,
    ctx.dialect,
    await workOrderScope(ctx, actor),
    filter,
    {
      ...query,
      afterKey: cursorKey('work-orders', query),
    },
  );
  return pageResponse('work-orders', query, await toWorkOrders(ctx.db, rows), total);
}

/** A position older than this says nothing about where a technician is now. */
const positionFreshHours = 12;
/** Open jobs weigh more than any distance on Earth: the free come first, the nearest among them. */
const perOpenJob = 100_000;
const unknownWhereabouts = 50_000;

/**
 * The free technician for the job: among those who work orders (not the administrator for holding
 * every permission) and have every skill it needs, the ones with the fewest open work orders; when
 * the site's location is known, the nearest of them by their last reported position (those not seen
 * lately after those who were); in turn on a tie.
 */
export async function pickTechnician(
  trx: Kysely<DB>,
  skills: string[],
  site: Position | null = null,
): Promise<number | null> {
  let candidates = await workersWithPermission(trx, 'workOrders.work');
  if (skills.length && candidates.length) {
    const rows = await technicians.skillsAmong(trx, candidates, skills);
    candidates = candidates.filter((id) =>
      skills.every((skill) => rows.some((r) => r.userId === id && r.skill === skill)),
    );
  }
  if (!candidates.length) return null;
  const rank = async (ids: number[]) => {
    const load = await repo.workOrderCounts(trx, ids, open);
    if (!site) return load;
    const since = new Date(Date.now() - positionFreshHours * 3_600_000).toISOString();
    const positions = await technicians.positionsSince(trx, ids, since);
    const away = (id: number) => {
      const p = positions.find((x) => x.userId === id);
      return p
        ? distanceKm(site, { latitude: Number(p.latitude), longitude: Number(p.longitude) })
        : unknownWhereabouts;
    };
    return new Map(ids.map((id) => [id, (load.get(id) ?? 0) * perOpenJob + away(id)]));
  };
  return pickInTurn(trx, 'work-orders:dispatch', candidates, rank);
}

async function technicianOf(
  trx: Kysely<DB>,
  named: number | null | undefined,
  skills: string[],
  site: Position | null,
) {
  if (!named) return pickTechnician(trx, skills, site);
  if (!(await usersWithPermission(trx, 'workOrders.work')).includes(named))
    throw fieldError('technicianId', 'notATechnician');
  return named;
}

/** The site of a new job: as given, or where a technician last checked in at this customer. */
async function siteOf(
  db: Kysely<DB>,
  customerId: number | null,
  input: { siteLatitude?: number | null; siteLongitude?: number | null },
): Promise<Position | null> {
  if (input.siteLatitude != null && input.siteLongitude != null)
    return { latitude: input.siteLatitude, longitude: input.siteLongitude };
  if (!customerId) return null;
  const last = await repo.lastCheckInAt(db, customerId);
  return last ? { latitude: Number(last.checkInLatitude), longitude: Number(last.checkInLongitude) } : null;
}

const positionOf = (order: { siteLatitude: number | null; siteLongitude: number | null }): Position | null =>
  order.siteLatitude !== null && order.siteLongitude !== null
    ? { latitude: order.siteLatitude, longitude: order.siteLongitude }
    : null;

/** Where a technician's phone says they are; checking in on site reports it too. */
export async function reportPosition(db: Kysely<DB>, userId: number, position: Position): Promise<void> {
  await technicians.savePosition(db, userId, position, nowIso());
}

async function departmentOf(trx: Kysely<DB>, userId: number | null) {
  return userId ? ((await technicians.findUser(trx, userId))?.departmentId ?? null) : null;
}

/** A work order for an on-site visit of a ticket, dispatched at once to the named or the best free technician. */
export async function createWorkOrder(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof WorkOrderInput>,
): Promise<WorkOrder> {
  const ticket = await getTicket(ctx, actor, input.ticketId);
  if (ticket.status === 'closed') throw new AppError('CONFLICT', 'ticketClosed');
  const customer = ticket.customerId ? await repo.findCustomerAddress(ctx.db, ticket.customerId) : null;
  const address =
    input.address ??
    ([customer?.province, customer?.city, customer?.district, customer?.address].filter(Boolean).join(' ') || null);
  const site = await siteOf(ctx.db, ticket.customerId, input);
  const id = await inTransaction(ctx, async (ctx) => {
    const technicianId =
      input.dispatch || input.technicianId
        ? await technicianOf(ctx.db, input.technicianId, input.requiredSkills, site)
        : null;
    const number = `${ticket.number}-W${(await repo.countWorkOrdersOfTicket(ctx.db, ticket.id)) + 1}`;
    const now = nowIso();
    const workOrderId = await repo.insertWorkOrder(ctx.db, {
      number,
      ticketId: ticket.id,
      customerId: ticket.customerId,
      address,
      appointmentStart: new Date(input.appointmentStart).toISOString(),
      appointmentEnd: new Date(input.appointmentEnd).toISOString(),
      requiredSkills: writeJson(input.requiredSkills),
      partsNeeded: input.partsNeeded ?? null,
      instructions: input.instructions ?? null,
      status: technicianId ? 'dispatched' : 'new',
      acceptedAt: null,
      checkInAt: null,
      checkInLatitude: null,
      checkInLongitude: null,
      siteLatitude: site?.latitude ?? null,
      siteLongitude: site?.longitude ?? null,
      checkOutAt: null,
      workDone: null,
      signature: null,
      signedBy: null,
      cancelReason: null,
      ownerId: technicianId,
      departmentId: await departmentOf(ctx.db, technicianId),
      ...createdStamps(actor, now),
      deletedAt: null,
      deletedBy: null,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'workOrders',
      entityId: workOrderId,
      detail: { number, ticketId: ticket.id, technicianId },
    });
    await writeAudit(ctx.db, actor, {
      action: 'work_order',
      entity: 'tickets',
      entityId: ticket.id,
      detail: { number, technicianId },
    });
    if (technicianId)
      await notify(ctx.db, [
        {
          userId: technicianId,
          kind: 'workOrderDispatched',
          entity: 'workOrders',
          entityId: workOrderId,
          params: { number, subject: ticket.subject, at: input.appointmentStart },
        },
      ]);
    return workOrderId;
  });
  return getWorkOrder(ctx, actor, id);
}

async function guarded(trx: Kysely<DB>, id: number, from: WorkOrderStatus[], values: Record<string, unknown>) {
  if ((await repo.updateWorkOrderInStatus(trx, id, from, { ...values, updatedAt: nowIso() })) !== 1)
    throw new AppError('CONFLICT', 'workOrderChanged');
}

/** Sends (or resends) a work order to a technician: the named one or the best free one. */
export async function dispatchWorkOrder(
  ctx: AppContext,
  actor: Actor,
  id: number,
  technicianId: number | null | undefined,
): Promise<WorkOrder> {
  const order = await getWorkOrder(ctx, actor, id);
  const from: WorkOrderStatus[] = ['new', 'dispatched', 'accepted'];
  if (!from.includes(order.status)) throw new AppError('CONFLICT', 'workOrderChanged');
  await inTransaction(ctx, async (ctx) => {
    const picked = await technicianOf(ctx.db, technicianId, order.requiredSkills, positionOf(order));
    if (!picked) throw new AppError('CONFLICT', 'noTechnician');
    await guarded(ctx.db, id, from, {
      status: 'dispatched',
      ownerId: picked,
      departmentId: await departmentOf(ctx.db, picked),
      acceptedAt: null,
      updatedBy: actor.userId,
    });
    await writeAudit(ctx.db, actor, {
      action: 'assign',
      entity: 'workOrders',
      entityId: id,
      detail: { from: order.technicianId, to: picked },
    });
    await notify(ctx.db, [
      {
        userId: picked,
        kind: 'workOrderDispatched',
        entity: 'workOrders',
        entityId: id,
        params: { number: order.number, subject: order.ticketSubject, at: order.appointmentStart },
      },
    ]);
  });
  return getWorkOrder(ctx, actor, id);
}

/** Only the technician it is dispatched to works a work order. */
async function ownWorkOrder(ctx: AppContext, actor: Actor, id: number): Promise<WorkOrder> {
  const order = await getWorkOrder(ctx, actor, id);
  if (order.technicianId !== actor.userId) throw forbidden();
  return order;
}

export async function acceptWorkOrder(ctx: AppContext, actor: Actor, id: number): Promise<WorkOrder> {
  await ownWorkOrder(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await guarded(ctx.db, id, ['dispatched'], { status: 'accepted', acceptedAt: nowIso(), updatedBy: actor.userId });
    await writeAudit(ctx.db, actor, { action: 'accept', entity: 'workOrders', entityId: id });
  });
  return getWorkOrder(ctx, actor, id);
}

/** Arriving on site: the time and, when the device gives it, the place. */
export async function checkIn(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof WorkOrderCheckIn>,
): Promise<WorkOrder> {
  const order = await ownWorkOrder(ctx, actor, id);
  const at = nowIso();
  await inTransaction(ctx, async (ctx) => {
    await guarded(ctx.db, id, ['dispatched', 'accepted'], {
      status: 'on_site',
      acceptedAt: order.acceptedAt ?? at,
      checkInAt: at,
      checkInLatitude: input.latitude ?? null,
      checkInLongitude: input.longitude ?? null,
      updatedBy: actor.userId,
    });
    await writeAudit(ctx.db, actor, {
      action: 'check_in',
      entity: 'workOrders',
      entityId: id,
      detail: { latitude: input.latitude ?? null, longitude: input.longitude ?? null },
    });
    if (input.latitude != null && input.longitude != null)
      await reportPosition(ctx.db, actor.userId, { latitude: input.latitude, longitude: input.longitude });
  });
  return getWorkOrder(ctx, actor, id);
}

/**
 * Leaving: the work done, the parts used (out of stock where it is tracked), the customer's
 * signature. The ticket's thread gets the report, and its service contract counts the visit and time.
 */
export async function checkOut(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof WorkOrderCheckOut>,
): Promise<WorkOrder> {
  const order = await ownWorkOrder(ctx, actor, id);
  const seen = new Set<number>();
  input.parts.forEach((p, i) => {
    if (seen.has(p.productId)) throw fieldError(`parts.${i}.productId`, 'duplicateInFile', { row: i + 1 });
    seen.add(p.productId);
  });
  const products = input.parts.length ? await repo.liveProducts(ctx.db, [...seen]) : [];
  input.parts.forEach((p, i) => {
    if (!products.some((r) => r.id === p.productId)) throw fieldError(`parts.${i}.productId`, 'notFoundOrHidden');
  });
  const at = nowIso();
  await inTransaction(ctx, async (ctx) => {
    await guarded(ctx.db, id, ['on_site'], {
      status: 'completed',
      checkOutAt: at,
      workDone: input.workDone,
      signature: input.signature ?? null,
      signedBy: input.signedBy ?? null,
      updatedBy: actor.userId,
    });
    const parts = input.parts.map((p, index) => ({
      productId: p.productId,
      milli: toMilli(p.quantity),
      warehouseId: p.warehouseId ?? null,
      index,
    }));
    const warehouses = await takePartsFromStock(ctx.db, { reference: order.number, userId: actor.userId }, parts);
    if (parts.length)
      await repo.insertWorkOrderParts(
        ctx.db,
        parts.map((p) => ({
          workOrderId: id,
          productId: p.productId,
          quantityMilli: p.milli,
          warehouseId: warehouses.get(p.productId) ?? p.warehouseId,
        })),
      );
    await report.insertTicketMessage(ctx.db, {
      ticketId: order.ticketId,
      kind: 'note',
      body: `${order.number}: ${input.workDone}`,
      authorId: actor.userId,
      createdAt: at,
    });
    const ticket = await report.getTicketServiceContract(ctx.db, order.ticketId);
    if (ticket.serviceContractId) {
      const minutes = minutesBetween(order.checkInAt, at) ?? 0;
      await report.insertServiceUsage(ctx.db, {
        serviceContractId: ticket.serviceContractId,
        ticketId: order.ticketId,
        visits: 1,
        minutes,
        note: order.number,
        createdBy: actor.userId,
        createdAt: at,
      });
    }
    await writeAudit(ctx.db, actor, {
      action: 'check_out',
      entity: 'workOrders',
      entityId: id,
      detail: { parts: input.parts, signed: Boolean(input.signature) },
    });
  });
  return getWorkOrder(ctx, actor, id);
}

export async function cancelWorkOrder(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<WorkOrder> {
  const order = await getWorkOrder(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await guarded(ctx.db, id, ['new', 'dispatched', 'accepted', 'on_site'], {
      status: 'cancelled',
      cancelReason: reason,
      updatedBy: actor.userId,
    });
    await writeAudit(ctx.db, actor, { action: 'cancel', entity: 'workOrders', entityId: id, detail: { reason } });
    if (order.technicianId && order.technicianId !== actor.userId)
      await notify(ctx.db, [
        {
          userId: order.technicianId,
          kind: 'workOrderCancelled',
          entity: 'workOrders',
          entityId: id,
          params: { number: order.number, reason },
        },
      ]);
  });
  return getWorkOrder(ctx, actor, id);
}

export async function signatureOf(ctx: AppContext, actor: Actor, id: number): Promise<Buffer> {
  await getWorkOrder(ctx, actor, id);
  const row = await repo.getSignature(ctx.db, id);
  if (!row.signature) throw notFound();
  return Buffer.from(row.signature.slice(row.signature.indexOf(',') + 1), 'base64');
}

export async function skillsOf(ctx: AppContext, userId: number): Promise<string[]> {
  orNotFound(await technicians.findUser(ctx.db, userId));
  return technicians.skillsOfUser(ctx.db, userId);
}

export async function setSkills(ctx: AppContext, actor: Actor, userId: number, skills: string[]): Promise<string[]> {
  const before = await skillsOf(ctx, userId);
  const next = [...new Set(skills)].sort();
  await inTransaction(ctx, async (ctx) => {
    await technicians.replaceSkills(ctx.db, userId, next);
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'users',
      entityId: userId,
      changes: [{ field: 'skills', old: before, new: next }],
    });
  });
  return next;
}

export const workOrdersOwnership = {
  entity: 'workOrders',
  transfer: (trx: Kysely<DB>, fromUserId: number, to: { id: number; departmentId: number | null }) =>
    repo.transferWorkOrders(trx, fromUserId, to, ['new', ...open], nowIso()),
};
