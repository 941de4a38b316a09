import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../../test/databases.ts';
import { type Database, openDatabase } from '../database.ts';
import { createMigrator } from '../migrator.ts';
import { seedEssentials } from '../seed.ts';
import * as savedViews from './0042-saved-views.ts';

describe.each(testDialects)('saved views migration on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('keeps the saved filters as personal views without columns, and goes back and forth', async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    const migrator = createMigrator(database.db);
    expect((await migrator.migrateTo('0040-phone-digits-search')).error).toBeUndefined();
    await seedEssentials(database.db, 'Admin12345');
    const createdAt = '2026-11-30T08:00:00.000Z';
    await sql`insert into saved_filters (user_id, entity, name, query, created_at)
      values (1, 'customers', 'A 级', ${JSON.stringify({ level: 'A' })}, ${createdAt})`.execute(database.db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const view = await database.db.selectFrom('savedFilters').selectAll().executeTakeFirstOrThrow();
    expect(view).toMatchObject({ name: 'A 级', columns: null, sort: null, density: null, shared: 0 });
    expect(new Date(String(view.updatedAt)).toISOString()).toBe(createdAt);
    await database.db
      .insertInto('savedFilterDefaults')
      .values({ userId: 1, entity: 'customers', savedFilterId: view.id })
      .execute();

    await savedViews.down(database.db);
    expect(await database.db.selectFrom('savedFilters').select('name').execute()).toEqual([{ name: 'A 级' }]);
    await savedViews.up(database.db);
    expect(await database.db.selectFrom('savedFilterDefaults').selectAll().execute()).toEqual([]);
  });
});
