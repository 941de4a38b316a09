import { type DeliveryInput, divideRounded, type OrderDetail } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { toMilli } from '../../platform/quantity.ts';
import { type DeliveredLine, takeForDelivery, toCompanyCurrency } from '../inventory/index.ts';
import { toBasisPoints } from '../../platform/percent.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './deliveries.repository.ts';
import * as ordersRepo from './orders.repository.ts';
import { getOrder } from './orders.service.ts';

/**
 * What each delivered part earned, after the order discount and in the company currency. The part
 * that completes a line takes what is left of the line, so a line's parts add up to it exactly.
 */
async function revenueOf(trx: Kysely<DB>, order: OrderDetail, lines: DeliveredLine[]): Promise<Map<number, number>> {
  const settings = await getSettings(trx);
  const discountBp = BigInt(toBasisPoints(order.discountPercent));
  const rows = await repo.orderLineFigures(
    trx,
    lines.map((l) => l.orderLineId),
  );
  const revenues = new Map<number, number>();
  for (const line of lines) {
    const row = rows.find((r) => r.id === line.orderLineId);
    if (!row) continue;
    const lineRevenue = toCompanyCurrency(
      Number(divideRounded(BigInt(row.net) * (10_000n - discountBp), 10_000n, settings.roundingRule)),
      order.currency,
      settings,
    );
    if (Number(row.deliveredMilli) >= Number(row.quantityMilli)) {
      revenues.set(line.orderLineId, lineRevenue - (await repo.deliveredRevenueOfLine(trx, line.orderLineId)));
    } else {
      revenues.set(
        line.orderLineId,
        Number(
          divideRounded(BigInt(lineRevenue) * BigInt(line.milli), BigInt(row.quantityMilli), settings.roundingRule),
        ),
      );
    }
  }
  return revenues;
}

/**
 * Records a delivery of some or all of an approved order's lines. Each line's delivered quantity
 * grows only while it stays within what was ordered — checked in the same statement that adds it,
 * so two deliveries at once cannot both take the last units — and the order's status follows.
 */
export async function recordDelivery(
  ctx: AppContext,
  actor: Actor,
  orderId: number,
  input: z.output<typeof DeliveryInput>,
): Promise<OrderDetail> {
  const order = await getOrder(ctx, actor, orderId);
  if (order.status !== 'approved' && order.status !== 'partially_delivered')
    throw new AppError('CONFLICT', 'orderNotDeliverable');
  const seen = new Set<number>();
  const wanted = input.lines.map((line, i) => {
    if (!order.lines.some((l) => l.id === line.orderLineId))
      throw fieldError(`lines.${i}.orderLineId`, 'notFoundOrHidden');
    if (seen.has(line.orderLineId)) throw fieldError(`lines.${i}.orderLineId`, 'duplicateInFile', { row: i + 1 });
    seen.add(line.orderLineId);
    return { orderLineId: line.orderLineId, milli: toMilli(line.quantity), index: i };
  });
  await inTransaction(ctx, async (ctx) => {
    for (const line of wanted) {
      if (!(await repo.addDeliveredQuantity(ctx.db, orderId, line.orderLineId, line.milli)))
        throw fieldError(`lines.${line.index}.quantity`, 'moreThanRemaining');
    }
    const count = await repo.countDeliveries(ctx.db, orderId);
    const deliveryId = await repo.insertDelivery(ctx.db, {
      orderId,
      number: `${order.number}-D${count + 1}`,
      deliveredOn: input.deliveredOn,
      carrier: input.carrier ?? null,
      trackingNumber: input.trackingNumber ?? null,
      recipient: input.recipient ?? null,
      notes: input.notes ?? null,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    const costs = await takeForDelivery(
      ctx.db,
      { orderId, deliveryId, warehouseId: order.warehouseId, userId: actor.userId },
      wanted,
    );
    const revenues = await revenueOf(ctx.db, order, wanted);
    await repo.insertDeliveryLines(
      ctx.db,
      wanted.map((l) => ({
        deliveryId,
        orderLineId: l.orderLineId,
        quantityMilli: l.milli,
        revenueMinor: revenues.get(l.orderLineId) ?? 0,
        costMinor: costs.get(l.orderLineId) ?? 0,
      })),
    );
    const status = (await repo.hasUndeliveredLine(ctx.db, orderId)) ? 'partially_delivered' : 'delivered';
    await ordersRepo.updateOrder(ctx.db, orderId, { status, updatedBy: actor.userId, updatedAt: nowIso() });
    await writeAudit(ctx.db, actor, {
      action: 'deliver',
      entity: 'orders',
      entityId: orderId,
      detail: { deliveryId, lines: input.lines, status },
    });
  });
  return getOrder(ctx, actor, orderId);
}
