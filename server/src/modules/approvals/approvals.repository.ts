import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, ApprovalDecisionTable, ApprovalRequestTable } from '../../db/schema.ts';

/** The active members of a role. */
export function listActiveRoleMembers(db: Kysely<DB>, roleId: number) {
  return db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select('users.id')
    .where('userRoles.roleId', '=', roleId)
    .where('users.status', '=', 'active')
    .execute();
}

export function findDepartmentManager(db: Kysely<DB>, departmentId: number) {
  return db
    .selectFrom('departments')
    .select(['parentId', 'managerId'])
    .where('id', '=', departmentId)
    .executeTakeFirst();
}

/** Those of the given users who are active. */
export function listActiveUsers(db: Kysely<DB>, userIds: number[]) {
  return db.selectFrom('users').select('id').where('id', 'in', userIds).where('status', '=', 'active').execute();
}

export function findSubmitter(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').select(['id', 'departmentId']).where('id', '=', userId).executeTakeFirstOrThrow();
}

export function findPendingRequestOf(db: Kysely<DB>, documentType: string, documentId: number) {
  return db
    .selectFrom('approvalRequests')
    .select('id')
    .where('documentType', '=', documentType)
    .where('documentId', '=', documentId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function insertRequest(db: Kysely<DB>, row: Insertable<ApprovalRequestTable>): Promise<number> {
  return (await db.insertInto('approvalRequests').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateRequest(db: Kysely<DB>, id: number, values: Updateable<ApprovalRequestTable>) {
  return db.updateTable('approvalRequests').set(values).where('id', '=', id).execute();
}

/** Ends a request that is still pending; false when it no longer was. */
export async function closePendingRequest(db: Kysely<DB>, id: number, values: Updateable<ApprovalRequestTable>) {
  const done = await db
    .updateTable('approvalRequests')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export function findRequest(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('approvalRequests')
    .innerJoin('users', 'users.id', 'approvalRequests.submittedBy')
    .selectAll('approvalRequests')
    .select('users.displayName as submittedByName')
    .where('approvalRequests.id', '=', id)
    .executeTakeFirst();
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export type RequestFilter = {
  /** Requests waiting for this user's decision on their current step. */
  awaitingUserId?: number;
  submittedBy?: number;
  documentType?: string;
  documentId?: number;
};

/** The ids of one page of requests, newest first, and how many match. */
export async function listRequestIds(db: Kysely<DB>, filter: RequestFilter, page: { page: number; pageSize: number }) {
  let qb = db.selectFrom('approvalRequests');
  if (filter.submittedBy !== undefined) qb = qb.where('submittedBy', '=', filter.submittedBy);
  if (filter.awaitingUserId !== undefined) {
    const userId = filter.awaitingUserId;
    qb = qb
      .where('status', '=', 'pending')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('approvalDecisions as d')
            .select('d.id')
            .whereRef('d.requestId', '=', 'approvalRequests.id')
            .whereRef('d.step', '=', 'approvalRequests.currentStep')
            .where('d.approverId', '=', userId)
            .where('d.decision', '=', 'pending'),
        ),
      );
  }
  if (filter.documentType) qb = qb.where('documentType', '=', filter.documentType);
  if (filter.documentId) qb = qb.where('documentId', '=', filter.documentId);
  const { total } = await qb.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const ids = await qb
    .select('id')
    .orderBy('id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { ids: ids.map((r) => r.id), total: Number(total) };
}

/** The latest requests made for a document, newest first. */
export async function listRequestIdsOfDocument(db: Kysely<DB>, documentType: string, documentId: number) {
  const rows = await db
    .selectFrom('approvalRequests')
    .select('id')
    .where('documentType', '=', documentType)
    .where('documentId', '=', documentId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

export function insertDecisions(db: Kysely<DB>, rows: Insertable<ApprovalDecisionTable>[]) {
  return db.insertInto('approvalDecisions').values(rows).execute();
}

export function listDecisions(db: Kysely<DB>, requestId: number) {
  return db
    .selectFrom('approvalDecisions')
    .innerJoin('users', 'users.id', 'approvalDecisions.approverId')
    .select([
      'approvalDecisions.step',
      'approvalDecisions.approverId',
      'users.displayName as approverName',
      'approvalDecisions.decision',
      'approvalDecisions.comment',
      'approvalDecisions.decidedAt',
    ])
    .where('approvalDecisions.requestId', '=', requestId)
    .orderBy('approvalDecisions.step')
    .orderBy('approvalDecisions.id')
    .execute();
}

export async function isApproverOf(db: Kysely<DB>, requestId: number, userId: number): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('approvalDecisions')
      .select('id')
      .where('requestId', '=', requestId)
      .where('approverId', '=', userId)
      .executeTakeFirst(),
  );
}

/** Records an approver's pending decision on a step; false when they had none pending there. */
export async function recordDecision(
  db: Kysely<DB>,
  request: { id: number; step: number; approverId: number },
  values: { decision: string; comment: string | null; decidedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('approvalDecisions')
    .set(values)
    .where('requestId', '=', request.id)
    .where('step', '=', request.step)
    .where('approverId', '=', request.approverId)
    .where('decision', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Pending decisions of one step that are still awaited. */
export function listPendingDecisionsOfStep(db: Kysely<DB>, requestId: number, step: number) {
  return db
    .selectFrom('approvalDecisions')
    .select('id')
    .where('requestId', '=', requestId)
    .where('step', '=', step)
    .where('decision', '=', 'pending')
    .execute();
}

/** Marks the decisions still pending (of one step, or of the whole request) as skipped. */
export function skipPendingDecisions(db: Kysely<DB>, requestId: number, step?: number) {
  let qb = db.updateTable('approvalDecisions').set({ decision: 'skipped' }).where('requestId', '=', requestId);
  if (step !== undefined) qb = qb.where('step', '=', step);
  return qb.where('decision', '=', 'pending').execute();
}
