import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ApprovalFlowTable, DB } from '../../db/schema.ts';

export function listFlowRows(db: Kysely<DB>) {
  return db.selectFrom('approvalFlows').selectAll().orderBy('documentType').orderBy('priority').orderBy('id').execute();
}

export type FlowRow = Awaited<ReturnType<typeof listFlowRows>>[number];

export function findFlow(db: Kysely<DB>, id: number) {
  return db.selectFrom('approvalFlows').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The active flows of a document type, in the order they are tried. */
export function listActiveFlowsOf(db: Kysely<DB>, documentType: string) {
  return db
    .selectFrom('approvalFlows')
    .selectAll()
    .where('documentType', '=', documentType)
    .where('active', '=', 1)
    .orderBy('priority')
    .orderBy('id')
    .execute();
}

export async function insertFlow(db: Kysely<DB>, row: Insertable<ApprovalFlowTable>): Promise<number> {
  return (await db.insertInto('approvalFlows').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateFlow(db: Kysely<DB>, id: number, values: Updateable<ApprovalFlowTable>) {
  return db.updateTable('approvalFlows').set(values).where('id', '=', id).execute();
}

export function deleteFlow(db: Kysely<DB>, id: number) {
  return db.deleteFrom('approvalFlows').where('id', '=', id).execute();
}

export async function flowHasRequests(db: Kysely<DB>, flowId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('approvalRequests').select('id').where('flowId', '=', flowId).executeTakeFirst());
}

export async function roleExists(db: Kysely<DB>, roleId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('roles').select('id').where('id', '=', roleId).executeTakeFirst());
}

export async function activeUserExists(db: Kysely<DB>, userId: number): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('status', '=', 'active')
      .executeTakeFirst(),
  );
}
