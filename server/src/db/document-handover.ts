import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Hands the quotes, orders or contracts one user owns to another (the handover when a rep leaves), with
 * the new owner's department: only those not deleted whose status is (`in`) or is not (`not in`) among
 * `statuses`, so finished documents stay with who finished them. Returns the ids handed over.
 */
export async function handOverDocuments(
  db: Kysely<DB>,
  table: 'quotes' | 'orders' | 'contracts',
  fromUserId: number,
  to: { id: number; departmentId: number | null },
  at: string,
  statuses: ['in' | 'not in', string[]],
): Promise<number[]> {
  const rows = await db
    .updateTable(table as 'orders')
    .set({ ownerId: to.id, departmentId: to.departmentId, updatedAt: at })
    .where('ownerId', '=', fromUserId)
    .where('status', statuses[0], statuses[1])
    .where('deletedAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
