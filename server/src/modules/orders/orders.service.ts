import {
  fromMinorUnits,
  type Locale,
  type Order,
  type OrderDetail,
  type OrderInput,
  type OrderPatch,
  type OrderStatus,
  type Page,
} from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { handOverDocuments } from '../../db/document-handover.ts';
import { updateInStatus } from '../../db/record-guards.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/document-numbers.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { quantityText, toMilli } from '../../platform/quantity.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { submitOrApprove } from '../approvals/index.ts';
import { releaseForOrder } from '../inventory/index.ts';
import { toBasisPoints } from '../../platform/percent.ts';
import { holdOrderPoints, type Redemption, redemptionFor } from '../membership/index.ts';
import {
  assertParties,
  documentPdf,
  figuresOrFieldError,
  getQuote,
  lessPoints,
  lineInputs,
  type PrintedDocument,
  priceLines,
  printedDocumentOf,
  repricePatched,
  toDocumentHead,
  toDocumentTotals,
  toLine,
} from '../quotes/index.ts';
import { getSettings } from '../settings/index.ts';
import * as deliveriesRepo from './deliveries.repository.ts';
import * as repo from './orders.repository.ts';
import { createdStamps, updatedStamps } from '../../platform/stamps.ts';
import type { CountMode } from '../../platform/list-query.ts';

const money = (minor: number) => fromMinorUnits(Number(minor));

export function toOrder(row: repo.OrderRow): Order {
  return {
    id: row.id,
    number: row.number,
    ...toDocumentHead(row),
    quoteId: row.quoteId,
    quoteNumber: row.quoteNumber,
    currency: row.currency,
    status: row.status as OrderStatus,
    ...toDocumentTotals(row),
    requestedDeliveryDate: row.requestedDeliveryDate,
    shippingAddress: row.shippingAddress,
    warehouseId: row.warehouseId,
    warehouseName: row.warehouseName,
    terms: row.terms,
    notes: row.notes,
    closeReason: row.closeReason,
    approvedAt: row.approvedAt,
    closedAt: row.closedAt,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function orderScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'orders');
}

export async function getOrder(ctx: AppContext, actor: Actor, id: number): Promise<OrderDetail> {
  const row = orNotFound(await repo.findOrder(ctx.db, await orderScope(ctx, actor), id));
  const [lines, { deliveries, lines: deliveredLines }] = await Promise.all([
    repo.linesOf(ctx.db, id),
    deliveriesRepo.deliveriesOf(ctx.db, id),
  ]);
  const seesCosts = can(actor, 'inventory.costs');
  const earned = (lineId: number) => {
    const parts = deliveredLines.filter((d) => d.orderLineId === lineId);
    if (!seesCosts || !parts.length) return { cost: null, margin: null };
    const revenue = parts.reduce((sum, d) => sum + Number(d.revenueMinor), 0);
    const cost = parts.reduce((sum, d) => sum + Number(d.costMinor), 0);
    return { cost: money(cost), margin: money(revenue - cost) };
  };
  return {
    ...toOrder(row),
    lines: lines.map((l) => ({
      ...toLine(l),
      delivered: quantityText(Number(l.deliveredMilli)),
      remaining: quantityText(Number(l.quantityMilli) - Number(l.deliveredMilli)),
      ...earned(l.id),
    })),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      number: d.number,
      deliveredOn: d.deliveredOn,
      carrier: d.carrier,
      trackingNumber: d.trackingNumber,
      recipient: d.recipient,
      notes: d.notes,
      createdAt: d.createdAt,
      lines: deliveredLines
        .filter((l) => l.deliveryId === d.id)
        .map((l) => ({ orderLineId: l.orderLineId, name: l.name, quantity: quantityText(Number(l.quantityMilli)) })),
    })),
  };
}

