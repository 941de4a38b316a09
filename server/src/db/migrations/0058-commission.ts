import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Commission (提成): plans — a basis (money received or orders won), dates, a cap per statement, rates per
 * product category and/or customer level (basis points), tiers by attainment of the month's target
 * (hundredths of a percent → multiplier in ten-thousandths) — assigned to users or roles; a statement per
 * person and month with its figures, and its lines, each traced to its order and receipt (or the refund or
 * red-letter invoice an adjustment answers). Invoices learn which invoice a red-letter one (红字发票) offsets.
 * Money is in minor units of the default currency.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('commission_plans')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('start_date', t.date, (c) => c.notNull())
    .addColumn('end_date', t.date)
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('cap', money)
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('commission_plan_rates')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('commission_plans.id').onDelete('cascade'))
    // Only an empty category can be deleted; its rate goes with it.
    .addColumn('category_id', 'integer', (c) => c.references('product_categories.id').onDelete('cascade'))
    .addColumn('customer_level', 'text')
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commission_plan_rates_plan').on('commission_plan_rates').column('plan_id').execute();
  await db.schema
    .createTable('commission_plan_tiers')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('commission_plans.id').onDelete('cascade'))
    .addColumn('from_bp', 'integer', (c) => c.notNull())
    .addColumn('multiplier_bp', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('commission_plan_tiers_pk', ['plan_id', 'from_bp'])
    .execute();
  await db.schema
    .createTable('commission_plan_assignments')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('commission_plans.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('role_id', 'integer', (c) => c.references('roles.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('commission_plan_assignments_plan')
    .on('commission_plan_assignments')
    .column('plan_id')
    .execute();

  await db.schema
    .createTable('commission_statements')
    .addColumn('id', 'integer', idColumn(dialect))
    // Whose commission it is, named as every owned record's owner so that the one scope helper reads it.
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    // The owner's department when it was computed: history, kept when the department is removed.
    .addColumn('department_id', 'integer')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.references('commission_plans.id'))
    .addColumn('plan_name', 'text')
    .addColumn('basis', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('target', money)
    .addColumn('achieved', money)
    .addColumn('attainment_bp', 'integer')
    .addColumn('multiplier_bp', 'integer', (c) => c.notNull())
    .addColumn('gross', money, (c) => c.notNull())
    .addColumn('cap', money)
    .addColumn('capped', money, (c) => c.notNull())
    .addColumn('adjustments', money, (c) => c.notNull())
    .addColumn('total', money, (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('generated_at', t.timestamp, (c) => c.notNull())
    .addColumn('submitted_at', t.timestamp)
    .addColumn('approved_at', t.timestamp)
    .addColumn('locked_at', t.timestamp)
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('commission_statements_owner_month', ['owner_id', 'month'])
    .execute();
  await db.schema
    .createIndex('commission_statements_department')
    .on('commission_statements')
    .columns(['department_id', 'month'])
    .execute();
  await db.schema
    .createIndex('commission_statements_month')
    .on('commission_statements')
    .columns(['month', 'status'])
    .execute();

  await db.schema
    .createTable('commission_statement_lines')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('statement_id', 'integer', (c) => c.notNull().references('commission_statements.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // receipt: the receipt; order: the order; adjustment: the refund (a receipt) or the red-letter invoice.
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('event', 'text')
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id'))
    .addColumn('receipt_id', 'integer', (c) => c.references('receipts.id'))
    .addColumn('invoice_id', 'integer', (c) => c.references('invoices.id'))
    .addColumn('adjusts_line_id', 'integer', (c) => c.references('commission_statement_lines.id'))
    // The order's customer: the order keeps the customer from being purged, so no key of its own (the
    // recycle bin's list of what points at a customer stays as it is).
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    // As they were when computed (a category may later be renamed or removed).
    .addColumn('customer_level', 'text')
    .addColumn('category_id', 'integer')
    .addColumn('category_name', 'text')
    .addColumn('source_date', t.date, (c) => c.notNull())
    .addColumn('source_amount', money, (c) => c.notNull())
    .addColumn('source_currency', 'text', (c) => c.notNull())
    .addColumn('base', money, (c) => c.notNull())
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    .addColumn('multiplier_bp', 'integer', (c) => c.notNull())
    .addColumn('computed', money, (c) => c.notNull())
    .addColumn('commission', money, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commission_lines_statement')
    .on('commission_statement_lines')
    .columns(['statement_id', 'id'])
    .execute();
  await db.schema
    .createIndex('commission_lines_order')
    .on('commission_statement_lines')
    .columns(['order_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('commission_lines_adjusts')
    .on('commission_statement_lines')
    .column('adjusts_line_id')
    .execute();
  // A receipt's or order's part in a category is commissioned once, on one statement.
  await sql`create unique index commission_lines_source on commission_statement_lines
    (kind, source_id, order_id, coalesce(category_id, 0)) where kind <> 'adjustment'`.execute(db);
  // A refund or red-letter invoice adjusts a line once.
  await sql`create unique index commission_lines_adjustment on commission_statement_lines
    (adjusts_line_id, event, source_id) where kind = 'adjustment'`.execute(db);

  await db.schema
    .alterTable('invoices')
    .addColumn('red_of_id', 'integer', (c) => c.references('invoices.id'))
    .execute();
  await db.schema.createIndex('invoices_red_of').on('invoices').column('red_of_id').execute();

  await grantToBuiltInRoles(db, {
    admin: { permissions: ['commission.view', 'commission.manage'], dataScopes: { commission: 'all' } },
    sales_manager: { permissions: ['commission.view'], dataScopes: { commission: 'department_tree' } },
    sales_rep: { permissions: ['commission.view'], dataScopes: { commission: 'own' } },
    service_agent: { permissions: [], dataScopes: { commission: 'own' } },
    readonly: { permissions: [], dataScopes: { commission: 'own' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invoices_red_of').execute();
  await db.schema.alterTable('invoices').dropColumn('red_of_id').execute();
  for (const table of [
    'commission_statement_lines',
    'commission_statements',
    'commission_plan_assignments',
    'commission_plan_tiers',
    'commission_plan_rates',
    'commission_plans',
  ])
    await db.schema.dropTable(table).execute();
}
