import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** The first 20 live customers in scope whose next follow-up is due by `dueBy`, soonest first. */
export function listFollowupsDue(db: Kysely<DB>, scope: Scope, dueBy: string) {
  return whereInScope(db.selectFrom('customers'), 'customers', scope)
    .leftJoin('users', 'users.id', 'customers.ownerId')
    .select(['customers.id', 'customers.name', 'customers.nextFollowupAt', 'users.displayName as ownerName'])
    .where('customers.deletedAt', 'is', null)
    .where('customers.nextFollowupAt', '<=', dueBy)
    .orderBy('customers.nextFollowupAt')
    .limit(20)
    .execute();
}

/** Whose activity to show: one user, the users of some departments, or (neither given) everyone. */
export type ActivityAuthors = { userId?: number; departmentIds?: number[] };

/** The 20 latest audit entries that record work (creating, changing, converting, claiming, assigning) by the authors. */
export function listRecentActivity(db: Kysely<DB>, authors: ActivityAuthors) {
  let qb = db
    .selectFrom('auditLogs')
    .selectAll()
    .where('action', 'in', ['create', 'update', 'convert', 'stage_change', 'claim', 'assign']);
  if (authors.userId !== undefined) qb = qb.where('userId', '=', authors.userId);
  else if (authors.departmentIds)
    qb = qb.where(
      'userId',
      'in',
      db.selectFrom('users').select('id').where('departmentId', 'in', authors.departmentIds),
    );
  return qb.orderBy('id', 'desc').limit(20).execute();
}

/** Open opportunities in scope on the default pipeline, counted and summed per stage, in stage order. */
export function openFunnelByStage(db: Kysely<DB>, scope: Scope) {
  return whereInScope(db.selectFrom('opportunities'), 'opportunities', scope)
    .innerJoin('pipelineStages as stage', 'stage.id', 'opportunities.stageId')
    .innerJoin('pipelines', 'pipelines.id', 'opportunities.pipelineId')
    .select((eb) => [
      'stage.code',
      'stage.probability',
      'stage.sortOrder',
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('opportunities.amount'), eb.val(0)).as('amount'),
    ])
    .where('opportunities.deletedAt', 'is', null)
    .where('opportunities.status', '=', 'open')
    .where('pipelines.isDefault', '=', 1)
    .groupBy(['stage.code', 'stage.probability', 'stage.sortOrder'])
    .orderBy('stage.sortOrder')
    .execute();
}

/** The first 20 pending requests whose current step waits on `approverId`'s decision. */
export function listApprovalsAwaiting(db: Kysely<DB>, approverId: number) {
  return db
    .selectFrom('approvalDecisions as d')
    .innerJoin('approvalRequests as r', (join) =>
      join.onRef('r.id', '=', 'd.requestId').onRef('r.currentStep', '=', 'd.step'),
    )
    .innerJoin('users as submitter', 'submitter.id', 'r.submittedBy')
    .select(['r.id', 'r.title', 'r.submittedAt', 'submitter.displayName as submittedByName'])
    .where('d.approverId', '=', approverId)
    .where('d.decision', '=', 'pending')
    .where('r.status', '=', 'pending')
    .orderBy('r.id')
    .limit(20)
    .execute();
}
