import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/scope.ts';

/** Active users in `scope` (as the owners of records: themself, or the users of its departments), optionally within some departments. */
export function listActiveUsersInScope(db: Kysely<DB>, scope: Scope, departmentIds?: number[]) {
  let qb = db.selectFrom('users').select(['id', 'displayName', 'departmentId']).where('status', '=', 'active');
  if (departmentIds) qb = qb.where('departmentId', 'in', departmentIds);
  if (scope.kind === 'own') qb = qb.where('id', '=', scope.userId);
  if (scope.kind === 'departments') qb = qb.where('departmentId', 'in', scope.departmentIds);
  return qb.orderBy('id').execute();
}

/** The roles of each of these users: their code (null for a role made by the company) and permissions. */
export function rolesOfUsers(db: Kysely<DB>, userIds: number[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .selectFrom('userRoles')
    .innerJoin('roles', 'roles.id', 'userRoles.roleId')
    .select(['userRoles.userId', 'roles.code', 'roles.permissions'])
    .where('userRoles.userId', 'in', userIds)
    .execute();
}

/** Won opportunities of each owner and currency closed in [from, to): amount (minor units) and count. */
export function sumWonByOwner(db: Kysely<DB>, userIds: number[], from: string, to: string) {
  return db
    .selectFrom('opportunities')
    .select([
      'ownerId',
      'currency',
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('amount'),
      (eb) => eb.fn.countAll<number>().as('deals'),
    ])
    .where('status', '=', 'won')
    .where('deletedAt', 'is', null)
    .where('closedAt', '>=', from)
    .where('closedAt', '<', to)
    .where('ownerId', 'in', userIds)
    .groupBy(['ownerId', 'currency'])
    .execute();
}

export function countCustomersByCreator(db: Kysely<DB>, userIds: number[], from: string, to: string) {
  return db
    .selectFrom('customers')
    .select(['createdBy', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deletedAt', 'is', null)
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .where('createdBy', 'in', userIds)
    .groupBy('createdBy')
    .execute();
}

export function countFollowupsByOwner(db: Kysely<DB>, userIds: number[], from: string, to: string) {
  return db
    .selectFrom('followups')
    .select(['ownerId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deletedAt', 'is', null)
    .where('occurredAt', '>=', from)
    .where('occurredAt', '<', to)
    .where('ownerId', 'in', userIds)
    .groupBy('ownerId')
    .execute();
}
