import { scaled } from '@relate/common';
import { liveColumn, updateInStatus } from '../../db/record-guards.ts';
import { nowIso } from '../../db/time.ts';
import { AppError, orNotFound } from '../../platform/errors.ts';
import type { Approvable } from '../approvals/index.ts';
import { reserveForOrder } from '../inventory/index.ts';
import { getOrder } from './orders.service.ts';

/** An order is approved as a whole before it can be delivered; its facts are its deepest discount and its total. */
export const orderApprovable: Approvable = {
  type: 'order',
  entity: 'orders',
  async load(ctx, actor, id) {
    const order = await getOrder(ctx, actor, id);
    const deepest = [order.discountPercent, ...order.lines.map((l) => l.discountPercent)].reduce(
      (max, d) => (scaled(d, 2) > scaled(max, 2) ? d : max),
      '0',
    );
    return {
      title: `${order.number} ${order.title}`,
      amount: order.total,
      facts: { discountPercent: deepest, total: order.total },
      departmentId: null,
    };
  },
  async assertSubmittable(ctx, id) {
    const order = orNotFound(await liveColumn(ctx.db, 'orders', id, 'status'));
    if (order.status !== 'draft') throw new AppError('CONFLICT', 'orderLocked');
  },
  async setState(trx, id, state) {
    const status = state === 'pending' ? 'pending_approval' : state === 'approved' ? 'approved' : 'draft';
    const changed = await updateInStatus(trx, 'orders', id, ['draft', 'pending_approval'], {
      status,
      ...(state === 'approved' ? { approvedAt: nowIso() } : {}),
      updatedAt: nowIso(),
    });
    if (!changed) throw new AppError('CONFLICT', 'orderLocked');
    if (state === 'approved') await reserveForOrder(trx, id);
  },
};
