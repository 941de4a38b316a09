import { liveColumn, updateInStatus } from '../../db/record-guards.ts';
import { nowIso } from '../../db/time.ts';
import { AppError, orNotFound } from '../../platform/errors.ts';
import type { Approvable } from '../approvals/index.ts';
import { getContract } from './contracts.service.ts';

/** A contract is approved before it comes into force; its fact is its amount. */
export const contractApprovable: Approvable = {
  type: 'contract',
  entity: 'contracts',
  async load(ctx, actor, id) {
    const contract = await getContract(ctx, actor, id);
    return {
      title: `${contract.number} ${contract.name}`,
      amount: contract.amount,
      facts: { amount: contract.amount },
      departmentId: null,
    };
  },
  async assertSubmittable(ctx, id) {
    const contract = orNotFound(await liveColumn(ctx.db, 'contracts', id, 'status'));
    if (contract.status !== 'draft') throw new AppError('CONFLICT', 'contractLocked');
  },
  async setState(trx, id, state) {
    const status = state === 'pending' ? 'pending_approval' : state === 'approved' ? 'in_force' : 'draft';
    const changed = await updateInStatus(trx, 'contracts', id, ['draft', 'pending_approval'], {
      status,
      updatedAt: nowIso(),
    });
    if (!changed) throw new AppError('CONFLICT', 'contractLocked');
  },
};
