import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { unique } from '../../../test/factories.ts';
import { uploadImport, waitForImport } from '../../../test/imports.ts';
import type { AppContext } from '../../platform/context.ts';
import { instanceId } from '../../platform/jobs.ts';
import { failAbandonedImports, warmSheetReaders } from './index.ts';

describe.each(testDialects)('imports whose server stopped on %s', (dialect) => {
  let t: TestApp;
  let ctx: AppContext;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ctx = { db: t.database.db, dialect, config: t.config };
    // As a server does once it is up: the upload below then never waits for a reading thread to start.
    warmSheetReaders();
  });
  afterAll(async () => t?.close());

  /** An import as a server leaves it when it stops: running, with `processed` rows written, its lock `ageMs` old. */
  async function leftRunning(ageMs: number, lockedBy = 'stopped-instance') {
    const at = new Date(Date.now() - ageMs).toISOString();
    const row = await t.database.db
      .insertInto('imports')
      .values({
        entity: 'customers',
        status: 'running',
        fileName: 'big.csv',
        options: '{}',
        total: 4000,
        reading: 1,
        processed: 2000,
        created: 2000,
        updated: 0,
        skipped: 0,
        rejected: '[]',
        lockedBy,
        lockedAt: at,
        createdBy: t.admin.userId,
        createdAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const statusOf = async (id: number) => (await t.admin.get(`/api/v1/imports/${id}`)).json();

  it('fails an import whose instance stopped refreshing its lock, keeping its counts, and says why in the reader’s language (the administrator’s is Chinese)', async () => {
    const stale = await leftRunning(10 * 60_000);
    const fresh = await leftRunning(5_000);
    expect(await failAbandonedImports(ctx, 60_000)).toBeGreaterThanOrEqual(1);
    expect(await statusOf(stale)).toMatchObject({
      status: 'failed',
      reading: false,
      processed: 2000,
      created: 2000,
      finishedAt: expect.any(String),
      error: expect.stringContaining('服务器停止运行'),
    });
    // Another instance still at work on its import: left alone.
    expect(await statusOf(fresh)).toMatchObject({ status: 'running', error: null });
    // Once it has stopped for long enough, it is failed too (a SQLite server on start-up takes all: 0).
    await failAbandonedImports(ctx, 0);
    expect((await statusOf(fresh)).status).toBe('failed');
  });

  it('never takes an import this instance is writing, and stops writing one another instance has taken over', async () => {
    const tag = unique('takeover');
    const file = Buffer.from(['客户名称', ...Array.from({ length: 20_000 }, (_, i) => `${tag}客户${i}`)].join('\n'));
    const started = await uploadImport(t.admin, 'customers', file, 'long.csv');
    const id = started.json().id;
    const running = await t.database.db
      .selectFrom('imports')
      .select(['status', 'lockedBy', 'lockedAt'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(running).toMatchObject({ status: 'running', lockedBy: instanceId, lockedAt: expect.anything() });
    await failAbandonedImports(ctx, 0);
    expect((await statusOf(id)).status).toBe('running');
    // As another instance would once this one's lock had expired.
    await t.database.db
      .updateTable('imports')
      .set({ status: 'failed', error: 'importInterrupted', lockedBy: 'another-instance' })
      .where('id', '=', id)
      .execute();
    const ended = await waitForImport(t.admin, id);
    expect(ended).toMatchObject({ status: 'failed', error: expect.stringContaining('服务器停止运行') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = await t.database.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', 'like', `${tag}%`)
      .executeTakeFirstOrThrow();
    expect(Number(written.n)).toBeLessThan(20_000);
    expect((await statusOf(id)).status).toBe('failed');
  });
});
