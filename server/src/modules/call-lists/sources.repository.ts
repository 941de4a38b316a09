import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

// What the built-in call-list sources read: each query in the caller's data scope, at most `limit` rows.

/** Per customer and currency, the instalments past `cutoff` (a due date) not fully received: sum, count, oldest. */
export function overdueByCustomer(db: Kysely<DB>, scope: Scope, cutoff: string, limit: number) {
  const overdue = (alias: 'instalments' | 'i2') =>
    sql<boolean>`${sql.ref(`${alias}.received`)} < ${sql.ref(`${alias}.amount`)} and ${sql.ref(`${alias}.due_date`)} <= ${cutoff}`;
  return whereInScope(db.selectFrom('instalments'), 'instalments', scope)
    .innerJoin('customers', 'customers.id', 'instalments.customerId')
    .where(overdue('instalments'))
    .where('customers.deletedAt', 'is', null)
    .select((eb) => [
      'instalments.customerId',
      'instalments.currency',
      eb.fn.min('instalments.dueDate').as('oldestDue'),
      eb.fn.countAll<number>().as('count'),
      sql<number | string>`sum(${sql.ref('instalments.amount')} - ${sql.ref('instalments.received')})`.as(
        'outstanding',
      ),
      // The instalment a promise is noted on: the customer's oldest past due in that currency.
      whereInScope(
        eb
          .selectFrom('instalments as i2')
          .select('i2.id')
          .whereRef('i2.customerId', '=', 'instalments.customerId')
          .whereRef('i2.currency', '=', 'instalments.currency')
          .where(overdue('i2'))
          .orderBy('i2.dueDate')
          .orderBy('i2.id')
          .limit(1),
        'i2',
        scope,
      ).as('instalmentId'),
    ])
    .groupBy(['instalments.customerId', 'instalments.currency'])
    .orderBy(sql`min(${sql.ref('instalments.due_date')})`)
    .orderBy('instalments.customerId')
    .limit(limit)
    .execute();
}

/** An instalment's order number, due date and outstanding amount. */
export function instalmentHeadings(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('instalments')
    .innerJoin('orders', 'orders.id', 'instalments.orderId')
    .select(['instalments.id', 'instalments.dueDate', 'orders.number as orderNumber'])
    .where('instalments.id', 'in', ids)
    .execute();
}

/** Customers by id: name, owner, phone. */
export function customersByIds(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('customers')
    .select(['id', 'name', 'ownerId', 'phone', 'createdAt', 'code'])
    .where('id', 'in', ids)
    .execute();
}

/** Each customer's contacts to call, the primary one first (then the oldest). */
export function contactsOfCustomers(db: Kysely<DB>, customerIds: number[]) {
  if (!customerIds.length) return Promise.resolve([]);
  return db
    .selectFrom('contacts')
    .select(['id', 'customerId', 'name', 'mobile', 'phone', 'ownerId'])
    .where('customerId', 'in', customerIds)
    .where('deletedAt', 'is', null)
    .orderBy('isPrimary', 'desc')
    .orderBy('id')
    .execute();
}

export function contactsByIds(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('contacts')
    .select(['id', 'customerId', 'name', 'mobile', 'phone', 'ownerId'])
    .where('id', 'in', ids)
    .where('deletedAt', 'is', null)
    .execute();
}

/** Tickets resolved and waiting for their callback visit, the longest waiting first. */
export function ticketsAwaitingCallback(db: Kysely<DB>, scope: Scope, limit: number) {
  return whereInScope(db.selectFrom('tickets'), 'tickets', scope)
    .leftJoin('contacts', 'contacts.id', 'tickets.contactId')
    .leftJoin('customers', 'customers.id', 'tickets.customerId')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.resolvedAt',
      'tickets.customerId',
      'tickets.contactId',
      'tickets.ownerId',
      'tickets.requesterName',
      'tickets.requesterPhone',
      'contacts.name as contactName',
      'contacts.mobile as contactMobile',
      'contacts.phone as contactPhone',
      'customers.name as customerName',
      'customers.phone as customerPhone',
    ])
    .where('tickets.status', '=', 'callback')
    .where('tickets.deletedAt', 'is', null)
    .orderBy('tickets.resolvedAt')
    .orderBy('tickets.id')
    .limit(limit)
    .execute();
}

/** Customers created since an instant (welcome calls), the oldest first. */
export function customersCreatedSince(db: Kysely<DB>, scope: Scope, since: string, limit: number) {
  return whereInScope(db.selectFrom('customers'), 'customers', scope)
    .select(['customers.id', 'customers.name', 'customers.ownerId', 'customers.phone', 'customers.createdAt'])
    .where('customers.createdAt', '>=', since)
    .where('customers.deletedAt', 'is', null)
    .where('customers.mergedIntoId', 'is', null)
    .orderBy('customers.createdAt')
    .orderBy('customers.id')
    .limit(limit)
    .execute();
}

/** Contacts with a number to call and no email, title or birthday yet (data confirmation). */
export function contactsMissingData(db: Kysely<DB>, scope: Scope, limit: number) {
  return whereInScope(db.selectFrom('contacts'), 'contacts', scope)
    .innerJoin('customers', 'customers.id', 'contacts.customerId')
    .select([
      'contacts.id',
      'contacts.customerId',
      'contacts.name',
      'contacts.mobile',
      'contacts.phone',
      'contacts.ownerId',
      'contacts.email',
      'contacts.title',
      'contacts.birthday',
      'customers.name as customerName',
    ])
    .where('contacts.deletedAt', 'is', null)
    .where('customers.deletedAt', 'is', null)
    .where((eb) => eb.or([eb('contacts.mobile', 'is not', null), eb('contacts.phone', 'is not', null)]))
    .where((eb) =>
      eb.or([eb('contacts.email', 'is', null), eb('contacts.title', 'is', null), eb('contacts.birthday', 'is', null)]),
    )
    .orderBy('contacts.id')
    .limit(limit)
    .execute();
}

/** Leads by id: name, company, numbers, owner and what a conversion made of them. */
export function leadsByIds(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('leads')
    .select(['id', 'name', 'company', 'mobile', 'phone', 'ownerId', 'convertedCustomerId', 'convertedContactId'])
    .where('id', 'in', ids)
    .where('deletedAt', 'is', null)
    .execute();
}
