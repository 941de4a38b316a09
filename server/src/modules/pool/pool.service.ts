import type { Page, Pool, PoolCustomer } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dayStart, nowIso, todayIn } from '../../db/time.ts';
import { type Actor, type AuditActor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound, orNotFound } from '../../platform/errors.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';
import * as customerRepo from './pool-customers.repository.ts';
import * as poolRepo from './pools.repository.ts';

/** Installs the company-wide public pool (公海) when there is none. */
export async function seedPools(db: Kysely<DB>): Promise<void> {
  if (await poolRepo.anyPoolExists(db)) return;
  const now = nowIso();
  await poolRepo.insertPool(db, { name: '公海', departmentId: null, createdAt: now, updatedAt: now });
}

/** Departments from the caller's own up to the top: a pool of any of them is open to the caller. */
async function departmentChain(db: Kysely<DB>, departmentId: number | null): Promise<number[]> {
  const chain: number[] = [];
  let current = departmentId;
  while (current !== null && !chain.includes(current)) {
    chain.push(current);
    current = (await poolRepo.findParentDepartmentId(db, current)) ?? null;
  }
  return chain;
}

async function visiblePools(db: Kysely<DB>, actor: Actor) {
  if (can(actor, 'pool.manage')) return poolRepo.listPools(db);
  return poolRepo.listPoolsOfDepartments(db, await departmentChain(db, actor.departmentId));
}

export async function listPools(ctx: AppContext, actor: Actor): Promise<Pool[]> {
  const pools = await visiblePools(ctx.db, actor);
  const counts = await customerRepo.countCustomersByPool(ctx.db);
  return pools.map((p) => ({
    id: p.id,
    name: p.name,
    departmentId: p.departmentId,
    customerCount: Number(counts.find((c) => c.poolId === p.id)?.n ?? 0),
  }));
}

async function poolOf(ctx: AppContext, actor: Actor, id: number) {
  return orNotFound((await visiblePools(ctx.db, actor)).find((p) => p.id === id));
}

