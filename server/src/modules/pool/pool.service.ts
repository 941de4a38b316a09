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
import { contains } from '../../platform/search.ts';

/** Installs the company-wide public pool (公海) when there is none. */
export async function seedPools(db: Kysely<DB>): Promise<void> {
  if (await db.selectFrom('pools').select('id').limit(1).executeTakeFirst()) return;
  const now = nowIso();
  await db.insertInto('pools').values({ name: '公海', departmentId: null, createdAt: now, updatedAt: now }).execute();
}

/** Departments from the caller's own up to the top: a pool of any of them is open to the caller. */
async function departmentChain(db: Kysely<DB>, departmentId: number | null): Promise<number[]> {
  const chain: number[] = [];
  let current = departmentId;
  while (current !== null && !chain.includes(current)) {
    chain.push(current);
    const row = await db.selectFrom('departments').select('parentId').where('id', '=', current).executeTakeFirst();
    current = row?.parentId ?? null;
  }
  return chain;
}

async function visiblePools(db: Kysely<DB>, actor: Actor) {
  let qb = db.selectFrom('pools').selectAll();
  if (!can(actor, 'pool.manage')) {
    const chain = await departmentChain(db, actor.departmentId);
    qb = qb.where((eb) =>
      eb.or([eb('departmentId', 'is', null), ...(chain.length ? [eb('departmentId', 'in', chain)] : [])]),
    );
  }
  return qb.orderBy('id').execute();
}

export async function listPools(ctx: AppContext, actor: Actor): Promise<Pool[]> {
  const pools = await visiblePools(ctx.db, actor);
  const counts = await ctx.db
    .selectFrom('customers')
    .select(['poolId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('poolId', 'is not', null)
    .where('deletedAt', 'is', null)
    .groupBy('poolId')
    .execute();
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
  let qb = ctx.db.selectFrom('customers').where('poolId', '=', poolId).where('deletedAt', 'is', null);
  if (query.level) qb = qb.where('level', '=', query.level);
  if (query.q) qb = qb.where(contains('name', query.q));
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await qb
    .select(['id', 'code', 'name', 'level', 'industry', 'province', 'city', 'lastFollowupAt', 'updatedAt'])
    .orderBy('updatedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map(({ updatedAt, ...r }) => ({ ...r, enteredAt: updatedAt })),
    total: Number(total),
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
    if (ctx.dialect === 'postgres')
      await ctx.db.selectFrom('users').select('id').where('id', '=', actor.userId).forUpdate().execute();
    const customer = await ctx.db
      .selectFrom('customers')
      .select(['id', 'poolId', 'ownerId', 'name'])
      .where('id', '=', customerId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!customer || customer.poolId === null || !pools.has(customer.poolId)) {
      if (customer && customer.ownerId !== null) throw new AppError('CONFLICT', 'ALREADY_CLAIMED');
      throw notFound();
    }
    if (settings.poolMaxCustomersPerRep > 0) {
      const held = await ctx.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ownerId', '=', actor.userId)
        .where('deletedAt', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(held.n) >= settings.poolMaxCustomersPerRep)
        throw new AppError('POOL_LIMIT', 'POOL_LIMIT_CUSTOMERS', undefined, { max: settings.poolMaxCustomersPerRep });
    }
    const since = dayStart(todayIn(settings.timezone), settings.timezone);
    const claimsToday = Number(
      (
        await ctx.db
          .selectFrom('poolClaims')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('userId', '=', actor.userId)
          .where('claimedAt', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (settings.poolMaxClaimsPerDay > 0 && claimsToday >= settings.poolMaxClaimsPerDay)
      throw new AppError('POOL_LIMIT', 'POOL_LIMIT_CLAIMS', undefined, { max: settings.poolMaxClaimsPerDay });
    const now = nowIso();
    const taken = await ctx.db
      .updateTable('customers')
      .set({
        ownerId: actor.userId,
        departmentId: actor.departmentId,
        poolId: null,
        claimedAt: now,
        returnWarnedAt: null,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where('id', '=', customerId)
      .where('ownerId', 'is', null)
      .where('poolId', 'is not', null)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'ALREADY_CLAIMED');
    await ctx.db
      .updateTable('contacts')
      .set({ ownerId: actor.userId, departmentId: actor.departmentId, updatedAt: now })
      .where('customerId', '=', customerId)
      .execute();
    await ctx.db.insertInto('poolClaims').values({ userId: actor.userId, customerId, claimedAt: now }).execute();
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
  const before = await trx.selectFrom('customers').select(['id', 'ownerId']).where('id', 'in', customerIds).execute();
  const now = nowIso();
  await trx
    .updateTable('customers')
    .set({ ownerId: null, departmentId: null, poolId: pool.id, claimedAt: null, returnWarnedAt: null, updatedAt: now })
    .where('id', 'in', customerIds)
    .execute();
  await trx
    .updateTable('contacts')
    .set({ ownerId: null, departmentId: null, updatedAt: now })
    .where('customerId', 'in', customerIds)
    .execute();
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
  const pools = await db.selectFrom('pools').select(['id', 'departmentId']).orderBy('id').execute();
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
  const { id } = await ctx.db
    .insertInto('pools')
    .values({ name: input.name, departmentId: input.departmentId ?? null, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(ctx.db, actor, { action: 'create', entity: 'pools', entityId: id, detail: input });
  return { id, name: input.name, departmentId: input.departmentId ?? null, customerCount: 0 };
}

export async function deletePool(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const pool = orNotFound(await ctx.db.selectFrom('pools').selectAll().where('id', '=', id).executeTakeFirst());
  if (pool.departmentId === null) throw fieldError('id', 'companyPool');
  const used = await ctx.db.selectFrom('customers').select('id').where('poolId', '=', id).limit(1).executeTakeFirst();
  if (used) throw fieldError('id', 'poolNotEmpty');
  await ctx.db.deleteFrom('pools').where('id', '=', id).execute();
  await writeAudit(ctx.db, actor, { action: 'delete', entity: 'pools', entityId: id, detail: { name: pool.name } });
}
