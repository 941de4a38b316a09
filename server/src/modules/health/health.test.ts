import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { isStopping, markStopping } from '../../platform/lifecycle.ts';

describe.each(testDialects)('liveness and readiness for a load balancer on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const ready = () => t.app.inject({ method: 'GET', url: '/api/ready' });

  it('is ready when the database answers and holds every migration', async () => {
    const response = await ready();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
    const live = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(live.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('is not ready while a migration this version knows has not run', async () => {
    const name = '0071-shared-instances';
    const row = await sql<{
      name: string;
      timestamp: string;
    }>`select name, timestamp from kysely_migration where name = ${name}`.execute(t.database.db);
    expect(row.rows).toHaveLength(1);
    await sql`delete from kysely_migration where name = ${name}`.execute(t.database.db);
    try {
      const response = await ready();
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable', reason: 'migrations', pending: [name] });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${row.rows[0].timestamp})`.execute(
        t.database.db,
      );
    }
    expect((await ready()).statusCode).toBe(200);
  });

  it('says it is unavailable once the server has begun to stop, while it still answers', async () => {
    expect(isStopping(t.database.db)).toBe(false);
    markStopping(t.database.db);
    const response = await ready();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', reason: 'stopping' });
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
