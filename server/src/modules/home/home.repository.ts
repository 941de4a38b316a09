import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** The first 20 live customers in scope whose next follow-up is due by `dueBy`, soonest first. */
export function listFollowupsDue(db: Kysely<DB>, scope: Scope, dueBy: string) {
  return whereInScope(db.selectFrom('customers'), 'customers', scope)
    .leftJoin('users', 'users.id', 'customers.ownerId')
    .select(['customers.id', 'customers.name', 'customers.nextFollowupAt', 'users.displayName as ownerName'])
    .where('customers.deletedAt', 'is', null)
    .where('customers.nextFollowupAt', '<=', dueBy)
    .orderBy('customers.nextFollowupAt')
    .limit(20)
    .execute();
}

/** Whose activity to show: one user, the users of some departments, or (neither given) everyone. */
export type ActivityAuthors = { userId?: number; departmentIds?: number[] };

/** The 20 latest audit entries that record work (creating, changing, converting, claiming, assigning) by the authors. */
export function listRecentActivity(db: Kysely<DB>, authors: ActivityAuthors) {
  let qb = db
    .selectFrom('auditLogs')
    .selectAll()
    .where('action', 'in', ['create', 'update', 'convert', 'stage_change', 'claim', 'assign']);
  if (authors.userId !== undefined) qb = qb.where('userId', '=', authors.userId);
  else if (authors.departmentIds)
    qb = qb.where(
      'userId',
      'in',
      db.selectFrom('users').select('id').where('departmentId', 'in', authors.departmentIds),
    );
  return qb.orderBy('id', 'desc').limit(20).execute();
}

/** Open opportunities in scope on the default pipeline, counted and summed per stage, in stage order. */
export function openFunnelByStage(db: Kysely<DB>, scope: Scope) {
  return whereInScope(db.selectFrom('opportunities'), 'opportunities', scope)
    .innerJoin('pipelineStages as stage', 'stage.id', 'opportunities.stageId')
    .innerJoin('pipelines', 'pipelines.id', 'opportunities.pipelineId')
    .select((eb) => [
      'stage.code',
      'stage.probability',
      'stage.sortOrder',
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('opportunities.amount'), eb.val(0)).as('amount'),
    ])
    .where('opportunities.deletedAt', 'is', null)
    .where('opportunities.status', '=', 'open')
    .where('pipelines.isDefault', '=', 1)
    .groupBy(['stage.code', 'stage.probability', 'stage.sortOrder'])
    .orderBy('stage.sortOrder')
    .execute();
}

/** The first 20 pending requests whose current step waits on `approverId`'s decision. */
export function listApprovalsAwaiting(db: Kysely<DB>, approverId: number) {
  return db
    .selectFrom('approvalDecisions as d')
    .innerJoin('approvalRequests as r', (join) =>
      join.onRef('r.id', '=', 'd.requestId').onRef('r.currentStep', '=', 'd.step'),
    )
    .innerJoin('users as submitter', 'submitter.id', 'r.submittedBy')
    .select(['r.id', 'r.title', 'r.submittedAt', 'submitter.displayName as submittedByName'])
    .where('d.approverId', '=', approverId)
    .where('d.decision', '=', 'pending')
    .where('r.status', '=', 'pending')
    .orderBy('r.id')
    .limit(20)
    .execute();
}

/** Instalments in scope past their due date with money outstanding: how many, the sums per currency, the oldest few. */
export async function overdueInstalments(db: Kysely<DB>, scope: Scope, today: string, limit: number) {
  const overdue = whereInScope(db.selectFrom('instalments'), 'instalments', scope)
    .whereRef('instalments.received', '<', 'instalments.amount')
    .where('instalments.dueDate', '<', today);
  const [sums, rows] = await Promise.all([
    overdue
      .select([
        'instalments.currency',
        sql<number>`count(*)`.as('count'),
        sql<number>`sum(${sql.ref('instalments.amount')} - ${sql.ref('instalments.received')})`.as('outstanding'),
      ])
      .groupBy('instalments.currency')
      .orderBy('instalments.currency')
      .execute(),
    overdue
      .innerJoin('orders', 'orders.id', 'instalments.orderId')
      .innerJoin('customers', 'customers.id', 'instalments.customerId')
      .select([
        'instalments.id',
        'instalments.orderId',
        'orders.number as orderNumber',
        'instalments.customerId',
        'customers.name as customerName',
        'instalments.dueDate',
        'instalments.amount',
        'instalments.received',
        'instalments.currency',
      ])
      .orderBy('instalments.dueDate')
      .orderBy('instalments.id')
      .limit(limit)
      .execute(),
  ]);
  return { sums, rows };
}

