import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../test/databases.ts';
import { insertRows } from './bulk-insert.ts';
import { type Database, openDatabase } from './database.ts';
import { migrateToLatest } from './migrator.ts';

describe.each(testDialects)('insertRows on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    await migrateToLatest(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const row = (i: number) => ({
    createdAt: '2026-12-02T00:00:00.000Z',
    userId: null,
    username: 'bulk',
    ip: null,
    userAgent: null,
    action: 'create',
    entity: 'units',
    entityId: i,
    changes: null,
    detail: null,
  });

  it('writes every row in order across full and short chunks, reusing the statement with new values', async () => {
    const first = await insertRows(database.db, 'auditLogs', [0, 1, 2, 3, 4].map(row), { returnIds: true, chunk: 2 });
    const second = await insertRows(database.db, 'auditLogs', [5, 6, 7].map(row), { returnIds: true, chunk: 2 });
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(3);
    const stored = await database.db
      .selectFrom('auditLogs')
      .select(['id', 'entityId'])
      .where('entity', '=', 'units')
      .orderBy('id')
      .execute();
    expect(stored.map((r) => r.entityId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(stored.map((r) => r.id)).toEqual([...first, ...second]);
  });

  it('returns nothing for no rows and no ids unless asked', async () => {
    expect(await insertRows(database.db, 'auditLogs', [])).toEqual([]);
    expect(await insertRows(database.db, 'auditLogs', [row(8)])).toEqual([]);
  });
});
