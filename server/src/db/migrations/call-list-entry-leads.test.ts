import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../../test/databases.ts';
import { type Database, openDatabase } from '../database.ts';
import { createMigrator } from '../migrator.ts';
import { seedEssentials } from '../seed.ts';

describe.each(testDialects)('call-list entry leads migration on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('gives the entries made for leads before it their lead, and nothing to the others', async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    const migrator = createMigrator(database.db);
    expect((await migrator.migrateTo('0088-pinyin-search-tokens')).error).toBeUndefined();
    await seedEssentials(database.db, 'Admin12345');
    const now = '2026-12-01T08:00:00.000Z';
    const { rows: leads } = await sql<{ id: number }>`
      insert into leads (code, name, name_norm, search_text, owner_id, created_at, updated_at)
      values ('L1', '线索甲', '线索甲', '线索甲', 1, ${now}, ${now}) returning id`.execute(database.db);
    const { rows: lists } = await sql<{ id: number }>`
      insert into call_lists (name, purpose, source_kind, source_params, script, status, max_attempts, retry_minutes,
        calling_start, calling_end, assignment, agent_ids, created_at, updated_at)
      values ('名单', 'telemarketing', 'segment', '{}', '', 'active', 3, 60, '09:00', '21:00', 'even', '[]', ${now}, ${now})
      returning id`.execute(database.db);
    for (const key of [`lead:${leads[0].id}`, 'lead:999999', 'customer:1'])
      await sql`insert into call_list_entries (list_id, source_key, name, details, status, attempts, unanswered_attempts, created_at, updated_at)
        values (${lists[0].id}, ${key}, '某人', '{}', 'open', 0, 0, ${now}, ${now})`.execute(database.db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const { rows } = await sql<{ key: string; leadId: number | null }>`
      select source_key as key, lead_id as "leadId" from call_list_entries order by id`.execute(database.db);
    expect(rows).toEqual([
      { key: `lead:${leads[0].id}`, leadId: leads[0].id },
      { key: 'lead:999999', leadId: null },
      { key: 'customer:1', leadId: null },
    ]);
  });
});
