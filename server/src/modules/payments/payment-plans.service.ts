import { fromMinorUnits, type Instalment, type PaymentPlanInput, scaled, toMinorUnits } from '@relate/common';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { nowIso, todayIn } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './instalments.repository.ts';
import { findOrderInScope } from './orders.repository.ts';

export function toInstalment(row: repo.InstalmentRow, today: string): Instalment {
  const outstanding = Number(row.amount) - Number(row.received);
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    customerId: row.customerId,
    customerName: row.customerName,
    seq: row.seq,
    dueDate: row.dueDate,
    amount: fromMinorUnits(Number(row.amount)),
    received: fromMinorUnits(Number(row.received)),
    outstanding: fromMinorUnits(outstanding),
    currency: row.currency,
    status: outstanding <= 0 ? 'paid' : Number(row.received) > 0 ? 'partial' : 'open',
    daysOverdue: outstanding > 0 && row.dueDate < today ? dayjs(today).diff(dayjs(row.dueDate), 'day') : 0,
  };
}

/** Receivables follow the order's data scope: who may see an order sees what is owed on it. */
export function receivableScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'orders');
}

export async function instalmentsOfOrder(ctx: AppContext, actor: Actor, orderId: number): Promise<Instalment[]> {
  const scope = await receivableScope(ctx, actor);
  orNotFound(await findOrderInScope(ctx.db, scope, orderId));
  const { timezone } = await getSettings(ctx.db);
  const rows = await repo.instalmentsOfOrder(ctx.db, orderId);
  return rows.map((r) => toInstalment(r, todayIn(timezone)));
}

/**
 * Sets an order's payment plan: instalments by amount or percentage that add up exactly to the
 * order total (percentages are rounded and the last instalment takes the remainder). Instalments
 * that have received money are kept as they are.
 */
export async function setPaymentPlan(
  ctx: AppContext,
  actor: Actor,
  orderId: number,
  input: z.output<typeof PaymentPlanInput>,
): Promise<Instalment[]> {
  const scope = await receivableScope(ctx, actor);
  const order = orNotFound(await findOrderInScope(ctx.db, scope, orderId));
  if (!can(actor, 'orders.edit')) throw forbidden();
  if (['draft', 'cancelled', 'terminated'].includes(order.status)) throw new AppError('CONFLICT', 'orderLocked');
  const total = Number(order.total);
  let assigned = 0;
  const amounts = input.instalments.map((item, i) => {
    const last = i === input.instalments.length - 1;
    const amount =
      item.amount !== undefined
        ? toMinorUnits(item.amount)
        : last && input.instalments.every((x) => x.percent !== undefined)
          ? total - assigned
          : Number((BigInt(total) * scaled(item.percent!, 2) + 5000n) / 10000n);
    assigned += amount;
    return amount;
  });
  if (assigned !== total) throw fieldError('instalments', 'planMustMatchTotal', { total: fromMinorUnits(total) });
  const now = nowIso();
  await inTransaction(ctx, async (ctx) => {
    if (await repo.hasReceivedInstalment(ctx.db, orderId)) throw new AppError('CONFLICT', 'planHasReceipts');
    await repo.deleteInstalmentsOfOrder(ctx.db, orderId);
    await repo.insertInstalments(
      ctx.db,
      input.instalments.map((item, i) => ({
        orderId,
        customerId: order.customerId,
        seq: i + 1,
        dueDate: item.dueDate,
        amount: amounts[i],
        received: 0,
        currency: order.currency,
        ownerId: order.ownerId,
        departmentId: order.departmentId,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'orders',
      entityId: orderId,
      detail: {
        paymentPlan: input.instalments.map((x, i) => ({ dueDate: x.dueDate, amount: fromMinorUnits(amounts[i]) })),
      },
    });
  });
  return instalmentsOfOrder(ctx, actor, orderId);
}
