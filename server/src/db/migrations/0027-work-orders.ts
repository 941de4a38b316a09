import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/** On-site work orders of tickets: dispatch, check-in and check-out, parts used and the customer's signature; technicians' skills. */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('work_orders')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('address', 'text')
    .addColumn('appointment_start', t.timestamp, (c) => c.notNull())
    .addColumn('appointment_end', t.timestamp, (c) => c.notNull())
    .addColumn('required_skills', 'text', (c) => c.notNull())
    .addColumn('parts_needed', 'text')
    .addColumn('instructions', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('accepted_at', t.timestamp)
    .addColumn('check_in_at', t.timestamp)
    .addColumn('check_in_latitude', 'real')
    .addColumn('check_in_longitude', 'real')
    .addColumn('check_out_at', t.timestamp)
    .addColumn('work_done', 'text')
    .addColumn('signature', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('cancel_reason', 'text')
    // The technician owns the work order (data scope "own").
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .execute();
  await db.schema
    .createIndex('work_orders_owner')
    .on('work_orders')
    .columns(['owner_id', 'appointment_start'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await db.schema
    .createIndex('work_orders_department')
    .on('work_orders')
    .columns(['department_id', 'appointment_start'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await db.schema.createIndex('work_orders_ticket').on('work_orders').column('ticket_id').execute();
  await db.schema
    .createTable('work_order_parts')
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
    .addColumn('quantity_milli', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('warehouse_id', 'integer', (c) => c.references('warehouses.id'))
    .addPrimaryKeyConstraint('work_order_parts_pk', ['work_order_id', 'product_id'])
    .execute();
  await db.schema
    .createTable('user_skills')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_skills_pk', ['user_id', 'skill'])
    .execute();
  await grantToBuiltInRoles(db, {
    admin: {
      permissions: ['workOrders.view', 'workOrders.dispatch', 'workOrders.work'],
      dataScopes: { workOrders: 'all' },
    },
    sales_manager: { permissions: [], dataScopes: { workOrders: 'department_tree' } },
    sales_rep: { permissions: [], dataScopes: { workOrders: 'own' } },
    service_agent: {
      permissions: ['workOrders.view', 'workOrders.dispatch', 'workOrders.work'],
      dataScopes: { workOrders: 'all' },
    },
    readonly: { permissions: ['workOrders.view'], dataScopes: { workOrders: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['user_skills', 'work_order_parts', 'work_orders']) await db.schema.dropTable(table).execute();
}