export async function poolCustomers(
  ctx: AppContext,
  actor: Actor,
  poolId: number,
  query: { page: number; pageSize: number; q?: string; level?: string },
): Promise<Page<PoolCustomer>> {
  await poolOf(ctx, actor, poolId);
  const filter = { q: query.q, level: query.level };
  const total = await customerRepo.countCustomersInPool(ctx.db, poolId, filter);
  const rows = await customerRepo.listCustomersInPool(ctx.db, poolId, filter, query);
  return {
    items: rows.map(({ updatedAt, ...r }) => ({ ...r, enteredAt: updatedAt })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Takes a customer from a pool the caller may use. Limits (customers held, claims per day) are
 * checked with the caller's row locked, and the customer is taken only if still unowned, so two
 * people claiming it at once cannot both win.
 */
export async function claimCustomer(ctx: AppContext, actor: Actor, customerId: number) {
  const settings = await getSettings(ctx.db);
  const pools = new Set((await visiblePools(ctx.db, actor)).map((p) => p.id));
  return inTransaction(ctx, async (ctx) => {
    if (ctx.dialect === 'postgres') await customerRepo.lockUser(ctx.db, actor.userId);
    const customer = await customerRepo.findLiveCustomer(ctx.db, customerId);
    if (!customer || customer.poolId === null || !pools.has(customer.poolId)) {
      if (customer && customer.ownerId !== null) throw new AppError('CONFLICT', 'ALREADY_CLAIMED');
      throw notFound();
    }
    if (settings.poolMaxCustomersPerRep > 0) {
      const held = await customerRepo.countCustomersOwnedBy(ctx.db, actor.userId);
      if (held >= settings.poolMaxCustomersPerRep)
        throw new AppError('POOL_LIMIT', 'POOL_LIMIT_CUSTOMERS', undefined, { max: settings.poolMaxCustomersPerRep });
    }
    const since = dayStart(todayIn(settings.timezone), settings.timezone);
    const claimsToday = await customerRepo.countClaimsSince(ctx.db, actor.userId, since);
    if (settings.poolMaxClaimsPerDay > 0 && claimsToday >= settings.poolMaxClaimsPerDay)
      throw new AppError('POOL_LIMIT', 'POOL_LIMIT_CLAIMS', undefined, { max: settings.poolMaxClaimsPerDay });
    const now = nowIso();
    if (!(await customerRepo.takePooledCustomer(ctx.db, customerId, actor, now)))
      throw new AppError('CONFLICT', 'ALREADY_CLAIMED');
    const owner = { ownerId: actor.userId, departmentId: actor.departmentId };
    await customerRepo.setContactsOwner(ctx.db, [customerId], owner, now);
    await customerRepo.insertPoolClaim(ctx.db, { userId: actor.userId, customerId, claimedAt: now });
    await writeAudit(ctx.db, actor, {
      action: 'claim',
      entity: 'customers',
      entityId: customerId,
      changes: [{ field: 'ownerId', old: null, new: actor.userId }],
      detail: { poolId: customer.poolId },
    });
    return { customerId, claimsToday: claimsToday + 1, limitPerDay: settings.poolMaxClaimsPerDay };
  });
}

/**
 * Puts customers back into a pool: no owner and no department (so no one's data scope holds them;
 * the pool decides who may claim them), the reason in the audit log.
 */
export async function moveToPool(
  trx: Kysely<DB>,
  actor: AuditActor,
  customerIds: number[],
  pool: { id: number; departmentId: number | null },
  action: 'release' | 'return',
  reason: string,
) {
  if (!customerIds.length) return;
  const before = await customerRepo.listCustomerOwners(trx, customerIds);
  const now = nowIso();
  await customerRepo.putCustomersInPool(trx, customerIds, pool.id, now);
  await customerRepo.setContactsOwner(trx, customerIds, { ownerId: null, departmentId: null }, now);
  for (const row of before) {
    await writeAudit(trx, actor, {
      action,
      entity: 'customers',
      entityId: row.id,
      changes: [{ field: 'ownerId', old: row.ownerId, new: null }],
      detail: { poolId: pool.id, reason },
    });
  }
}

/** The pool a customer goes back to: the nearest pool of its owner's departments, else the company-wide one. */
export async function homePool(db: Kysely<DB>, departmentId: number | null) {
  const chain = await departmentChain(db, departmentId);
  const pools = await poolRepo.listPools(db);
  for (const department of chain) {
    const pool = pools.find((p) => p.departmentId === department);
    if (pool) return pool;
  }
  return orNotFound(pools.find((p) => p.departmentId === null) ?? pools[0]);
}

export async function releaseCustomer(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  input: { reason: string; poolId?: number },
) {
  const customer = orNotFound(await findVisibleCustomer(ctx, actor, customerId));
  if (customer.ownerId === null) throw fieldError('id', 'alreadyInPool');
  const pool = input.poolId
    ? await poolOf(ctx, actor, input.poolId).catch(() => {
        throw fieldError('poolId', 'notFoundOrHidden');
      })
    : await homePool(ctx.db, customer.departmentId);
  await inTransaction(ctx, (ctx) => moveToPool(ctx.db, actor, [customerId], pool, 'release', input.reason));
}

export async function createPool(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; departmentId?: number | null },
): Promise<Pool> {
  const now = nowIso();
  const id = await poolRepo.insertPool(ctx.db, {
    name: input.name,
    departmentId: input.departmentId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await writeAudit(ctx.db, actor, { action: 'create', entity: 'pools', entityId: id, detail: input });
  return { id, name: input.name, departmentId: input.departmentId ?? null, customerCount: 0 };
}

export async function deletePool(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const pool = orNotFound(await poolRepo.findPool(ctx.db, id));
  if (pool.departmentId === null) throw fieldError('id', 'companyPool');
  if (await customerRepo.poolHasCustomers(ctx.db, id)) throw fieldError('id', 'poolNotEmpty');
  await poolRepo.deletePool(ctx.db, id);
  await writeAudit(ctx.db, actor, { action: 'delete', entity: 'pools', entityId: id, detail: { name: pool.name } });
}
