import { AppError, orNotFound } from '../../platform/errors.ts';
import { nowIso } from '../../db/time.ts';
import type { Approvable } from '../approvals/index.ts';
import { findRefundState, setApprovalState } from './receipts.repository.ts';
import { getReceipt } from './receipts.service.ts';

/** A refund (a negative receipt) is approved before finance pays it out; its fact is the amount refunded. */
export const refundApprovable: Approvable = {
  type: 'refund',
  entity: 'receipts',
  async load(ctx, actor, id) {
    const receipt = await getReceipt(ctx, actor, id);
    const amount = receipt.amount.replace('-', '');
    return { title: `${receipt.number} ${receipt.customerName}`, amount, facts: { amount }, departmentId: null };
  },
  async assertSubmittable(ctx, id) {
    const receipt = orNotFound(await findRefundState(ctx.db, id));
    if (
      receipt.status !== 'unconfirmed' ||
      Number(receipt.amount) >= 0 ||
      receipt.approvalStatus === 'approved' ||
      receipt.approvalStatus === 'pending'
    )
      throw new AppError('CONFLICT', 'receiptConfirmed');
  },
  async setState(trx, id, state) {
    if (!(await setApprovalState(trx, id, state, nowIso()))) throw new AppError('CONFLICT', 'receiptConfirmed');
  },
};
