import { AppError, orNotFound } from '../../platform/errors.ts';
import { nowIso } from '../../db/time.ts';
import type { Approvable } from '../approvals/index.ts';
import { recomputable, statementLocked } from './generation.service.ts';
import { findStatement, moveStatement } from './statements.repository.ts';
import { getStatement } from './statements.service.ts';

/**
 * A commission statement is approved before it is paid, and locked once approved: submitted while the
 * approvers decide, rejected back to something that may be computed again, withdrawn back to a draft.
 * Its fact is its total (one that pays nothing or less counts as 0).
 */
export const statementApprovable: Approvable = {
  type: 'commission',
  entity: 'commissionStatements',
  async load(ctx, actor, id) {
    const statement = await getStatement(ctx, actor, id);
    const total = statement.total.startsWith('-') ? '0.00' : statement.total;
    return {
      title: `${statement.userName} ${statement.month}`,
      amount: statement.total,
      facts: { total },
      departmentId: statement.departmentId,
    };
  },
  async assertSubmittable(ctx, id) {
    const statement = orNotFound(await findStatement(ctx.db, { kind: 'all' }, id));
    if (!recomputable(statement.status)) throw statementLocked(statement.status);
  },
  async setState(trx, id, state) {
    const at = nowIso();
    const locked = { status: 'locked', approvedAt: at, lockedAt: at, updatedAt: at };
    const moved =
      state === 'pending'
        ? await moveStatement(trx, id, ['draft', 'rejected'], { status: 'submitted', submittedAt: at, updatedAt: at })
        : state === 'approved'
          ? // By the last approver; or at once, from a draft, when no flow applies.
            (await moveStatement(trx, id, ['submitted'], locked)) ||
            (await moveStatement(trx, id, ['draft', 'rejected'], { ...locked, submittedAt: at }))
          : await moveStatement(trx, id, ['submitted'], { status: state ?? 'draft', updatedAt: at });
    if (!moved) throw new AppError('CONFLICT', 'statementChanged');
  },
};
