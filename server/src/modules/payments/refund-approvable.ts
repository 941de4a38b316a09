import { AppError, orNotFound } from '../../platform/errors.ts';
import { nowIso } from '../../db/time.ts';
import type { Approvable } from '../approvals/index.ts';
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
    const receipt = orNotFound(
      await ctx.db
        .selectFrom('receipts')
        .select(['status', 'approvalStatus', 'amount'])
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    if (
      receipt.status !== 'unconfirmed' ||
      Number(receipt.amount) >= 0 ||
      receipt.approvalStatus === 'approved' ||
      receipt.approvalStatus === 'pending'
    )
      throw new AppError('CONFLICT', 'receiptConfirmed');
  },
  async setState(trx, id, state) {
    const result = await trx
      .updateTable('receipts')
      .set({ approvalStatus: state, updatedAt: nowIso() })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('approvalStatus', 'is', null), eb('approvalStatus', '!=', 'approved')]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'receiptConfirmed');
  },
};
