import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../../test/databases.ts';
import { insertCustomerBatch } from '../../modules/customers/index.ts';
import { systemActor } from '../../platform/actor.ts';
import { searchDocument } from '../../platform/search.ts';
import { type Database, openDatabase } from '../database.ts';
import { createMigrator } from '../migrator.ts';
import { seedEssentials } from '../seed.ts';
import * as webhooksMigration from './0061-webhooks.ts';

describe.each(testDialects)('customer search order migration on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const indexColumns = async (name: string) =>
    (
      await sql<{ name: string }>`select name from pragma_index_info(${name}) order by seqno`.execute(database.db)
    ).rows.map((r) => r.name);
  const phraseMatches = async (text: string) => {
    const grams = searchDocument([text]).grams;
    const query =
      dialect === 'sqlite'
        ? sql<{ id: number }>`select rowid as id from customer_search where customer_search match ${`"${grams}"`}`
        : sql<{ id: number }>`select id from customers where search_grams @> ${grams.split(' ')}::text[]`;
    return (await query.execute(database.db)).rows.map((r) => r.id);
  };

  it('re-indexes existing customers, spaces included, and (SQLite) carries the search text in the list indexes', async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    const migrator = createMigrator(database.db);
    expect((await migrator.migrateTo('0034-ticket-queue-order')).error).toBeUndefined();
    await seedEssentials(database.db, 'Admin12345');
    // Today's insert raises its events for webhooks, which read their table: it stands there while the
    // customer is written, and goes again before the migrations to the latest make it for good. Its division
    // code column likewise.
    await webhooksMigration.up(database.db);
    await database.db.schema.alterTable('customers').addColumn('division_code', 'text').execute();
    const [id] = await database.db
      .transaction()
      .execute((trx) =>
        insertCustomerBatch({ db: trx, dialect }, systemActor, [
          { name: 'Blue Fox 龙腾科技', owner: { id: 1, departmentId: null } },
        ]),
      );
    // As the earlier index held it: no bigram across a space (here: unrelated ones).
    if (dialect === 'sqlite') {
      await sql`delete from customer_search where rowid = ${id}`.execute(database.db);
      await sql`insert into customer_search (rowid, grams) values (${id}, ${'unrelated tokens'})`.execute(database.db);
    } else {
      await sql`update customers set search_grams = ${['unrelated']}::text[] where id = ${id}`.execute(database.db);
    }
    expect(await phraseMatches('e f')).toEqual([]);
    await webhooksMigration.down(database.db);
    await database.db.schema.alterTable('customers').dropColumn('division_code').execute();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await phraseMatches('e f')).toEqual([id]);
    expect(await phraseMatches('腾科')).toEqual([id]);
    expect(await phraseMatches('科腾')).toEqual([]);
    if (dialect === 'sqlite') {
      expect(await indexColumns('customers_updated')).toEqual([
        'updated_at',
        'id',
        'department_id',
        'owner_id',
        'search_text',
      ]);
      expect(await indexColumns('customers_department_updated')).toEqual([
        'department_id',
        'updated_at',
        'id',
        'search_text',
        // The list's filters (0047).
        'level',
        'stage',
        'industry',
        'source',
        'province',
        'credit_level',
        // Its date filters (0049).
        'created_at',
        'last_followup_at',
      ]);
      expect((await migrator.migrateTo('0034-ticket-queue-order')).error).toBeUndefined();
      expect(await indexColumns('customers_updated')).toEqual(['updated_at', 'id']);
    }
  });
});
