import { type Kysely, sql } from 'kysely';

/**
 * A call-list entry made for a lead names the lead (before, only the customer and contact it had been
 * converted to, so the dialer could not show or open the lead). Entries made for leads already — their
 * source key is `lead:<id>` — are given theirs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('call_list_entries')
    .addColumn('lead_id', 'integer', (c) => c.references('leads.id'))
    .execute();
  await db.schema.createIndex('call_list_entries_lead').on('call_list_entries').column('lead_id').execute();
  await sql`update call_list_entries set lead_id = cast(substr(source_key, 6) as integer)
    where source_key like 'lead:%'
      and exists (select 1 from leads where leads.id = cast(substr(call_list_entries.source_key, 6) as integer))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('call_list_entries_lead').execute();
  await db.schema.alterTable('call_list_entries').dropColumn('lead_id').execute();
}
