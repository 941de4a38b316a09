import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ImplementationPlanTable, PlanNoteTable, PlanVersionTable } from '../../db/schema.ts';
import { pageWithTotal } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** Plans are seen by whoever sees their customer. */
function planColumns(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db
      .selectFrom('implementationPlans')
      .innerJoin('customers', 'customers.id', 'implementationPlans.customerId')
      .leftJoin('users as owner', 'owner.id', 'implementationPlans.ownerId'),
    'customers',
    scope,
  )
    .selectAll('implementationPlans')
    .select(['customers.name as customerName', 'customers.level as customerLevel', 'owner.displayName as ownerName'])
    .where('implementationPlans.deletedAt', 'is', null);
}
export type PlanRow = Awaited<ReturnType<ReturnType<typeof planColumns>['executeTakeFirstOrThrow']>>;

export type PlanFilter = { customerId?: number; status?: string };

/** A page of plans, latest changed first, with the total of all that match. */
export function listPlans(db: Kysely<DB>, scope: Scope, filter: PlanFilter, page: { page: number; pageSize: number }) {
  let qb = planColumns(db, scope);
  if (filter.customerId) qb = qb.where('implementationPlans.customerId', '=', filter.customerId);
  if (filter.status) qb = qb.where('implementationPlans.status', '=', filter.status);
  return pageWithTotal(
    qb.orderBy('implementationPlans.updatedAt', 'desc').orderBy('implementationPlans.id', 'desc'),
    page,
  );
}

export function findPlan(db: Kysely<DB>, scope: Scope, id: number) {
  return planColumns(db, scope).where('implementationPlans.id', '=', id).executeTakeFirst();
}

/** The customer of a plan that is not deleted, whoever may see it. */
export function findPlanCustomer(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('implementationPlans')
    .select('customerId')
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export async function insertPlan(db: Kysely<DB>, row: Insertable<ImplementationPlanTable>): Promise<number> {
  return (await db.insertInto('implementationPlans').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Changes a plan only if it is still at `version`; answers whether it was. */
export async function updatePlanAtVersion(
  db: Kysely<DB>,
  id: number,
  version: number,
  values: Updateable<ImplementationPlanTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('implementationPlans')
    .set(values)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function touchPlan(db: Kysely<DB>, id: number, at: string) {
  return db.updateTable('implementationPlans').set({ updatedAt: at }).where('id', '=', id).execute();
}

export function insertPlanVersion(db: Kysely<DB>, row: Insertable<PlanVersionTable>) {
  return db.insertInto('planVersions').values(row).execute();
}

/** A plan's versions, newest first, with who made each. */
export function listPlanVersions(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('planVersions')
    .leftJoin('users', 'users.id', 'planVersions.editedBy')
    .select([
      'planVersions.version',
      'planVersions.snapshot',
      'users.displayName as editedByName',
      'planVersions.createdAt',
    ])
    .where('planVersions.planId', '=', planId)
    .orderBy('planVersions.version', 'desc')
    .execute();
}

/** The notes of these plans in the order they were written, with their authors' names. */
export function notesOfPlans(db: Kysely<DB>, planIds: number[]) {
  return db
    .selectFrom('planNotes')
    .leftJoin('users', 'users.id', 'planNotes.authorId')
    .select([
      'planNotes.id',
      'planNotes.planId',
      'planNotes.body',
      'users.displayName as authorName',
      'planNotes.createdAt',
    ])
    .where('planNotes.planId', 'in', planIds)
    .orderBy('planNotes.id')
    .execute();
}

export function insertPlanNote(db: Kysely<DB>, row: Insertable<PlanNoteTable>) {
  return db.insertInto('planNotes').values(row).execute();
}
