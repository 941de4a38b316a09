import { type ReportDefinitionInput, type ReportResult, reportSources } from '@relate/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { compactDataChanges, tableVersions } from '../../platform/data-versions.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { reportCacheOf } from './reports.service.ts';

/**
 * A report's answer is kept while none of the tables it reads was written, and only then: every write
 * (through the API, through SQL, from another server instance, committed after the answer was read)
 * makes the next run compute afresh; each caller's answer stays within their scope.
 */
describe.each(testDialects)('report answers kept on %s', (dialect) => {
  let t: TestApp;
  let eastRep: Client;
  let westRep: Client;
  const customersByLevel: ReportDefinitionInput = {
    source: 'customers',
    groupBy: [{ field: 'level' }],
    measures: [{ aggregate: 'count' }],
  };
  const cache = () => reportCacheOf({ db: t.database.db });

  const run = async (client: Client, definition: ReportDefinitionInput) => {
    const response = await client.post('/api/v1/reports/run', definition);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReportResult;
  };
  /** What a run cost: whether it was computed (a miss) or given from the kept answers (a hit). */
  const runCounted = async (client: Client, definition: ReportDefinitionInput) => {
    const [hits, misses] = [cache().hits, cache().misses];
    const result = await run(client, definition);
    return { result, hit: cache().hits - hits === 1, computed: cache().misses - misses === 1 };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    eastRep = await createUserClient(t, 'sales_rep', await createDepartment(t, '缓存东区'));
    westRep = await createUserClient(t, 'sales_rep', await createDepartment(t, '缓存西区'));
    for (let i = 0; i < 3; i++) await createCustomer(eastRep, { level: 'A' });
    await createCustomer(westRep, { level: 'B' });
  });
  afterAll(() => t?.close());

  it('gives a kept answer while nothing changed, and computes afresh after a write through the API', async () => {
    const first = await runCounted(t.admin, customersByLevel);
    expect(first.computed).toBe(true);
    const again = await runCounted(t.admin, customersByLevel);
    expect(again.hit).toBe(true);
    expect(again.result).toEqual(first.result);

    await createCustomer(eastRep, { level: 'A' });
    const after = await runCounted(t.admin, customersByLevel);
    expect(after.computed).toBe(true);
    expect(after.result.totals.count).toBe(Number(first.result.totals.count) + 1);
  });

  it('computes afresh after rows are written, changed or deleted by SQL, whatever path wrote them', async () => {
    const before = await runCounted(t.admin, customersByLevel);
    await sql`update customers set level = 'C' where id = (select max(id) from customers)`.execute(t.database.db);
    const updated = await runCounted(t.admin, customersByLevel);
    expect(updated.computed).toBe(true);
    expect(updated.result.rows).not.toEqual(before.result.rows);

    // A row deleted from a table the source joins (customer values, for the customers' RFM class).
    const id = Number((await createCustomer(westRep, { level: 'B' })).id);
    await t.database.db
      .insertInto('customerValues')
      .values({
        customerId: id,
        class: 'important_value',
        recencyScore: 5,
        frequencyScore: 5,
        monetaryScore: 5,
        lastOrderAt: '2026-11-01T00:00:00.000Z',
        recencyDays: 3,
        frequency: 4,
        monetary: 100_00,
        scoredAt: '2026-11-04T00:00:00.000Z',
      })
      .execute();
    expect((await runCounted(t.admin, customersByLevel)).computed).toBe(true);
    expect((await runCounted(t.admin, customersByLevel)).hit).toBe(true);
    await sql`delete from customer_values where customer_id = ${id}`.execute(t.database.db);
    expect((await runCounted(t.admin, customersByLevel)).computed).toBe(true);
  });

  it('keeps the answer of one source when another source is written', async () => {
    await runCounted(t.admin, customersByLevel);
    await sql`update tickets set updated_at = updated_at`.execute(t.database.db);
    expect((await runCounted(t.admin, customersByLevel)).hit).toBe(true);
  });

  it('keeps each caller to their own scope: the same definition gives each rep their own figures', async () => {
    const east = await run(eastRep, customersByLevel);
    const west = await run(westRep, customersByLevel);
    const count = async (client: Client) =>
      Number((await client.get('/api/v1/customers', { pageSize: 1 })).json().total);
    expect(east.totals.count).toBe(await count(eastRep));
    expect(west.totals.count).toBe(await count(westRep));
    expect(east.totals.count).not.toBe(west.totals.count);
    expect((await runCounted(eastRep, customersByLevel)).result).toEqual(east);
  });

  it('computes afresh after a write by another server instance on the same database', async () => {
    await runCounted(t.admin, customersByLevel);
    const other = openDatabase(t.databaseUrl);
    try {
      await sql`update customers set level = 'A' where id = (select min(id) from customers)`.execute(other.db);
    } finally {
      await other.close();
    }
    expect((await runCounted(t.admin, customersByLevel)).computed).toBe(true);
  });

  it.runIf(dialect === 'postgres')(
    'computes afresh after a write that committed after the answer was read, and compaction keeps versions',
    async () => {
      const other = openDatabase(t.databaseUrl);
      try {
        let commit!: () => void;
        const held = new Promise<void>((resolve) => (commit = resolve));
        let written!: () => void;
        const wrote = new Promise<void>((resolve) => (written = resolve));
        const writing = other.db.transaction().execute(async (trx) => {
          await sql`update customers set level = 'B' where id = (select min(id) from customers)`.execute(trx);
          written();
          await held;
        });
        await wrote;
        try {
          // Read while the write is not committed: a later id of data_changes already exists, uncommitted.
          await runCounted(t.admin, customersByLevel);
          const later = await createCustomer(t.admin, { level: 'C' });
          expect(later.id).toBeGreaterThan(0);
          const beforeCommit = await runCounted(t.admin, customersByLevel);
          expect(beforeCommit.computed).toBe(true);
        } finally {
          commit();
          await writing;
        }
        const afterCommit = await runCounted(t.admin, customersByLevel);
        expect(afterCommit.computed).toBe(true);

        const versions = await tableVersions(t.database.db, 'postgres', ['customers', 'tickets']);
        await compactDataChanges(t.database.db, 'postgres');
        const pending = await sql<{ n: number }>`select count(*) as n from data_changes`.execute(t.database.db);
        expect(Number(pending.rows[0].n)).toBe(0);
        expect(await tableVersions(t.database.db, 'postgres', ['customers', 'tickets'])).toBe(versions);
        expect((await runCounted(t.admin, customersByLevel)).hit).toBe(true);
      } finally {
        await other.close();
      }
    },
  );

  it('keeps a version for every table each report source reads, and refuses a table it keeps none for', async () => {
    for (const source of reportSources) {
      const result = await run(t.admin, { source, groupBy: [], measures: [{ aggregate: 'count' }] });
      expect(typeof result.totals.count, source).toBe('number');
    }
    await expect(tableVersions(t.database.db, dialect, ['sessions'])).rejects.toThrow(/sessions/);
  });
});
