import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { contains, pinyinFormsHold } from '../../platform/search.ts';

/** Pooled customers (not deleted) counted by pool. */
export function countCustomersByPool(db: Kysely<DB>) {
  return db
    .selectFrom('customers')
    .select(['poolId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('poolId', 'is not', null)
    .where('deletedAt', 'is', null)
    .groupBy('poolId')
    .execute();
}

export type PoolCustomerFilter = { q?: string; level?: string };

function customersInPool(db: Kysely<DB>, poolId: number, filter: PoolCustomerFilter) {
  let qb = db.selectFrom('customers').where('poolId', '=', poolId).where('deletedAt', 'is', null);
  if (filter.level) qb = qb.where('level', '=', filter.level);
  if (filter.q) {
    const pinyin = pinyinFormsHold('customers.searchText', filter.q);
    const name = contains('name', filter.q);
    qb = qb.where((eb) => (pinyin ? eb.or([name, pinyin]) : name));
  }
  return qb;
}

export async function countCustomersInPool(db: Kysely<DB>, poolId: number, filter: PoolCustomerFilter) {
  const { total } = await customersInPool(db, poolId, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(total);
}

/** One page of a pool's customers, the latest to change first. */
export function listCustomersInPool(
  db: Kysely<DB>,
  poolId: number,
  filter: PoolCustomerFilter,
  page: { page: number; pageSize: number },
) {
  return customersInPool(db, poolId, filter)
    .select(['id', 'code', 'name', 'level', 'industry', 'province', 'city', 'lastFollowupAt', 'updatedAt'])
    .orderBy('updatedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
}

export async function poolHasCustomers(db: Kysely<DB>, poolId: number): Promise<boolean> {
  return Boolean(
    await db.selectFrom('customers').select('id').where('poolId', '=', poolId).limit(1).executeTakeFirst(),
  );
}

/** Locks a user's row until the transaction ends (PostgreSQL only), so their claims are counted one at a time. */
export function lockUser(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}

export function findLiveCustomer(db: Kysely<DB>, customerId: number) {
  return db
    .selectFrom('customers')
    .select(['id', 'poolId', 'ownerId', 'name'])
    .where('id', '=', customerId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export async function countCustomersOwnedBy(db: Kysely<DB>, userId: number): Promise<number> {
  const { n } = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ownerId', '=', userId)
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function countClaimsSince(db: Kysely<DB>, userId: number, since: string): Promise<number> {
  const { n } = await db
    .selectFrom('poolClaims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('claimedAt', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Gives a pooled customer to a user if it is still unowned; answers whether it was taken. */
export async function takePooledCustomer(
  db: Kysely<DB>,
  customerId: number,
  owner: { userId: number; departmentId: number | null },
  at: string,
): Promise<boolean> {
  const taken = await db
    .updateTable('customers')
    .set({
      ownerId: owner.userId,
      departmentId: owner.departmentId,
      poolId: null,
      claimedAt: at,
      returnWarnedAt: null,
      updatedAt: at,
      updatedBy: owner.userId,
    })
    .where('id', '=', customerId)
    .where('ownerId', 'is', null)
    .where('poolId', 'is not', null)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export function insertPoolClaim(db: Kysely<DB>, claim: { userId: number; customerId: number; claimedAt: string }) {
  return db.insertInto('poolClaims').values(claim).execute();
}

export function listCustomerOwners(db: Kysely<DB>, customerIds: number[]) {
  return db.selectFrom('customers').select(['id', 'ownerId']).where('id', 'in', customerIds).execute();
}

/** Customers into a pool: no owner, no department, no claim or warning pending. */
export function putCustomersInPool(db: Kysely<DB>, customerIds: number[], poolId: number, at: string) {
  return db
    .updateTable('customers')
    .set({ ownerId: null, departmentId: null, poolId, claimedAt: null, returnWarnedAt: null, updatedAt: at })
    .where('id', 'in', customerIds)
    .execute();
}

/** The contacts of the customers follow their customer's owner and department. */
export function setContactsOwner(
  db: Kysely<DB>,
  customerIds: number[],
  owner: { ownerId: number | null; departmentId: number | null },
  at: string,
) {
  return db
    .updateTable('contacts')
    .set({ ownerId: owner.ownerId, departmentId: owner.departmentId, updatedAt: at })
    .where('customerId', 'in', customerIds)
    .execute();
}
