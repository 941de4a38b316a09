import { nowIso } from '../../db/time.ts';
import { AppError, orNotFound } from '../../platform/errors.ts';
import type { Approvable } from '../approvals/index.ts';
import { findRequestState, moveRequest } from './invoice-requests.repository.ts';
import { getInvoiceRequest } from './invoice-requests.service.ts';

/** An invoice request (开票申请) is approved by finance before the invoice is issued; its fact is the amount. */
export const invoiceRequestApprovable: Approvable = {
  type: 'invoice_request',
  entity: 'invoiceRequests',
  async load(ctx, actor, id) {
    const request = await getInvoiceRequest(ctx, actor, id);
    return {
      title: `${request.buyerTitle} ${request.amount}`,
      amount: request.amount,
      facts: { amount: request.amount },
      departmentId: null,
    };
  },
  async assertSubmittable(ctx, id) {
    const request = orNotFound(await findRequestState(ctx.db, id));
    if (request.status !== 'draft' && request.status !== 'rejected')
      throw new AppError('CONFLICT', 'invoiceRequestSubmitted');
  },
  async setState(trx, id, state) {
    const now = nowIso();
    const moved =
      state === 'pending'
        ? await moveRequest(trx, id, ['draft', 'rejected'], { status: 'pending', updatedAt: now })
        : state === 'approved'
          ? await moveRequest(trx, id, ['draft', 'rejected', 'pending'], { status: 'approved', updatedAt: now })
          : state === 'rejected'
            ? await moveRequest(trx, id, ['pending'], { status: 'rejected', updatedAt: now })
            : await moveRequest(trx, id, ['pending'], { status: 'draft', updatedAt: now });
    if (!moved) throw new AppError('CONFLICT', 'invoiceRequestSubmitted');
  },
};
