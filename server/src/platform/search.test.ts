import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testDialects } from '../../test/databases.ts';
import { candidateCount } from './search.ts';

const target = { table: 'customers', ftsTable: 'customer_search', ftsTableKey: 'customerSearch' } as const;

describe.each(testDialects)('search candidates on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  /**
   * The plan of the query when the bigram index is the only way to avoid reading the table: on PostgreSQL
   * the other indexes of customers are dropped in a transaction that is then rolled back.
   */
  async function planOf(query: NonNullable<ReturnType<typeof candidateCount>>): Promise<string> {
    const planned = new Error('planned');
    let plan = '';
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        if (dialect === 'postgres') {
          const { rows } = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'customers' and indexname <> 'customers_search_grams' and indexdef not like 'CREATE UNIQUE%'`.execute(trx);
          for (const { indexname } of rows) await sql`drop index ${sql.id(indexname)}`.execute(trx);
          await sql`set local enable_seqscan = off; set local enable_indexscan = off`.execute(trx);
        }
        const { rows } = await sql<Record<string, string>>`${sql.raw(dialect === 'postgres' ? 'explain' : 'explain query plan')} ${query}`.execute(trx);
        plan = rows.map((row) => row['QUERY PLAN'] ?? row.detail).join('\n');
        throw planned;
      })
      .catch((error) => {
        if (error !== planned) throw error;
      });
    return plan;
  }

  it('are counted from the bigram index, never by reading the table', async () => {
    const query = candidateCount(dialect, target, '候选42号')!;
    const plan = await planOf(query);
    expect(plan).toMatch(dialect === 'postgres' ? /customers_search_grams/ : /VIRTUAL TABLE/);
    expect(plan).not.toMatch(/Seq Scan/);
    expect(candidateCount(dialect, target, '有')).toBeNull();
  });
});
