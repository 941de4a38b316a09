import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../test/databases.ts';
import { type Database, openDatabase } from './database.ts';
import { migrateToLatest } from './migrator.ts';
import { seedEssentials } from './seed.ts';

// Several instances share a database only on PostgreSQL; SQLite has one server process.
describe.each(testDialects.filter((d) => d === 'postgres'))(
  'starting several instances on one new database (%s)',
  (dialect) => {
    let testDb: TestDatabase;
    let instances: Database[];

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      instances = [openDatabase(testDb.url), openDatabase(testDb.url), openDatabase(testDb.url)];
    });
    afterAll(async () => {
      for (const instance of instances ?? []) await instance.close();
      await testDb?.drop();
    });

    it('migrates and seeds once when three instances start together', async () => {
      const started = await Promise.all(
        instances.map(async ({ db }) => {
          await migrateToLatest(db);
          return seedEssentials(db, 'Admin12345');
        }),
      );
      expect(started.filter((result) => result.adminCreated)).toHaveLength(1);
      const { db } = instances[0];
      expect(await db.selectFrom('users').select('username').execute()).toEqual([{ username: 'admin' }]);
      const options = await db.selectFrom('dictionaryOptions').select(['type', 'code']).execute();
      expect(new Set(options.map((o) => `${o.type}/${o.code}`)).size).toBe(options.length);
      expect(await db.selectFrom('pools').select('id').execute()).toHaveLength(1);
      expect(await db.selectFrom('departments').select('id').execute()).toHaveLength(1);
      expect(
        await db.selectFrom('slaPolicies').select(['ticketType', 'priority', 'customerLevel', 'active']).execute(),
      ).toEqual([{ ticketType: null, priority: null, customerLevel: null, active: 1 }]);
    });
  },
);
