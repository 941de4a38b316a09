import type { Kysely } from 'kysely';
import { addDataVersionTriggers, dropDataVersionTriggers } from './helpers.ts';

/**
 * Calls and campaign members become report sources: their tables (and the campaigns a member is scoped
 * and named through) get data versions, as migration 0059 gave the other sources', so that a report's
 * kept answer is given again only while none of them changed; so do the dictionaries' options, whose
 * order a report of a customer's stages (a funnel) reads in.
 */
const tracked = ['calls', 'campaigns', 'campaign_members', 'dictionary_options'];

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
