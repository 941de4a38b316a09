import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import type { DB, MemberLevelChangeTable, MemberTable } from '../../db/schema.ts';

const memberColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('members')
    .innerJoin('memberLevels as level', 'level.id', 'members.levelId')
    .leftJoin('users as enroller', 'enroller.id', 'members.enrolledBy')
    .selectAll('members')
    .select([
      'level.nameZh as levelNameZh',
      'level.nameEn as levelNameEn',
      'level.discountBp',
      'level.multiplierBp',
      'enroller.displayName as enrolledByName',
    ]);
export type MemberRow = Awaited<ReturnType<ReturnType<typeof memberColumns>['executeTakeFirstOrThrow']>>;

export function findMemberOfCustomer(db: Kysely<DB>, customerId: number) {
  return memberColumns(db).where('members.customerId', '=', customerId).executeTakeFirst();
}

export function findMember(db: Kysely<DB>, id: number) {
  return memberColumns(db).where('members.id', '=', id).executeTakeFirst();
}

/** Locks the member rows until the transaction ends (PostgreSQL; SQLite writes one transaction at a time). */
export async function lockMembers(db: Kysely<DB>, ids: number[]): Promise<void> {
  if (!ids.length || dialectOf(db) !== 'postgres') return;
  await db.selectFrom('members').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

export async function insertMember(db: Kysely<DB>, row: Insertable<MemberTable>): Promise<number> {
  return (await db.insertInto('members').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMember(db: Kysely<DB>, id: number, values: Updateable<MemberTable>): Promise<void> {
  await db.updateTable('members').set(values).where('id', '=', id).execute();
}

/**
 * Adds `delta` to a balance in one statement and answers the balance after it, or null when `keepNonNegative`
 * refused it (the balance would go below zero).
 */
export async function addToBalance(
  db: Kysely<DB>,
  memberId: number,
  delta: number,
  updatedAt: string,
  keepNonNegative: boolean,
): Promise<number | null> {
  let update = db
    .updateTable('members')
    .set((eb) => ({ balance: eb('balance', '+', delta), updatedAt }))
    .where('id', '=', memberId);
  if (keepNonNegative) update = update.where(sql<boolean>`balance + ${delta} >= 0`);
  const row = await update.returning('balance').executeTakeFirst();
  return row ? Number(row.balance) : null;
}

/** The next active members after `afterId` in id order, a batch at a time, locked until the transaction ends (PostgreSQL). */
export function lockActiveMembersAfter(db: Kysely<DB>, afterId: number, limit: number) {
  const qb = db
    .selectFrom('members')
    .select(['id', 'levelId', 'levelLocked'])
    .where('status', '=', 'active')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  return (dialectOf(db) === 'postgres' ? qb.forUpdate() : qb).execute();
}

export async function insertLevelChanges(db: Kysely<DB>, rows: Insertable<MemberLevelChangeTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('memberLevelChanges').values(rows).execute();
}

/** A member's level changes, latest first. */
export function levelChangesOf(db: Kysely<DB>, memberId: number) {
  return db
    .selectFrom('memberLevelChanges as c')
    .leftJoin('memberLevels as fromLevel', 'fromLevel.id', 'c.fromLevelId')
    .innerJoin('memberLevels as toLevel', 'toLevel.id', 'c.toLevelId')
    .leftJoin('users', 'users.id', 'c.createdBy')
    .select([
      'c.id',
      'c.reason',
      'c.spend',
      'c.createdAt',
      'fromLevel.nameZh as fromNameZh',
      'fromLevel.nameEn as fromNameEn',
      'toLevel.nameZh as toNameZh',
      'toLevel.nameEn as toNameEn',
      'users.displayName as createdByName',
    ])
    .where('c.memberId', '=', memberId)
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(200)
    .execute();
}
