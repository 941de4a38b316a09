import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

type OwnedTable = 'customers' | 'contacts' | 'leads' | 'opportunities' | 'tasks';

/**
 * Hands every record of a table owned by one user to another (the handover when a rep leaves), with the new
 * owner's department; `openOnly` leaves closed records (won or lost deals, finished tasks) with who closed them.
 * Returns the ids handed over.
 */
export async function transferOwned(
  db: Kysely<DB>,
  table: OwnedTable,
  fromUserId: number,
  to: { id: number; departmentId: number | null },
  at: string,
  { openOnly = false } = {},
): Promise<number[]> {
  let update = db
    .updateTable(table as 'customers')
    .set({ ownerId: to.id, departmentId: to.departmentId, updatedAt: at })
    .where('ownerId', '=', fromUserId);
  if (openOnly) update = update.where(sql.ref<string>('status'), '=', 'open');
  const rows = await update.returning('id').execute();
  return rows.map((r) => r.id);
}
