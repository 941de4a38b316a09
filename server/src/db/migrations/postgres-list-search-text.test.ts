import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';

describe.runIf(testDialects.includes('postgres'))('customer list indexes on postgres', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres');
  });
  afterAll(async () => t?.close());

  it("carry the search text, so a search in one person's customers reads no row from the table", async () => {
    const team = await createDepartment(t, unique('索引组'));
    const rep = await createUserClient(t, 'sales_rep', team);
    for (let i = 0; i < 3; i++) await createCustomer(rep, { name: `索引${i}有限公司` });
    const { rows: definitions } = await sql<{
      indexdef: string;
    }>`select indexdef from pg_indexes where indexname in ('customers_updated', 'customers_department_updated', 'customers_owner_updated')`.execute(
      t.database.db,
    );
    expect(definitions).toHaveLength(3);
    for (const { indexdef } of definitions) expect(indexdef).toMatch(/INCLUDE \(.*search_text\b/);

    await sql`vacuum analyze customers`.execute(t.database.db);
    const plan = await t.database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off; set local enable_bitmapscan = off`.execute(trx);
      const { rows } = await sql<{
        'QUERY PLAN': string;
      }>`explain select id from customers where owner_id = ${rep.userId} and deleted_at is null and search_text like ${'%有限%'} order by updated_at desc, id desc limit 20`.execute(
        trx,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Only Scan Backward using customers_owner_updated/);
    expect((await rep.get('/api/v1/customers', { q: '有限' })).json().total).toBe(3);
  });

  it('take bigrams into the search index at once, with no pending list for every search to read', async () => {
    const { rows } = await sql<{
      options: string[] | null;
    }>`select reloptions as options from pg_class where relname = 'customers_search_grams'`.execute(t.database.db);
    expect(rows[0].options).toContain('fastupdate=off');
  });
});