export async function listOrders(
  ctx: AppContext,
  actor: Actor,
  query: repo.OrderFilter & { page: number; pageSize: number; sort?: string; count?: CountMode },
): Promise<Page<Order>> {
  const { items, ...total } = await repo.listOrders(ctx.db, ctx.dialect, await orderScope(ctx, actor), query, {
    ...query,
    afterKey: cursorKey('orders', query),
  });
  return pageResponse('orders', query, items.map(toOrder), total);
}

type Priced = Awaited<ReturnType<typeof priceLines>>;
function writeLines(db: Kysely<DB>, orderId: number, lines: Priced['lines']) {
  return repo.replaceOrderLines(
    db,
    orderId,
    lines.map((line) => ({ ...line, quantityMilli: toMilli(line.quantity), deliveredMilli: 0 })),
  );
}

/** A new draft order, numbered, with its lines, audited. */
async function createDraftOrder(
  ctx: AppContext,
  actor: Actor,
  values: {
    title: string;
    customerId: number;
    contactId: number | null;
    opportunityId: number | null;
    quoteId: number | null;
    currency: string;
    discountBp: number;
    requestedDeliveryDate: string | null;
    shippingAddress: string | null;
    warehouseId: number | null;
    terms: string | null;
    notes: string | null;
  },
  priced: Priced,
  redemption: Redemption,
) {
  const settings = await getSettings(ctx.db);
  const number = await nextDocumentNumber(ctx.db, 'orders', settings.orderNumberFormat, settings.timezone);
  const now = nowIso();
  const id = await repo.insertOrder(ctx.db, {
    ...values,
    number,
    status: 'draft',
    ...lessPoints(priced.totals, redemption),
    closeReason: null,
    approvedAt: null,
    closedAt: null,
    ownerId: actor.userId,
    departmentId: actor.departmentId,
    ...createdStamps(actor, now),
    deletedAt: null,
    deletedBy: null,
  });
  await writeLines(ctx.db, id, priced.lines);
  await holdOrderPoints(ctx, actor, { orderId: id, customerId: values.customerId, points: redemption.points });
  await writeAudit(ctx.db, actor, {
    action: 'create',
    entity: 'orders',
    entityId: id,
    detail: { number, quoteId: values.quoteId, total: money(priced.totals.total - redemption.amount) },
  });
  return id;
}

async function assertWarehouse(ctx: AppContext, warehouseId: number | null | undefined) {
  if (!warehouseId) return;
  const found = await repo.findActiveWarehouse(ctx.db, warehouseId);
  if (!found) throw fieldError('warehouseId', 'notFoundOrHidden');
}

export async function createOrder(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof OrderInput>,
): Promise<OrderDetail> {
  await assertParties(ctx, actor, input.customerId, input);
  await assertWarehouse(ctx, input.warehouseId);
  const settings = await getSettings(ctx.db);
  const priced = await figuresOrFieldError(() =>
    priceLines(ctx, actor, input.customerId, input.lines, input.discountPercent, settings.roundingRule),
  );
  const currency = input.currency ?? settings.defaultCurrency;
  const redemption = await redemptionFor(ctx, {
    customerId: input.customerId,
    currency,
    points: input.pointsRedeemed ?? 0,
    total: priced.totals.total,
  });
  const id = await inTransaction(ctx, (ctx) =>
    createDraftOrder(
      ctx,
      actor,
      {
        title: input.title,
        customerId: input.customerId,
        contactId: input.contactId ?? null,
        opportunityId: input.opportunityId ?? null,
        quoteId: null,
        currency,
        discountBp: toBasisPoints(input.discountPercent ?? '0'),
        requestedDeliveryDate: input.requestedDeliveryDate ?? null,
        shippingAddress: input.shippingAddress ?? null,
        warehouseId: input.warehouseId ?? null,
        terms: input.terms ?? null,
        notes: input.notes ?? null,
      },
      priced,
      redemption,
    ),
  );
  return getOrder(ctx, actor, id);
}

