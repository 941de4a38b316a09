import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

export type Entity = 'customers' | 'contacts';

function deletedRows(db: Kysely<DB>, entity: Entity) {
  return entity === 'customers'
    ? db
        .selectFrom('customers')
        .leftJoin('users as deleter', 'deleter.id', 'customers.deletedBy')
        .select([
          'customers.id',
          'customers.name',
          'customers.code as detail',
          'customers.deletedAt',
          'deleter.displayName as deletedByName',
        ])
        .where('customers.deletedAt', 'is not', null)
        .where('customers.mergedIntoId', 'is', null)
    : db
        .selectFrom('contacts')
        .innerJoin('customers as customer', 'customer.id', 'contacts.customerId')
        .leftJoin('users as deleter', 'deleter.id', 'contacts.deletedBy')
        .select([
          'contacts.id',
          'contacts.name',
          'customer.name as detail',
          'contacts.deletedAt',
          'deleter.displayName as deletedByName',
        ])
        .where('contacts.deletedAt', 'is not', null)
        // Contacts deleted together with their customer come back with it.
        .where('customer.deletedAt', 'is', null);
}

/** A record in the bin (its deletedAt is set: the query asks for it). */
export type DeletedRow = Awaited<ReturnType<ReturnType<typeof deletedRows>['execute']>>[number] & { deletedAt: string };

// The two entities' queries differ in shape but share the selected columns.
const deletedInScope = (db: Kysely<DB>, entity: Entity, scope: Scope): any =>
  whereInScope(deletedRows(db, entity) as any, entity, scope);

export async function countDeleted(db: Kysely<DB>, entity: Entity, scope: Scope): Promise<number> {
  const { total } = await deletedInScope(db, entity, scope)
    .clearSelect()
    .select(sql<number>`count(*)`.as('total'))
    .executeTakeFirstOrThrow();
  return Number(total);
}

