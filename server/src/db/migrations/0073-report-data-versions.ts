import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

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
  if (dialectOf(db) === 'sqlite') {
    for (const table of tracked) {
      for (const event of ['insert', 'update', 'delete']) {
        await sql`create trigger ${sql.raw(`${table}_version_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
          begin update data_versions set version = version + 1 where table_name = ${sql.lit(table)}; end`.execute(db);
      }
    }
    return;
  }
  for (const table of tracked) {
    await sql`create trigger ${sql.raw(`${table}_version`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function relate_data_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const table of tracked)
      for (const event of ['insert', 'update', 'delete'])
        await sql`drop trigger ${sql.raw(`${table}_version_${event}`)}`.execute(db);
  } else {
    for (const table of tracked)
      await sql`drop trigger ${sql.raw(`${table}_version`)} on ${sql.table(table)}`.execute(db);
  }
  await db.deleteFrom('data_versions').where('table_name', 'in', tracked).execute();
}
