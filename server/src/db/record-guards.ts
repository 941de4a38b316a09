import type { Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from './schema.ts';

type StatusTable = 'orders' | 'quotes' | 'contracts' | 'tickets';
type SoftDeletedTable = 'orders' | 'contracts' | 'contacts';

/**
 * Changes a record only while it has the given status (or one of them), in one statement, so that two
 * requests racing over the same change cannot both make it. False when it no longer has that status.
 */
export async function updateInStatus<T extends StatusTable>(
  db: Kysely<DB>,
  table: T,
  id: number,
  status: string | string[],
  values: Updateable<DB[T]>,
): Promise<boolean> {
  const update = db
    .updateTable(table as 'orders')
    .set(values as Updateable<DB['orders']>)
    .where('id', '=', id);
  const result = await (
    typeof status === 'string' ? update.where('status', '=', status) : update.where('status', 'in', status)
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** One column of a record that is not deleted; undefined when there is no such record. */
export function liveColumn<T extends SoftDeletedTable, C extends keyof Selectable<DB[T]> & string>(
  db: Kysely<DB>,
  table: T,
  id: number,
  column: C,
): Promise<Pick<Selectable<DB[T]>, C> | undefined> {
  return db
    .selectFrom(table as 'orders')
    .select(column as 'status')
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst() as Promise<Pick<Selectable<DB[T]>, C> | undefined>;
}
