import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../../test/databases.ts';
import { pinyinSearchValues } from '../../platform/pinyin.ts';
import { candidateCount, searchTargets } from '../../platform/search.ts';
import { bigrams, searchDocument } from '../../platform/search-text.ts';
import { type Database, openDatabase } from '../database.ts';
import { createMigrator } from '../migrator.ts';
import { seedEssentials } from '../seed.ts';
import * as pinyinSearchTokens from './0088-pinyin-search-tokens.ts';

describe.each(testDialects)('pinyin search tokens migration on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const candidates = async (target: keyof typeof searchTargets, q: string) =>
    Number((await candidateCount(dialect, searchTargets[target], q)!.execute(database.db)).rows[0].n);

  it('gives the records already indexed their pinyin tokens, and goes back and forth', async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    const migrator = createMigrator(database.db);
    expect((await migrator.migrateTo('0087-cti-connection-holder')).error).toBeUndefined();
    await seedEssentials(database.db, 'Admin12345');
    const now = '2026-12-01T08:00:00.000Z';
    const customerDoc = searchDocument([
      '深圳龙腾科技有限公司',
      'C000001',
      ...pinyinSearchValues('深圳龙腾科技有限公司', 'name'),
    ]);
    const [customer] = await sql<{ id: number }>`
      insert into customers (code, name, name_norm, type, custom_fields, search_text, owner_id, created_at, updated_at)
      values ('C000001', '深圳龙腾科技有限公司', '深圳龙腾科技', 'company', '{}', ${customerDoc.text}, 1, ${now}, ${now}) returning id`
      .execute(database.db)
      .then((r) => r.rows);
    // Indexed as before pinyin tokens: bigrams (and digit tokens) only.
    if (dialect === 'sqlite')
      await sql`insert into customer_search (rowid, grams) values (${customer.id}, relate_bigrams(${customerDoc.text}))`.execute(
        database.db,
      );
    else
      await sql`update customers set search_grams = ${bigrams(customerDoc.text)}::text[] where id = ${customer.id}`.execute(
        database.db,
      );
    const contactText = searchDocument(['欧阳小明', '13800001111', ...pinyinSearchValues('欧阳小明', 'person')]).text;
    const [contact] = await sql<{ id: number }>`
      insert into contacts (customer_id, name, search_text, is_primary, owner_id, created_at, updated_at)
      values (${customer.id}, '欧阳小明', ${contactText}, 0, 1, ${now}, ${now}) returning id`
      .execute(database.db)
      .then((r) => r.rows);
    if (dialect === 'sqlite') {
      // The trigger indexes with the server's function as it now is; the entry is put back as an older server made it.
      await sql`delete from contact_search where rowid = ${contact.id}`.execute(database.db);
      await sql`insert into contact_search (rowid, grams) values (${contact.id}, relate_bigrams(${contactText}))`.execute(
        database.db,
      );
    }
    // The phrase of the initials' tokens is not in an index made before them.
    expect(await candidates('customers', 'szlt')).toBe(0);
    expect(await candidates('contacts', 'oyxm')).toBe(0);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await candidates('customers', 'szlt')).toBe(1);
    expect(await candidates('customers', 'ltkjyx')).toBe(1);
    expect(await candidates('customers', 'longteng')).toBe(1);
    expect(await candidates('customers', 'szltk')).toBe(1);
    expect(await candidates('customers', 'sztl')).toBe(0);
    expect(await candidates('contacts', 'oyxm')).toBe(1);
    expect(await candidates('contacts', 'ouyang')).toBe(1);
    expect(await candidates('contacts', '00001111')).toBe(1);
    expect(await candidates('customers', '龙腾')).toBe(1);

    // A contact written after the migration is indexed with its pinyin tokens by the trigger (or generated column).
    await sql`update contacts set search_text = ${searchDocument(['司马相如', ...pinyinSearchValues('司马相如', 'person')]).text} where id = ${contact.id}`.execute(
      database.db,
    );
    expect(await candidates('contacts', 'smxr')).toBe(1);
    expect(await candidates('contacts', 'oyxm')).toBe(0);

    await pinyinSearchTokens.down(database.db);
    if (dialect === 'postgres') expect(await candidates('customers', 'szlt')).toBe(0);
    await pinyinSearchTokens.up(database.db);
    await pinyinSearchTokens.up(database.db);
    expect(await candidates('contacts', 'smxr')).toBe(1);
    expect(await candidates('customers', 'szlt')).toBe(1);
    expect(await candidates('customers', '龙腾')).toBe(1);
  });
});
