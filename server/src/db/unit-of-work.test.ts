import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../test/databases.ts';
import { type Database, openDatabase } from './database.ts';
import { runAsUnitOfWork, SecondHandleError } from './unit-of-work.ts';

describe.each(testDialects)('one handle per unit of work on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url, { poolSize: 2, acquireTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const one = () => database.db.selectNoFrom((eb) => eb.lit(1).as('one')).executeTakeFirstOrThrow();

  it('refuses a query on the database handle inside the same unit’s open transaction', async () => {
    const attempt = runAsUnitOfWork(() => database.db.transaction().execute(async () => one()));
    await expect(attempt).rejects.toBeInstanceOf(SecondHandleError);
    // The connection is whole afterwards: the next unit of work runs normally.
    await expect(runAsUnitOfWork(one)).resolves.toEqual({ one: 1 });
  });

  it('lets another unit of work wait for the transaction instead of refusing it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = runAsUnitOfWork(() =>
      database.db.transaction().execute(async (trx) => {
        await trx.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
        await held;
      }),
    );
    const second = runAsUnitOfWork(one);
    setTimeout(release, 50);
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, { one: 1 }]);
  });

  it('allows several queries of one unit at once outside a transaction', async () => {
    await expect(runAsUnitOfWork(() => Promise.all([one(), one(), one()]))).resolves.toHaveLength(3);
  });
});