/** The order of an accepted quote: its lines and prices exactly as the customer accepted them. */
export async function createOrderFromQuote(ctx: AppContext, actor: Actor, quoteId: number): Promise<OrderDetail> {
  const quote = await getQuote(ctx, actor, quoteId);
  if (quote.status !== 'accepted') throw new AppError('CONFLICT', 'quoteNotAccepted');
  const settings = await getSettings(ctx.db);
  const lines = lineInputs(quote.lines);
  const priced = await figuresOrFieldError(() =>
    priceLines(ctx, actor, quote.customerId, lines, quote.discountPercent, settings.roundingRule),
  );
  // The points the quote offered are redeemed now, from the balance as it is today.
  const redemption = await redemptionFor(ctx, {
    customerId: quote.customerId,
    currency: quote.currency,
    points: quote.pointsRedeemed,
    total: priced.totals.total,
  });
  const id = await inTransaction(ctx, async (ctx) => {
    const existing = await repo.findOrderOfQuote(ctx.db, quoteId);
    if (existing) throw new AppError('CONFLICT', 'orderExists');
    return createDraftOrder(
      ctx,
      actor,
      {
        title: quote.title,
        customerId: quote.customerId,
        contactId: quote.contactId,
        opportunityId: quote.opportunityId,
        quoteId,
        currency: quote.currency,
        discountBp: toBasisPoints(quote.discountPercent),
        requestedDeliveryDate: null,
        shippingAddress: null,
        warehouseId: null,
        terms: quote.terms,
        notes: null,
      },
      priced,
      redemption,
    );
  });
  return getOrder(ctx, actor, id);
}

/** Only a draft changes (a rejected order is a draft again); lines replace all lines. */
export async function updateOrder(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof OrderPatch>,
): Promise<OrderDetail> {
  const current = await getOrder(ctx, actor, id);
  if (current.status === 'pending_approval') throw new AppError('CONFLICT', 'approvalPending');
  if (current.status !== 'draft') throw new AppError('CONFLICT', 'orderLocked');
  const merged = {
    contactId: patch.contactId !== undefined ? patch.contactId : current.contactId,
    opportunityId: patch.opportunityId !== undefined ? patch.opportunityId : current.opportunityId,
  };
  await assertParties(ctx, actor, current.customerId, merged);
  if (patch.warehouseId !== undefined) await assertWarehouse(ctx, patch.warehouseId);
  const { discountPercent, priced } = await repricePatched(ctx, actor, current, patch);
  const currency = patch.currency ?? current.currency;
  const redemption = await redemptionFor(ctx, {
    customerId: current.customerId,
    currency,
    points: patch.pointsRedeemed !== undefined ? (patch.pointsRedeemed ?? 0) : current.pointsRedeemed,
    total: priced.totals.total,
    heldPoints: current.pointsRedeemed,
  });
  await inTransaction(ctx, async (ctx) => {
    const changed = await updateInStatus(ctx.db, 'orders', id, 'draft', {
      title: patch.title ?? current.title,
      contactId: merged.contactId ?? null,
      opportunityId: merged.opportunityId ?? null,
      currency,
      discountBp: toBasisPoints(discountPercent),
      ...lessPoints(priced.totals, redemption),
      requestedDeliveryDate:
        patch.requestedDeliveryDate !== undefined
          ? (patch.requestedDeliveryDate ?? null)
          : current.requestedDeliveryDate,
      shippingAddress: patch.shippingAddress !== undefined ? (patch.shippingAddress ?? null) : current.shippingAddress,
      warehouseId: patch.warehouseId !== undefined ? (patch.warehouseId ?? null) : current.warehouseId,
      terms: patch.terms !== undefined ? (patch.terms ?? null) : current.terms,
      notes: patch.notes !== undefined ? (patch.notes ?? null) : current.notes,
      ...updatedStamps(actor),
    });
    if (!changed) throw new AppError('CONFLICT', 'orderLocked');
    await writeLines(ctx.db, id, priced.lines);
    await holdOrderPoints(ctx, actor, { orderId: id, customerId: current.customerId, points: redemption.points });
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'orders',
      entityId: id,
      detail: { total: money(priced.totals.total - redemption.amount) },
    });
  });
  return getOrder(ctx, actor, id);
}

