import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testDialects } from '../../test/databases.ts';
import { insertCustomerBatch } from '../modules/customers/index.ts';
import { systemActor } from './actor.ts';
import { candidateCount, searchBreadth, searchTargets } from './search.ts';

const target = searchTargets.customers;

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
          const { rows } = await sql<{
            indexname: string;
          }>`select indexname from pg_indexes where tablename = 'customers' and indexname <> 'customers_search_grams' and indexdef not like 'CREATE UNIQUE%'`.execute(
            trx,
          );
          for (const { indexname } of rows) await sql`drop index ${sql.id(indexname)}`.execute(trx);
          await sql`set local enable_seqscan = off; set local enable_indexscan = off`.execute(trx);
        }
        const { rows } = await sql<
          Record<string, string>
        >`${sql.raw(dialect === 'postgres' ? 'explain' : 'explain query plan')} ${query}`.execute(trx);
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

  it.runIf(dialect === 'postgres')(
    "serve a bigram found in one row in twenty from the list's index, by the planner's statistics",
    async () => {
      // More rows than the bigram index's candidate limit, every one holding 稠密, a few also 稀有.
      const items = Array.from({ length: 5600 }, (_, i) => ({
        name: `稠密${i % 50 === 0 ? '稀有' : ''}客户${i}`,
        owner: { id: t.admin.userId, departmentId: null },
      }));
      await t.database.db.transaction().execute((trx) => insertCustomerBatch({ db: trx, dialect }, systemActor, items));
      await sql`analyze customers`.execute(t.database.db);
      expect(await searchBreadth(t.database.db, dialect, target, '稠密')).toBe('dense');
      expect(await searchBreadth(t.database.db, dialect, target, '稀有')).toBe('few');
      expect(await searchBreadth(t.database.db, dialect, target, '稠密客户')).toBe('many');

      const dense = (await t.admin.get('/api/v1/customers', { q: '稠密', pageSize: 20 })).json();
      expect(dense).toMatchObject({ total: 1000, totalCapped: true });
      expect(dense.items).toHaveLength(20);
      expect((await t.admin.get('/api/v1/customers', { q: '稠密', count: 'exact' })).json().total).toBe(5600);
      expect((await t.admin.get('/api/v1/customers', { q: '稀有' })).json().total).toBe(112);
    },
  );
});
