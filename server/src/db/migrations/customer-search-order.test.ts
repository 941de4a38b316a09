import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { insertCustomerBatch } from '../../modules/customers/index.ts';
import { systemActor } from '../../platform/actor.ts';
import { searchDocument } from '../../platform/search.ts';
import { type Database, openDatabase } from '../database.ts';
import { createMigrator } from '../migrator.ts';
import { seedEssentials } from '../seed.ts';

// The migration changes SQLite's search index only; on Postgres it does nothing.
describe('customer search order migration on sqlite', () => {
  let testDb: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const indexColumns = async (name: string) =>
    (await sql<{ name: string }>`select name from pragma_index_info(${name}) order by seqno`.execute(database.db)).rows.map((r) => r.name);
  const phraseMatches = async (text: string) =>
    (await sql<{ rowid: number }>`select rowid from customer_search where customer_search match ${`"${searchDocument([text]).grams.join(' ')}"`}`.execute(database.db)).rows.map((r) => r.rowid);

  it('re-indexes existing customers as bigram sequences and carries the search text in the list indexes', async () => {
    testDb = await createTestDatabase('sqlite');
    database = openDatabase(testDb.url);
    const migrator = createMigrator(database.db);
    expect((await migrator.migrateTo('0034-ticket-queue-order')).error).toBeUndefined();
    await seedEssentials(database.db, 'Admin12345');
    const [id] = await database.db.transaction().execute((trx) =>
      insertCustomerBatch(trx, { dialect: 'sqlite' }, systemActor, [{ name: 'Blue Fox 龙腾科技', owner: { id: 1, departmentId: null } }]),
    );
    // As the earlier index held it: each bigram once, none across a space.
    await sql`delete from customer_search where rowid = ${id}`.execute(database.db);
    await sql`insert into customer_search (rowid, grams) values (${id}, ${'unrelated tokens'})`.execute(database.db);
    expect(await phraseMatches('e f')).toEqual([]);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await phraseMatches('e f')).toEqual([id]);
    expect(await phraseMatches('腾科')).toEqual([id]);
    expect(await phraseMatches('科腾')).toEqual([]);
    expect(await indexColumns('customers_updated')).toEqual(['updated_at', 'id', 'department_id', 'owner_id', 'search_text']);
    expect(await indexColumns('customers_department_updated')).toEqual(['department_id', 'updated_at', 'id', 'search_text']);

    expect((await migrator.migrateDown()).error).toBeUndefined();
    expect(await indexColumns('customers_updated')).toEqual(['updated_at', 'id']);
  });
});
