import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/databases.ts';
import { fakeAsterisk } from '../../../test/fake-asterisk.ts';
import { createUserClient, userPassword } from '../../../test/factories.ts';
import { createTwoInstances } from '../../../test/instances.ts';
import type { AppContext } from '../../platform/context.ts';
import { stopCtiConnections } from './cti.service.ts';

type Instances = Awaited<ReturnType<typeof createTwoInstances>>;

/**
 * Two server instances on one PostgreSQL and one Asterisk: one instance holds the manager connection (one
 * session, every event read once); the other takes it up when the holder stops or stops renewing its hold.
 */
describe.runIf(testDialects.includes('postgres'))('one holder of a PBX connection across server instances', () => {
  let t: Instances;
  const pbx = fakeAsterisk('amp111');
  let port: number;
  beforeAll(async () => {
    port = await pbx.listen();
    // A hold is renewed every quarter of the lock timeout and taken over once it is two seconds old.
    t = await createTwoInstances({ WORK_LOCK_TIMEOUT_SECONDS: '2' });
  });
  afterAll(async () => {
    await t?.close();
    await pbx.close();
  });
  const logins = () => pbx.actions.filter((a) => a.Action === 'Login').length;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const holder = async (id: number) =>
    (
      await t.a.database.db
        .selectFrom('ctiConnections')
        .select(['heldBy', 'heldAt'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).heldBy;

  it('connects once, commands through a session of its own elsewhere, and passes the hold on when its holder stops or dies', async () => {
    const created = await t.a.admin.post('/api/v1/cti/connections', {
      name: 'Asterisk',
      kind: 'asterisk',
      enabled: true,
      host: '127.0.0.1',
      port,
      username: 'crm',
      secret: 'amp111',
      dialContext: 'from-internal',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    await expect.poll(() => pbx.openSessions()).toBe(1);
    const heldByA = await holder(id);
    // Instance b watches four times a second and more than a timeout passes: it leaves the fresh hold alone.
    await pause(2500);
    expect(pbx.openSessions()).toBe(1);
    expect(logins()).toBe(1);
    expect(await holder(id)).toBe(heldByA);

    // A click-to-dial on b goes over a session of its own, closed after the command.
    const rep = await createUserClient(t.a, 'sales_rep');
    expect((await t.a.admin.put(`/api/v1/cti/seats/${rep.userId}`, { extension: '8001' })).statusCode).toBe(200);
    const repOnB = await t.b.login(rep.username, userPassword);
    const dialed = await repOnB.post('/api/v1/calls/dial', { number: '139-0000-1111' });
    expect(dialed.statusCode, dialed.body).toBe(200);
    expect(pbx.actions.filter((a) => a.Action === 'Originate')).toHaveLength(1);
    await expect.poll(() => pbx.openSessions()).toBe(1);

    // The holder shuts down: it lets go, and b takes the connection up at its next look.
    const ctxA = { db: t.a.database.db, dialect: t.a.database.dialect, config: t.a.config } as AppContext;
    const loginsBefore = logins();
    await stopCtiConnections(ctxA);
    await expect.poll(async () => (await holder(id)) !== null && (await holder(id)) !== heldByA).toBe(true);
    await expect.poll(() => pbx.openSessions()).toBe(1);
    expect(logins()).toBe(loginsBefore + 1);
    const heldByB = await holder(id);

    // Another instance takes the hold as if b had stopped renewing and died: b disconnects at once, and once
    // that instance's hold has gone stale (it never renews: it died), b takes the connection up again.
    await t.a.database.db
      .updateTable('ctiConnections')
      .set({ heldBy: 'an-instance-that-died', heldAt: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await expect.poll(() => pbx.openSessions()).toBe(0);
    await expect.poll(() => holder(id), { timeout: 10_000 }).toBe(heldByB);
    await expect.poll(() => pbx.openSessions()).toBe(1);
  });
});