/** One page of the bin, the latest deleted first. */
export function listDeleted(
  db: Kysely<DB>,
  entity: Entity,
  scope: Scope,
  page: { page: number; pageSize: number },
): Promise<DeletedRow[]> {
  return deletedInScope(db, entity, scope)
    .orderBy(sql.ref(`${entity}.deletedAt`), 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
}

export function findDeleted(db: Kysely<DB>, entity: Entity, scope: Scope, id: number): Promise<DeletedRow | undefined> {
  return deletedInScope(db, entity, scope)
    .where(sql.ref(`${entity}.id`), '=', id)
    .executeTakeFirst();
}

export function undeleteRecord(db: Kysely<DB>, entity: Entity, id: number) {
  return db.updateTable(entity).set({ deletedAt: null, deletedBy: null }).where('id', '=', id).execute();
}

/** Brings back the contacts deleted at the same moment as their customer. */
export function undeleteContactsDeletedWith(db: Kysely<DB>, customerId: number, deletedAt: string) {
  return db
    .updateTable('contacts')
    .set({ deletedAt: null, deletedBy: null })
    .where('customerId', '=', customerId)
    .where('deletedAt', '=', deletedAt)
    .execute();
}

/** Business records that keep a customer: while any points at it, it cannot be deleted for good. */
export const customerRecords = [
  'opportunities',
  'quotes',
  'orders',
  'instalments',
  'receipts',
  'invoices',
  'invoiceRequests',
  'contracts',
  'tickets',
  'assets',
  'serviceContracts',
  'workOrders',
  'implementationPlans',
  'customerRequirements',
  'priceBooks',
  // A membership's points ledger is owed value and its history: the customer stays while it exists.
  'members',
] as const;

/** The customers among `ids` that business records still point at. */
export async function findCustomersInUse(db: Kysely<DB>, ids: number[]): Promise<Set<number>> {
  const used = new Set<number>();
  for (const table of customerRecords) {
    const left = ids.filter((id) => !used.has(id));
    if (!left.length) break;
    const rows = await db.selectFrom(table).select('customerId').distinct().where('customerId', 'in', left).execute();
    for (const row of rows) if (row.customerId !== null) used.add(row.customerId);
  }
  return used;
}

/** Empties a column (`table.column`, snake_case) wherever it names one of `ids`. */
export function clearReference(db: Kysely<DB>, reference: string, ids: number[]) {
  const [table, column] = reference.split('.');
  // Snake-case names pass the camel-case plugin unchanged; the schema test keeps them real columns.
  return db
    .updateTable(table as keyof DB)
    .set({ [column]: null } as never)
    .where(sql.ref(column), 'in', ids)
    .execute();
}

/** Removes the contacts' portal accounts with their sessions; their ticket messages stay, no longer naming the account. */
export async function deletePortalAccountsOfContacts(db: Kysely<DB>, contactIds: number[]) {
  const accounts = db.selectFrom('portalAccounts').select('id').where('contactId', 'in', contactIds);
  await db
    .updateTable('ticketMessages')
    .set({ portalAccountId: null })
    .where('portalAccountId', 'in', accounts)
    .execute();
  await db.deleteFrom('portalSessions').where('accountId', 'in', accounts).execute();
  await db.deleteFrom('portalAccounts').where('contactId', 'in', contactIds).execute();
}

export function deleteAnniversariesOfContacts(db: Kysely<DB>, contactIds: number[]) {
  return db.deleteFrom('anniversaries').where('contactId', 'in', contactIds).execute();
}

export function deleteContacts(db: Kysely<DB>, ids: number[]) {
  return db.deleteFrom('contacts').where('id', 'in', ids).execute();
}

export async function listContactIdsOfCustomers(db: Kysely<DB>, customerIds: number[]): Promise<number[]> {
  const rows = await db.selectFrom('contacts').select('id').where('customerId', 'in', customerIds).execute();
  return rows.map((c) => c.id);
}

export function deleteContactsOfCustomers(db: Kysely<DB>, customerIds: number[]) {
  return db.deleteFrom('contacts').where('customerId', 'in', customerIds).execute();
}

export async function listFollowupIdsOfCustomers(db: Kysely<DB>, customerIds: number[]): Promise<number[]> {
  const rows = await db.selectFrom('followups').select('id').where('customerId', 'in', customerIds).execute();
  return rows.map((f) => f.id);
}

export function deleteFollowupsOfCustomers(db: Kysely<DB>, customerIds: number[]) {
  return db.deleteFrom('followups').where('customerId', 'in', customerIds).execute();
}

export function deletePoolClaimsOfCustomers(db: Kysely<DB>, customerIds: number[]) {
  return db.deleteFrom('poolClaims').where('customerId', 'in', customerIds).execute();
}

export function deleteBillingProfilesOfCustomers(db: Kysely<DB>, customerIds: number[]) {
  return db.deleteFrom('billingProfiles').where('customerId', 'in', customerIds).execute();
}

export function deleteTagsOfCustomers(db: Kysely<DB>, customerIds: number[]) {
  return db.deleteFrom('customerTags').where('customerId', 'in', customerIds).execute();
}

/** The customers' rows of the full-text index, a table SQLite alone has. */
export function deleteCustomerSearchRows(db: Kysely<DB>, customerIds: number[]) {
  return sql`delete from customer_search where rowid in (${sql.join(customerIds)})`.execute(db);
}

export function deleteCustomers(db: Kysely<DB>, ids: number[]) {
  return db.deleteFrom('customers').where('id', 'in', ids).execute();
}

/** The next `limit` records deleted before the cutoff, in id order after `afterId`. */
export function listExpiredIds(db: Kysely<DB>, entity: Entity, cutoff: string, afterId: number, limit: number) {
  return db
    .selectFrom(entity)
    .select('id')
    .where('deletedAt', '<', cutoff)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
