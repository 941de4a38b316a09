import type { Insertable, Kysely } from 'kysely';
import type { DB, InstalmentNoteTable } from '../../db/schema.ts';

export function findInstalmentHeading(db: Kysely<DB>, id: number) {
  return db.selectFrom('instalments').select(['id', 'orderId', 'currency']).where('id', '=', id).executeTakeFirst();
}

export async function insertNote(db: Kysely<DB>, row: Insertable<InstalmentNoteTable>): Promise<number> {
  const { id } = await db.insertInto('instalmentNotes').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The notes on an order's instalments, newest first, with who wrote them. */
export function notesOfOrder(db: Kysely<DB>, orderId: number) {
  return db
    .selectFrom('instalmentNotes')
    .innerJoin('instalments', 'instalments.id', 'instalmentNotes.instalmentId')
    .leftJoin('users', 'users.id', 'instalmentNotes.createdBy')
    .select([
      'instalmentNotes.id',
      'instalmentNotes.instalmentId',
      'instalmentNotes.body',
      'instalmentNotes.promisedOn',
      'instalmentNotes.promisedAmount',
      'instalmentNotes.currency',
      'instalmentNotes.createdAt',
      'users.displayName as userName',
    ])
    .where('instalments.orderId', '=', orderId)
    .orderBy('instalmentNotes.id', 'desc')
    .limit(200)
    .execute();
}