/** Order statuses after approval: the sale is agreed and can be invoiced. */
const invoiceableStatuses = ['approved', 'partially_delivered', 'delivered', 'completed'];

/** Live approved orders in scope whose issued invoices fall short of their total: how many, and the oldest few. */
export async function ordersToInvoice(db: Kysely<DB>, scope: Scope, limit: number) {
  const issued = db
    .selectFrom('invoices')
    .select(['invoices.orderId', (eb) => eb.fn.sum<number>('invoices.amount').as('amount')])
    .where('invoices.status', '=', 'issued')
    .where('invoices.orderId', 'is not', null)
    .groupBy('invoices.orderId')
    .as('issued');
  const invoiced = sql<number>`coalesce(${sql.ref('issued.amount')}, 0)`;
  const pending = whereInScope(db.selectFrom('orders').leftJoin(issued, 'issued.orderId', 'orders.id'), 'orders', scope)
    .where('orders.deletedAt', 'is', null)
    .where('orders.status', 'in', invoiceableStatuses)
    .where(sql<boolean>`${sql.ref('orders.total')} > ${invoiced}`);
  const [count, rows] = await Promise.all([
    pending.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    pending
      .innerJoin('customers', 'customers.id', 'orders.customerId')
      .select([
        'orders.id',
        'orders.number',
        'orders.customerId',
        'customers.name as customerName',
        'orders.currency',
        'orders.total',
        invoiced.as('invoiced'),
      ])
      .orderBy('orders.id')
      .limit(limit)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

function workOrderRows(db: Kysely<DB>, scope: Scope) {
  return whereInScope(db.selectFrom('workOrders'), 'workOrders', scope)
    .innerJoin('tickets', 'tickets.id', 'workOrders.ticketId')
    .leftJoin('customers', 'customers.id', 'workOrders.customerId')
    .leftJoin('users as technician', 'technician.id', 'workOrders.ownerId')
    .where('workOrders.deletedAt', 'is', null);
}

async function workOrderList(qb: ReturnType<typeof workOrderRows>, limit: number) {
  const [count, rows] = await Promise.all([
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    qb
      .select([
        'workOrders.id',
        'workOrders.number',
        'workOrders.ticketId',
        'tickets.subject as ticketSubject',
        'workOrders.customerId',
        'customers.name as customerName',
        'workOrders.address',
        'workOrders.appointmentStart',
        'workOrders.appointmentEnd',
        'workOrders.status',
        'technician.displayName as technicianName',
      ])
      .orderBy('workOrders.appointmentStart')
      .orderBy('workOrders.id')
      .limit(limit)
      .execute(),
  ]);
  return { total: Number(count.n), items: rows };
}

/** Open work orders in scope of the tickets `userId` handles or that they created. */
export function openWorkOrdersOf(db: Kysely<DB>, scope: Scope, userId: number, limit: number) {
  return workOrderList(
    workOrderRows(db, scope)
      .where('workOrders.status', 'in', ['new', 'dispatched', 'accepted', 'on_site'])
      .where((eb) => eb.or([eb('tickets.ownerId', '=', userId), eb('workOrders.createdBy', '=', userId)])),
    limit,
  );
}

/** The work orders of technician `userId` whose appointment falls in [from, to), except cancelled ones. */
export function visitsBetween(db: Kysely<DB>, scope: Scope, userId: number, from: string, to: string, limit: number) {
  return workOrderList(
    workOrderRows(db, scope)
      .where('workOrders.ownerId', '=', userId)
      .where('workOrders.status', '!=', 'cancelled')
      .where('workOrders.appointmentStart', '<', to)
      .where('workOrders.appointmentEnd', '>=', from),
    limit,
  );
}
