import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// The records a ticket links to: its customer's contacts, orders, contracts and assets, and products.

/** The customer a live contact, order, contract or asset belongs to. */
export function findRecordCustomer(db: Kysely<DB>, table: 'contacts' | 'orders' | 'contracts' | 'assets', id: number) {
  return db
    .selectFrom(table)
    .select('customerId')
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export function findProduct(db: Kysely<DB>, id: number) {
  return db.selectFrom('products').select('id').where('id', '=', id).executeTakeFirst();
}

/** The first live contact with this email, or this number as mobile or phone. */
export function findContactByEmailOrPhone(
  db: Kysely<DB>,
  email: string | null | undefined,
  phone: string | null | undefined,
) {
  return db
    .selectFrom('contacts')
    .select(['id', 'customerId'])
    .where('deletedAt', 'is', null)
    .where((eb) =>
      eb.or([
        ...(email ? [eb('email', '=', email)] : []),
        ...(phone ? [eb('mobile', '=', phone), eb('phone', '=', phone)] : []),
      ]),
    )
    .orderBy('id')
    .executeTakeFirst();
}
