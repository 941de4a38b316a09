import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  CommissionPlanAssignmentTable,
  CommissionPlanRateTable,
  CommissionPlanTable,
  CommissionPlanTierTable,
  DB,
} from '../../db/schema.ts';

export type PlanRow = Selectable<CommissionPlanTable>;

export function findPlan(db: Kysely<DB>, id: number) {
  return db.selectFrom('commissionPlans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A page of plans, active ones first, then by name; and how many there are. */
export async function listPlans(db: Kysely<DB>, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('commissionPlans')
      .selectAll()
      .orderBy('active', 'desc')
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('commissionPlans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The rates (with their category's name), tiers and assignments (with names) of these plans. */
export async function partsOf(db: Kysely<DB>, planIds: number[]) {
  if (!planIds.length) return { rates: [], tiers: [], assignments: [], statements: [] };
  const [rates, tiers, assignments, statements] = await Promise.all([
    db
      .selectFrom('commissionPlanRates as r')
      .leftJoin('productCategories as c', 'c.id', 'r.categoryId')
      .select(['r.planId', 'r.categoryId', 'c.name as categoryName', 'r.customerLevel', 'r.rateBp'])
      .where('r.planId', 'in', planIds)
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('commissionPlanTiers')
      .selectAll()
      .where('planId', 'in', planIds)
      .orderBy('planId')
      .orderBy('fromBp')
      .execute(),
    db
      .selectFrom('commissionPlanAssignments as a')
      .leftJoin('users as u', 'u.id', 'a.userId')
      .leftJoin('roles as ro', 'ro.id', 'a.roleId')
      .select(['a.planId', 'a.userId', 'a.roleId', 'u.displayName as userName', 'ro.name as roleName'])
      .where('a.planId', 'in', planIds)
      .execute(),
    db
      .selectFrom('commissionStatements')
      .select(['planId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('planId', 'in', planIds)
      .groupBy('planId')
      .execute(),
  ]);
  return { rates, tiers, assignments, statements };
}

export async function insertPlan(db: Kysely<DB>, row: Insertable<CommissionPlanTable>): Promise<number> {
  return (await db.insertInto('commissionPlans').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePlan(db: Kysely<DB>, id: number, values: Updateable<CommissionPlanTable>) {
  await db.updateTable('commissionPlans').set(values).where('id', '=', id).execute();
}

/** Replaces a plan's rates, tiers and assignments. */
export async function replaceParts(
  db: Kysely<DB>,
  planId: number,
  parts: {
    rates: Array<Omit<Insertable<CommissionPlanRateTable>, 'planId'>>;
    tiers: Array<Omit<CommissionPlanTierTable, 'planId'>>;
    assignments: Array<Omit<CommissionPlanAssignmentTable, 'planId'>>;
  },
) {
  await db.deleteFrom('commissionPlanRates').where('planId', '=', planId).execute();
  await db.deleteFrom('commissionPlanTiers').where('planId', '=', planId).execute();
  await db.deleteFrom('commissionPlanAssignments').where('planId', '=', planId).execute();
  if (parts.rates.length)
    await db
      .insertInto('commissionPlanRates')
      .values(parts.rates.map((r) => ({ ...r, planId })))
      .execute();
  if (parts.tiers.length)
    await db
      .insertInto('commissionPlanTiers')
      .values(parts.tiers.map((r) => ({ ...r, planId })))
      .execute();
  if (parts.assignments.length)
    await db
      .insertInto('commissionPlanAssignments')
      .values(parts.assignments.map((r) => ({ ...r, planId })))
      .execute();
}

export async function deletePlan(db: Kysely<DB>, id: number) {
  await db.deleteFrom('commissionPlans').where('id', '=', id).execute();
}

/** Which of these ids are users, categories and roles. */
export async function existing(db: Kysely<DB>, ids: { users: number[]; roles: number[]; categories: number[] }) {
  const [users, roles, categories] = await Promise.all([
    ids.users.length ? db.selectFrom('users').select('id').where('id', 'in', ids.users).execute() : [],
    ids.roles.length ? db.selectFrom('roles').select('id').where('id', 'in', ids.roles).execute() : [],
    ids.categories.length
      ? db.selectFrom('productCategories').select('id').where('id', 'in', ids.categories).execute()
      : [],
  ]);
  const set = (rows: Array<{ id: number }>) => new Set(rows.map((r) => r.id));
  return { users: set(users), roles: set(roles), categories: set(categories) };
}

/**
 * The active plans in force on some day of a month (started by its last day, not ended before its
 * first), with who they are assigned to: a user, or the active holders of a role.
 */
export function plansInForce(db: Kysely<DB>, firstDay: string, lastDay: string) {
  return db
    .selectFrom('commissionPlans as p')
    .innerJoin('commissionPlanAssignments as a', 'a.planId', 'p.id')
    .leftJoin('userRoles as ur', 'ur.roleId', 'a.roleId')
    .innerJoin('users as u', (join) =>
      join.on((eb) => eb.or([eb('u.id', '=', eb.ref('a.userId')), eb('u.id', '=', eb.ref('ur.userId'))])),
    )
    .select(['p.id as planId', 'p.startDate', 'u.id as userId', 'a.userId as directUserId', 'u.status'])
    .where('p.active', '=', 1)
    .where('p.startDate', '<=', lastDay)
    .where((eb) => eb.or([eb('p.endDate', 'is', null), eb('p.endDate', '>=', firstDay)]))
    .execute();
}
