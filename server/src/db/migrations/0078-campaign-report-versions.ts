import type { Kysely } from 'kysely';
import { addDataVersionTriggers, dropDataVersionTriggers } from './helpers.ts';

/**
 * Campaigns become a report source with their figures, which read the cost lines besides tables that keep
 * data versions already (members, leads, opportunities, orders, instalments): the cost lines get them too,
 * so that a kept report answer is given again only while none of them changed.
 */
const tracked = ['campaign_costs'];

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('data_versions')
    .values(tracked.map((table) => ({ table_name: table, version: 0 })))
    .execute();
  await addDataVersionTriggers(db, tracked);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropDataVersionTriggers(db, tracked);
  await db.deleteFrom('data_versions').where('table_name', 'in', tracked).execute();
}
