import type { Insertable, Kysely, Updateable } from 'kysely';
import type { BillingProfileTable, DB } from '../../db/schema.ts';

export function listProfiles(db: Kysely<DB>, customerId: number) {
  return db
    .selectFrom('billingProfiles')
    .selectAll()
    .where('customerId', '=', customerId)
    .orderBy('isDefault', 'desc')
    .orderBy('id')
    .execute();
}
export type BillingProfileRow = Awaited<ReturnType<typeof listProfiles>>[number];

export function findProfile(db: Kysely<DB>, id: number) {
  return db.selectFrom('billingProfiles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countProfiles(db: Kysely<DB>, customerId: number): Promise<number> {
  const row = await db
    .selectFrom('billingProfiles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customerId', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertProfile(db: Kysely<DB>, row: Insertable<BillingProfileTable>): Promise<number> {
  return (await db.insertInto('billingProfiles').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProfile(db: Kysely<DB>, id: number, values: Updateable<BillingProfileTable>) {
  await db.updateTable('billingProfiles').set(values).where('id', '=', id).execute();
}

/** Makes one profile the customer's default and every other not. */
export async function setDefault(db: Kysely<DB>, customerId: number, id: number): Promise<void> {
  await db
    .updateTable('billingProfiles')
    .set({ isDefault: 0 })
    .where('customerId', '=', customerId)
    .where('id', '!=', id)
    .execute();
  await db.updateTable('billingProfiles').set({ isDefault: 1 }).where('id', '=', id).execute();
}

/** The oldest remaining profile becomes the default when the default one goes. */
export async function defaultOldest(db: Kysely<DB>, customerId: number): Promise<void> {
  const first = await db
    .selectFrom('billingProfiles')
    .select('id')
    .where('customerId', '=', customerId)
    .orderBy('id')
    .executeTakeFirst();
  if (first) await setDefault(db, customerId, first.id);
}

export async function deleteProfile(db: Kysely<DB>, id: number): Promise<void> {
  await db.updateTable('invoiceRequests').set({ billingProfileId: null }).where('billingProfileId', '=', id).execute();
  await db.deleteFrom('billingProfiles').where('id', '=', id).execute();
}
