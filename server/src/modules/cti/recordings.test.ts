import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, injectWithin, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';
import { signPayload } from './adapters/cloud.ts';

/**
 * A call's recording is played in the browser through Relate, fetched from the PBX's address only for those
 * who may see the call (its agent, their managers, those who see its customer); anyone else is told it does
 * not exist (404), and the PBX is never asked for them.
 */
describe.each(testDialects)('call recordings on %s', (dialect) => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof createUserClient>>;
  let connectionId: number;
  let department: number;
  const secret = 'recording-key';
  const audio = Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt fake recording');
  const fetched: string[] = [];
  const pbx = createHttpServer((request, response) => {
    fetched.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'audio/wav' }).end(audio);
  });
  const pbxUrl = () => `http://127.0.0.1:${(pbx.address() as AddressInfo).port}`;

  const post = (payload: unknown) => {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    return injectWithin(t.app, {
      method: 'POST',
      url: `/api/public/v1/cti/${connectionId}/events`,
      headers: {
        'content-type': 'application/json',
        'x-relate-timestamp': timestamp,
        'x-relate-signature': signPayload(secret, timestamp, body),
      },
      payload: body,
    });
  };

  /** A call from `from` answered by the agent, with a recording at the PBX when `recorded`. */
  async function call(callId: string, from: string, recorded: boolean) {
    const at = Math.floor(Date.now() / 1000) - 100;
    const events = [
      { event: 'ringing', callId, from, to: '4008001234', agent: '8301', at },
      { event: 'answered', callId, agent: '8301', at: at + 2 },
      { event: 'hangup', callId, at: at + 40 },
      ...(recorded ? [{ event: 'recording', callId, recordingUrl: `${pbxUrl()}/rec/${callId}.wav`, at: at + 41 }] : []),
    ];
    const r = await post({ events });
    expect(r.statusCode, r.body).toBe(200);
    const calls = (await agent.get('/api/v1/calls', { pageSize: 50 })).json().items as Array<Record<string, any>>;
    return calls.find((c) => c.externalId === callId)!;
  }

  beforeAll(async () => {
    await new Promise<void>((resolve) => pbx.listen(0, '127.0.0.1', resolve));
    t = await createTestApp(dialect);
    department = await createDepartment(t, unique('录音组'));
    agent = await createUserClient(t, 'sales_rep', department);
    expect((await t.admin.put(`/api/v1/cti/seats/${agent.userId}`, { extension: '8301' })).statusCode).toBe(200);
    const created = await t.admin.post('/api/v1/cti/connections', { name: '云呼叫中心', kind: 'cloud', secret });
    expect(created.statusCode, created.body).toBe(201);
    connectionId = created.json().id;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => pbx.close(() => resolve()));
  });

  it('plays the recording to the call’s agent and their manager, fetched from the PBX', async () => {
    await createCustomer(agent, { name: unique('录音客户'), phone: '13855550001' });
    const recorded = await call('rec-1', '13855550001', true);
    expect(recorded).toMatchObject({ hasRecording: true });
    const played = await agent.get(`/api/v1/calls/${recorded.id}/recording`);
    expect(played.statusCode, played.body).toBe(200);
    expect(played.headers['content-type']).toContain('audio/wav');
    expect(played.rawPayload.equals(audio)).toBe(true);
    expect(fetched).toContain('/rec/rec-1.wav');

    const manager = await createUserClient(t, 'sales_manager', department);
    expect((await manager.get(`/api/v1/calls/${recorded.id}/recording`)).statusCode).toBe(200);
  });

  it('answers 404 to those who may not see the call or its customer, without asking the PBX', async () => {
    const recorded = await call('rec-2', '13855550002', true);
    fetched.length = 0;
    const colleague = await createUserClient(t, 'sales_rep', await createDepartment(t, unique('别组')));
    expect((await colleague.get(`/api/v1/calls/${recorded.id}/recording`)).statusCode).toBe(404);
    const otherManager = await createUserClient(t, 'sales_manager', await createDepartment(t, unique('别区')));
    expect((await otherManager.get(`/api/v1/calls/${recorded.id}/recording`)).statusCode).toBe(404);
    expect(fetched).toEqual([]);
    // A call without a recording has none to play.
    const silent = await call('rec-3', '13855550003', false);
    expect((await agent.get(`/api/v1/calls/${silent.id}/recording`)).statusCode).toBe(404);
  });
});