/** Cancels an order not yet delivered, or terminates one partly delivered; the reason is kept. */
export async function closeOrder(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<OrderDetail> {
  const current = await getOrder(ctx, actor, id);
  const next =
    current.status === 'partially_delivered'
      ? 'terminated'
      : current.status === 'draft' || current.status === 'approved'
        ? 'cancelled'
        : null;
  if (!next) throw new AppError('CONFLICT', current.status === 'pending_approval' ? 'approvalPending' : 'orderLocked');
  await inTransaction(ctx, async (ctx) => {
    const changed = await updateInStatus(ctx.db, 'orders', id, current.status, {
      status: next,
      closeReason: reason,
      closedAt: nowIso(),
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    if (!changed) throw new AppError('CONFLICT', 'orderLocked');
    await releaseForOrder(ctx.db, id);
    // A cancelled order gives its member back the points it redeemed; a terminated one was partly delivered on them.
    if (next === 'cancelled')
      await holdOrderPoints(ctx, actor, { orderId: id, customerId: current.customerId, points: 0 });
    await writeAudit(ctx.db, actor, {
      action: 'status_change',
      entity: 'orders',
      entityId: id,
      detail: { from: current.status, to: next, reason },
    });
  });
  return getOrder(ctx, actor, id);
}

/** A fully delivered order is completed once its paperwork is done. */
export async function completeOrder(ctx: AppContext, actor: Actor, id: number): Promise<OrderDetail> {
  const current = await getOrder(ctx, actor, id);
  if (current.status !== 'delivered') throw new AppError('CONFLICT', 'orderNotDelivered');
  await inTransaction(ctx, async (ctx) => {
    const changed = await updateInStatus(ctx.db, 'orders', id, 'delivered', {
      status: 'completed',
      closedAt: nowIso(),
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    // Another request changed it since it was read: say so instead of recording a change that did not happen.
    if (!changed) throw new AppError('CONFLICT', 'orderNotDelivered');
    await writeAudit(ctx.db, actor, {
      action: 'status_change',
      entity: 'orders',
      entityId: id,
      detail: { from: 'delivered', to: 'completed' },
    });
  });
  return getOrder(ctx, actor, id);
}

export async function deleteOrder(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const current = await getOrder(ctx, actor, id);
  if (current.status !== 'draft' && current.status !== 'cancelled') throw new AppError('CONFLICT', 'orderLocked');
  await inTransaction(ctx, async (ctx) => {
    await repo.updateOrder(ctx.db, id, { deletedAt: nowIso(), deletedBy: actor.userId });
    await holdOrderPoints(ctx, actor, { orderId: id, customerId: current.customerId, points: 0 });
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'orders',
      entityId: id,
      detail: { number: current.number },
    });
  });
}

export const ordersOwnership: OwnedEntity = {
  entity: 'orders',
  transfer: (trx, fromUserId, to) =>
    handOverDocuments(trx, 'orders', fromUserId, to, nowIso(), ['not in', ['completed', 'cancelled', 'terminated']]),
};

/** Submits a draft: through its approval flow when one applies, otherwise approved at once. */
export async function submitOrder(ctx: AppContext, actor: Actor, id: number): Promise<OrderDetail> {
  await submitOrApprove(ctx, actor, 'order', id);
  return getOrder(ctx, actor, id);
}

/** An order as PDF, in the customer's language unless asked: the same layout as a quote's. */
export async function orderPdf(
  ctx: AppContext,
  actor: Actor,
  id: number,
  requested?: Locale,
): Promise<{ number: string; locale: Locale; pdf: Buffer }> {
  const order = await getOrder(ctx, actor, id);
  const printed: PrintedDocument = {
    ...printedDocumentOf(order),
    kind: 'order',
    date: order.approvedAt ?? order.createdAt,
    deliveryDate: order.requestedDeliveryDate,
    shippingAddress: order.shippingAddress,
  };
  return { number: order.number, ...(await documentPdf(ctx, printed, order.customerId, requested)) };
}
