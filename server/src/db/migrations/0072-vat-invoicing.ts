import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/** Finance as it arrived with this migration (a frozen copy of the role seed's entry). */
const financeRole = {
  code: 'finance',
  name: '财务',
  nameEn: 'Finance',
  description: '审批开票申请、开具发票、确认回款 / Approves invoice requests, issues invoices, confirms payments',
  permissions: [
    'contacts.view',
    'contracts.view',
    'customers.view',
    'invoices.cancel',
    'invoices.create',
    'invoices.view',
    'orders.view',
    'org.view',
    'products.view',
    'quotes.view',
    'receipts.confirm',
    'receipts.view',
  ],
  dataScopes: {
    customers: 'all',
    contacts: 'all',
    leads: 'own',
    followups: 'own',
    opportunities: 'own',
    tasks: 'own',
    dailyReports: 'own',
    quotes: 'all',
    orders: 'all',
    receipts: 'all',
    contracts: 'all',
    tickets: 'own',
    workOrders: 'own',
    commission: 'own',
    campaigns: 'own',
    calls: 'own',
  },
};

/**
 * VAT invoicing: customers' billing profiles, invoice lines (with tax rate, tax and tax classification
 * code), invoice requests approved by finance, products' tax classification codes. Every invoice
 * recorded before gets lines: its order's when it invoiced the whole order (no discount), else one line.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema.alterTable('products').addColumn('tax_code', 'text').execute();
  await db.schema
    .createTable('billing_profiles')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('tax_id', 'text')
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('bank_name', 'text')
    .addColumn('bank_account', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('billing_profiles_customer')
    .on('billing_profiles')
    .columns(['customer_id', 'id'])
    .execute();
  await db.schema
    .createTable('invoice_requests')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('order_id', 'integer', (c) => c.references('orders.id'))
    .addColumn('billing_profile_id', 'integer', (c) => c.references('billing_profiles.id').onDelete('set null'))
    .addColumn('buyer_title', 'text', (c) => c.notNull())
    .addColumn('buyer_tax_id', 'text')
    .addColumn('buyer_address_phone', 'text')
    .addColumn('buyer_bank_account', 'text')
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('tax', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('invoice_id', 'integer', (c) => c.references('invoices.id'))
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoice_requests_status').on('invoice_requests').columns(['status', 'id']).execute();
  await db.schema.createIndex('invoice_requests_owner').on('invoice_requests').columns(['owner_id', 'id']).execute();
  await db.schema
    .createIndex('invoice_requests_department')
    .on('invoice_requests')
    .columns(['department_id', 'id'])
    .execute();
  await db.schema
    .createIndex('invoice_requests_customer')
    .on('invoice_requests')
    .columns(['customer_id', 'id'])
    .execute();
  await db.schema.createIndex('invoice_requests_order').on('invoice_requests').column('order_id').execute();
  await db.schema.alterTable('invoices').addColumn('red_reason', 'text').execute();
  await db.schema
    .alterTable('invoices')
    .addColumn('request_id', 'integer', (c) => c.references('invoice_requests.id'))
    .execute();
  // A line belongs to an invoice or to a request (copied onto the invoice when it is issued).
  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('invoice_id', 'integer', (c) => c.references('invoices.id'))
    .addColumn('request_id', 'integer', (c) => c.references('invoice_requests.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'integer', (c) => c.references('products.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('specification', 'text')
    .addColumn('unit', 'text')
    .addColumn('quantity', 'text')
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('tax_code', 'text')
    .addColumn('net', money, (c) => c.notNull())
    .addColumn('tax', money, (c) => c.notNull())
    .addColumn('total', money, (c) => c.notNull())
    .addColumn('red_of_line_id', 'integer', (c) => c.references('invoice_lines.id'))
    .addCheckConstraint('invoice_lines_one_holder', sql`(invoice_id is null) <> (request_id is null)`)
    .execute();
  await db.schema
    .createIndex('invoice_lines_invoice')
    .on('invoice_lines')
    .columns(['invoice_id', 'position'])
    .execute();
  await db.schema
    .createIndex('invoice_lines_request')
    .on('invoice_lines')
    .columns(['request_id', 'position'])
    .execute();
  await db.schema.createIndex('invoice_lines_red_of').on('invoice_lines').column('red_of_line_id').execute();

  // An invoice of a whole order without a discount takes the order's lines.
  await sql`
    insert into invoice_lines (invoice_id, position, product_id, name, unit, quantity, tax_rate_bp, tax_code, net, tax, total)
    select i.id, l.position, l.product_id, l.name, l.unit, l.quantity, l.tax_rate_bp, null, l.net, l.tax, l.total
    from invoices i
    join orders o on o.id = i.order_id
    join order_lines l on l.order_id = o.id
    where i.red_of_id is null and i.amount = o.total and i.tax = o.tax and o.discount = 0
  `.execute(db);
  // Every other invoice (red-letter ones too) is one line of its own amount and tax; the rate is the nearest
  // whole basis point of tax over the amount without it.
  await sql`
    insert into invoice_lines (invoice_id, position, product_id, name, unit, quantity, tax_rate_bp, tax_code, net, tax, total)
    select i.id, 1, null, coalesce(o.title, i.buyer_title), null, null,
      case when i.amount - i.tax = 0 then 0
        else (abs(i.tax) * 20000 + abs(i.amount - i.tax)) / (2 * abs(i.amount - i.tax)) end,
      null, i.amount - i.tax, i.tax, i.amount
    from invoices i
    left join orders o on o.id = i.order_id
    where not exists (select 1 from invoice_lines x where x.invoice_id = i.id)
  `.execute(db);
  // A red-letter invoice of an invoice with one line credits that line.
  await sql`
    update invoice_lines set red_of_line_id = (
      select min(ol.id) from invoice_lines ol join invoices r on r.red_of_id = ol.invoice_id
      where r.id = invoice_lines.invoice_id
    )
    where invoice_id in (select id from invoices where red_of_id is not null)
      and (select count(*) from invoice_lines ol join invoices r on r.red_of_id = ol.invoice_id
           where r.id = invoice_lines.invoice_id) = 1
  `.execute(db);
  // The red-letter reason was kept in the notes.
  await sql`update invoices set red_reason = notes where red_of_id is not null`.execute(db);

  await grantToBuiltInRoles(db, {
    admin: { permissions: ['invoices.request'] },
    sales_manager: { permissions: ['invoices.request'] },
    sales_rep: { permissions: ['invoices.request'] },
  });
  const now = new Date().toISOString();
  let finance = await db.selectFrom('roles').select('id').where('code', '=', 'finance').executeTakeFirst();
  finance ??= await db
    .insertInto('roles')
    .values({
      code: financeRole.code,
      name: financeRole.name,
      nameEn: financeRole.nameEn,
      description: financeRole.description,
      permissions: JSON.stringify(financeRole.permissions),
      dataScopes: JSON.stringify(financeRole.dataScopes),
      fieldRules: JSON.stringify({}),
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Finance approves every invoice request; an administrator may change or add flows.
  await db
    .insertInto('approvalFlows')
    .values({
      name: '开票申请 / Invoice requests',
      documentType: 'invoice_request',
      active: 1,
      priority: 100,
      conditions: JSON.stringify([]),
      steps: JSON.stringify([{ name: '财务审核 / Finance', approverType: 'role', roleId: finance.id, mode: 'any' }]),
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('approvalFlows').where('documentType', '=', 'invoice_request').execute();
  await db.schema.dropTable('invoice_lines').execute();
  await db.schema.alterTable('invoices').dropColumn('request_id').execute();
  await db.schema.alterTable('invoices').dropColumn('red_reason').execute();
  await db.schema.dropTable('invoice_requests').execute();
  await db.schema.dropTable('billing_profiles').execute();
  await db.schema.alterTable('products').dropColumn('tax_code').execute();
}
