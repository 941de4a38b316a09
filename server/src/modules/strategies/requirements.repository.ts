import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { CustomerRequirementTable, DB } from '../../db/schema.ts';
import { pageWithTotal } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** Requirements are seen by whoever sees their customer. */
function requirementColumns(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db
      .selectFrom('customerRequirements')
      .innerJoin('customers', 'customers.id', 'customerRequirements.customerId')
      .leftJoin('implementationPlans as plan', 'plan.id', 'customerRequirements.planId')
      .leftJoin('serviceStrategies as strategy', 'strategy.id', 'customerRequirements.strategyId')
      .leftJoin('users as creator', 'creator.id', 'customerRequirements.createdBy'),
    'customers',
    scope,
  )
    .selectAll('customerRequirements')
    .select([
      'customers.name as customerName',
      'customers.level as customerLevel',
      'plan.title as planTitle',
      'strategy.name as strategyName',
      'creator.displayName as createdByName',
    ])
    .where('customerRequirements.deletedAt', 'is', null);
}
export type RequirementRow = Awaited<ReturnType<ReturnType<typeof requirementColumns>['executeTakeFirstOrThrow']>>;

export type RequirementFilter = { customerId?: number; status?: string; category?: string };

/** A page of requirements, newest first, with the total of all that match. */
export function listRequirements(
  db: Kysely<DB>,
  scope: Scope,
  filter: RequirementFilter,
  page: { page: number; pageSize: number },
) {
  let qb = requirementColumns(db, scope);
  if (filter.customerId) qb = qb.where('customerRequirements.customerId', '=', filter.customerId);
  if (filter.status) qb = qb.where('customerRequirements.status', '=', filter.status);
  if (filter.category) qb = qb.where('customerRequirements.category', '=', filter.category);
  return pageWithTotal(qb.orderBy('customerRequirements.id', 'desc'), page);
}

export function findRequirement(db: Kysely<DB>, scope: Scope, id: number) {
  return requirementColumns(db, scope).where('customerRequirements.id', '=', id).executeTakeFirst();
}

export async function insertRequirement(db: Kysely<DB>, row: Insertable<CustomerRequirementTable>): Promise<number> {
  return (await db.insertInto('customerRequirements').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateRequirement(db: Kysely<DB>, id: number, values: Updateable<CustomerRequirementTable>) {
  return db.updateTable('customerRequirements').set(values).where('id', '=', id).execute();
}

/** Requirements still open, and how many of them urgent, per customer level and category. */
export function openRequirementCounts(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db.selectFrom('customerRequirements').innerJoin('customers', 'customers.id', 'customerRequirements.customerId'),
    'customers',
    scope,
  )
    .where('customerRequirements.deletedAt', 'is', null)
    .where('customerRequirements.status', 'in', ['open', 'in_progress'])
    .select([
      'customers.level as customerLevel',
      'customerRequirements.category',
      sql<number>`count(*)`.as('open'),
      sql<number>`sum(case when customer_requirements.urgency = 'urgent' then 1 else 0 end)`.as('urgent'),
    ])
    .groupBy(['customers.level', 'customerRequirements.category'])
    .execute();
}
