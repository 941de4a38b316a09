import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, WorkOrderPartTable, WorkOrderTable } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import {
  countUpTo,
  keysetOf,
  type ListPageQuery,
  orderBySpec,
  type SortColumns,
  sortSpec,
} from '../../platform/list-query.ts';
import type { Dialect } from '../../db/database.ts';
import { walkingSortIndexWhenMany } from '../../db/plan-hints.ts';

function columns(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db
      .selectFrom('workOrders')
      .innerJoin('tickets', 'tickets.id', 'workOrders.ticketId')
      .leftJoin('customers', 'customers.id', 'workOrders.customerId')
      .leftJoin('contacts', 'contacts.id', 'tickets.contactId')
      .leftJoin('users as technician', 'technician.id', 'workOrders.ownerId'),
    'workOrders',
    scope,
  )
    .selectAll('workOrders')
    .select([
      'tickets.number as ticketNumber',
      'tickets.subject as ticketSubject',
      'customers.name as customerName',
      'contacts.name as contactName',
      'contacts.mobile as contactPhone',
      'technician.displayName as technicianName',
    ])
    .where('workOrders.deletedAt', 'is', null);
}
export type WorkOrderRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

export function findWorkOrder(db: Kysely<DB>, scope: Scope, id: number) {
  return columns(db, scope).where('workOrders.id', '=', id).executeTakeFirst();
}

export type WorkOrderFilter = {
  status?: string[];
  ticketId?: number;
  customerId?: number;
  technicianIds?: number[];
  technicianId?: number;
};

const appointmentOrder = 'appointmentStart:asc';
const appointmentSort: SortColumns = { appointmentStart: { column: 'workOrders.appointmentStart' } };

/** A page of work orders by appointment, with the total of all that match. */
export async function listWorkOrders(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: WorkOrderFilter,
  page: ListPageQuery,
) {
  const keyset = keysetOf(page, sortSpec(appointmentOrder, appointmentSort, appointmentOrder));
  let qb = columns(db, scope);
  if (filter.status?.length) qb = qb.where('workOrders.status', 'in', filter.status);
  if (filter.ticketId) qb = qb.where('workOrders.ticketId', '=', filter.ticketId);
  if (filter.customerId) qb = qb.where('workOrders.customerId', '=', filter.customerId);
  if (filter.technicianIds?.length) qb = qb.where('workOrders.ownerId', 'in', filter.technicianIds);
  if (filter.technicianId !== undefined) qb = qb.where('workOrders.ownerId', '=', filter.technicianId);
  const total = await countUpTo(db, qb, page.count);
  return keyset.keyed(
    await keyset.limit(orderBySpec(walkingSortIndexWhenMany(qb, dialect, total), keyset.spec)).execute(),
    total,
  );
}

/** The parts used on these work orders, with their products' code and name. */
export function partsOf(db: Kysely<DB>, workOrderIds: number[]) {
  return db
    .selectFrom('workOrderParts')
    .innerJoin('products', 'products.id', 'workOrderParts.productId')
    .select([
      'workOrderParts.workOrderId',
      'workOrderParts.productId',
      'products.code',
      'products.name',
      'workOrderParts.quantityMilli',
      'workOrderParts.warehouseId',
    ])
    .where('workOrderParts.workOrderId', 'in', workOrderIds)
    .execute();
}

/** Live work orders in these statuses per technician (those without any are left out). */
export async function workOrderCounts(db: Kysely<DB>, technicianIds: number[], statuses: string[]) {
  const rows = await db
    .selectFrom('workOrders')
    .select(['ownerId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ownerId', 'in', technicianIds)
    .where('status', 'in', statuses)
    .where('deletedAt', 'is', null)
    .groupBy('ownerId')
    .execute();
  return new Map(rows.map((r) => [r.ownerId as number, Number(r.n)]));
}

/** Where a technician last checked in at this customer, if anyone did with a position. */
export function lastCheckInAt(db: Kysely<DB>, customerId: number) {
  return db
    .selectFrom('workOrders')
    .select(['checkInLatitude', 'checkInLongitude'])
    .where('customerId', '=', customerId)
    .where('checkInLatitude', 'is not', null)
    .where('checkInLongitude', 'is not', null)
    .orderBy('checkInAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** How many work orders a ticket has had, deleted ones included. */
export async function countWorkOrdersOfTicket(db: Kysely<DB>, ticketId: number): Promise<number> {
  const { n } = await db
    .selectFrom('workOrders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticketId', '=', ticketId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertWorkOrder(db: Kysely<DB>, row: Insertable<WorkOrderTable>): Promise<number> {
  return (await db.insertInto('workOrders').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Changes a work order only while its status is one of `from`; answers how many rows changed (0 or 1). */
export async function updateWorkOrderInStatus(
  db: Kysely<DB>,
  id: number,
  from: string[],
  values: Updateable<WorkOrderTable>,
): Promise<number> {
  const result = await db
    .updateTable('workOrders')
    .set(values)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertWorkOrderParts(db: Kysely<DB>, rows: Insertable<WorkOrderPartTable>[]): Promise<void> {
  await db.insertInto('workOrderParts').values(rows).execute();
}

export function getSignature(db: Kysely<DB>, id: number) {
  return db.selectFrom('workOrders').select('signature').where('id', '=', id).executeTakeFirstOrThrow();
}

/** Gives one technician's live work orders in these statuses to another; answers the ids moved. */
export async function transferWorkOrders(
  db: Kysely<DB>,
  fromUserId: number,
  to: { id: number; departmentId: number | null },
  statuses: string[],
  at: string,
) {
  const rows = await db
    .updateTable('workOrders')
    .set({ ownerId: to.id, departmentId: to.departmentId, updatedAt: at })
    .where('ownerId', '=', fromUserId)
    .where('status', 'in', statuses)
    .where('deletedAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

// The records a work order refers to.

export function findCustomerAddress(db: Kysely<DB>, customerId: number) {
  return db
    .selectFrom('customers')
    .select(['province', 'city', 'district', 'address'])
    .where('id', '=', customerId)
    .executeTakeFirst();
}

/** Those of these products that exist and are not deleted. */
export function liveProducts(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('products').select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute();
}
