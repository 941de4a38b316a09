import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * Each contact carries its customer's name, so that the contact list ordered by customer walks an
 * index of its own. Ordered through a join, a rep's ten thousand contacts each looked their customer up
 * and were sorted for every page (about 100 ms at a million customers).
 *
 * The database keeps the copy itself, so that no path that writes a contact or renames a customer
 * (form, import, merge, pool, portal) can leave it stale: a contact takes its customer's name when it is
 * written or moved to another customer, and a customer's new name is written into its contacts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table contacts add column customer_name text not null default ''`.execute(db);
  await sql`update contacts set customer_name = coalesce((select name from customers where customers.id = contacts.customer_id), '')`.execute(
    db,
  );
  if (dialectOf(db) === 'sqlite') {
    const nameOfNew = sql`(select name from customers where id = new.customer_id)`;
    // A row written with its customer's name already (as the imports do) costs one look-up, not a second write.
    await sql`create trigger contacts_customer_name_insert after insert on contacts
      when new.customer_name is not ${nameOfNew} begin
      update contacts set customer_name = coalesce(${nameOfNew}, '') where id = new.id; end`.execute(db);
    await sql`create trigger contacts_customer_name_move after update of customer_id on contacts begin
      update contacts set customer_name = coalesce(${nameOfNew}, '') where id = new.id; end`.execute(db);
    await sql`create trigger customers_name_to_contacts after update of name on customers
      when new.name is not old.name begin
      update contacts set customer_name = new.name where customer_id = new.id; end`.execute(db);
  } else {
    await sql`create function relate_contact_customer_name() returns trigger language plpgsql as $$
      begin
        new.customer_name := coalesce((select name from customers where id = new.customer_id), '');
        return new;
      end $$`.execute(db);
    await sql`create trigger contacts_customer_name before insert or update of customer_id on contacts
      for each row execute function relate_contact_customer_name()`.execute(db);
    await sql`create function relate_customer_name_to_contacts() returns trigger language plpgsql as $$
      begin
        update contacts set customer_name = new.name where customer_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger customers_name_to_contacts after update of name on customers
      for each row when (old.name is distinct from new.name) execute function relate_customer_name_to_contacts()`.execute(
      db,
    );
  }
  await db.schema
    .createIndex('contacts_customer_name_sort')
    .on('contacts')
    .columns(['customer_name', 'customer_id', 'id', 'department_id', 'owner_id'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contacts_customer_name_sort').execute();
  if (dialectOf(db) === 'sqlite') {
    for (const name of ['contacts_customer_name_insert', 'contacts_customer_name_move', 'customers_name_to_contacts'])
      await sql`drop trigger ${sql.raw(name)}`.execute(db);
  } else {
    await sql`drop trigger contacts_customer_name on contacts`.execute(db);
    await sql`drop trigger customers_name_to_contacts on customers`.execute(db);
    await sql`drop function relate_contact_customer_name()`.execute(db);
    await sql`drop function relate_customer_name_to_contacts()`.execute(db);
  }
  await sql`alter table contacts drop column customer_name`.execute(db);
}
