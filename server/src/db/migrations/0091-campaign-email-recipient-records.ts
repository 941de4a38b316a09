import { type Kysely, sql } from 'kysely';

/**
 * A campaign email recipient names the record it was mailed as — a contact, a lead or a customer — instead of
 * a contact only: `entity` and `entity_id` take the place of `contact_id`. Rows written before name the contact
 * they had, or else their campaign member's record; a row whose member was removed and named no contact keeps
 * none. Two members of a send with one address (a lead and the contact it became) are mailed once: an index
 * finds a send's recipients by address, in lower case.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign_email_recipients').addColumn('entity', 'text').execute();
  await db.schema.alterTable('campaign_email_recipients').addColumn('entity_id', 'integer').execute();
  await sql`update campaign_email_recipients set entity = 'contacts', entity_id = contact_id
    where contact_id is not null`.execute(db);
  await sql`update campaign_email_recipients
    set entity = (select m.entity from campaign_members m where m.id = campaign_email_recipients.member_id),
      entity_id = (select m.entity_id from campaign_members m where m.id = campaign_email_recipients.member_id)
    where contact_id is null`.execute(db);
  await db.schema.alterTable('campaign_email_recipients').dropColumn('contact_id').execute();
  await sql`create index campaign_email_recipients_address
    on campaign_email_recipients (send_id, lower(email))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('campaign_email_recipients_address').execute();
  await db.schema.alterTable('campaign_email_recipients').addColumn('contact_id', 'integer').execute();
  await sql`update campaign_email_recipients set contact_id = entity_id where entity = 'contacts'`.execute(db);
  await db.schema.alterTable('campaign_email_recipients').dropColumn('entity_id').execute();
  await db.schema.alterTable('campaign_email_recipients').dropColumn('entity').execute();
}
