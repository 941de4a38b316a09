import type { Kysely } from 'kysely';

/**
 * Every column that refers to a customer, contact, lead, opportunity or product gets an index over all
 * rows (not only live ones): deleting a record for good checks each reference, and without such an
 * index the check reads the whole referring table once per record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Partial indexes replaced by full ones that serve the same lists (deleted rows are filtered).
  for (const [name, table, columns] of [
    ['followups_customer_time', 'followups', ['customer_id', 'occurred_at', 'id']],
    ['followups_lead_time', 'followups', ['lead_id', 'occurred_at', 'id']],
    ['quotes_customer', 'quotes', ['customer_id', 'created_at', 'id']],
    ['quotes_opportunity', 'quotes', ['opportunity_id', 'version']],
    ['leads_converted_customer', 'leads', ['converted_customer_id']],
  ] as Array<[string, string, string[]]>) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
  for (const [name, table, column] of [
    ['followups_contact', 'followups', 'contact_id'],
    ['leads_converted_contact', 'leads', 'converted_contact_id'],
    ['pool_claims_customer', 'pool_claims', 'customer_id'],
    ['opportunity_contacts_contact', 'opportunity_contacts', 'contact_id'],
    ['quotes_contact', 'quotes', 'contact_id'],
    ['quote_lines_product', 'quote_lines', 'product_id'],
  ] as Array<[string, string, string]>) {
    await db.schema.createIndex(name).on(table).column(column).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'followups_contact',
    'leads_converted_contact',
    'pool_claims_customer',
    'opportunity_contacts_contact',
    'quotes_contact',
    'quote_lines_product',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
