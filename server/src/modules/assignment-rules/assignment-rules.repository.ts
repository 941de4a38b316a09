import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { AssignmentRuleTable, DB } from '../../db/schema.ts';

export function listRules(db: Kysely<DB>) {
  return db.selectFrom('assignmentRules').selectAll().orderBy('position').orderBy('id').execute();
}

export function listActiveRules(db: Kysely<DB>) {
  return db
    .selectFrom('assignmentRules')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findRule(db: Kysely<DB>, id: number) {
  return db.selectFrom('assignmentRules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function nextPosition(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('assignmentRules')
    .select((eb) => eb.fn.max('position').as('last'))
    .executeTakeFirst();
  return row?.last == null ? 1 : Number(row.last) + 1;
}

export async function insertRule(db: Kysely<DB>, row: Insertable<AssignmentRuleTable>): Promise<number> {
  return (await db.insertInto('assignmentRules').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateRule(db: Kysely<DB>, id: number, values: Updateable<AssignmentRuleTable>) {
  return db.updateTable('assignmentRules').set(values).where('id', '=', id).execute();
}

export function deleteRule(db: Kysely<DB>, id: number) {
  return db.deleteFrom('assignmentRules').where('id', '=', id).execute();
}

export function setPosition(db: Kysely<DB>, id: number, position: number) {
  return db.updateTable('assignmentRules').set({ position }).where('id', '=', id).execute();
}

/**
 * Moves a rule's turn on by `count` in one statement and answers where it now stands. On PostgreSQL
 * the row stays locked until the caller's transaction ends, so concurrent assignments by one rule take
 * their turns one after the other and never the same ones.
 */
export async function takeTurns(db: Kysely<DB>, id: number, count: number): Promise<number> {
  const row = await db
    .updateTable('assignmentRules')
    .set({ turn: sql`turn + ${count}` })
    .where('id', '=', id)
    .returning('turn')
    .executeTakeFirstOrThrow();
  return Number(row.turn);
}

export async function findDefaultOwnerId(db: Kysely<DB>): Promise<number | null> {
  const row = await db.selectFrom('assignmentSettings').select('defaultOwnerId').where('id', '=', 1).executeTakeFirst();
  return row?.defaultOwnerId ?? null;
}

export async function saveDefaultOwnerId(db: Kysely<DB>, ownerId: number | null): Promise<void> {
  await db
    .insertInto('assignmentSettings')
    .values({ id: 1, defaultOwnerId: ownerId })
    .onConflict((oc) => oc.column('id').doUpdateSet({ defaultOwnerId: ownerId }))
    .execute();
}
