/**
 * `npm run bench -- --channels`: the channels' speed targets.
 * - Caller lookup by number (the PBX's signed routing lookup and an agent's caller card) over the
 *   dataset's 2 M contacts and 1 M customers: p99 ≤ 5 ms for the lookup.
 * - Screen pop on PostgreSQL (BENCH_POSTGRES_URL): two real server processes on one fresh database, 100
 *   agents signed in (half on each) with their event streams open; ringing events of the cloud call
 *   center's signed callback, posted to either server, timed until the agent's stream shows the call:
 *   p99 ≤ 300 ms.
 * - Mail sync: 10 000 messages placed in a Dovecot mailbox, read into a fresh database: ≤ 60 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { type Dialect, openDatabase } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrator.ts';
import { seedEssentials } from '../server/src/db/seed.ts';
import { signPayload } from '../server/src/modules/cti/adapters/cloud.ts';
import { syncMailbox } from '../server/src/modules/mailboxes/index.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { signIn as signInApp } from '../server/test/app.ts';
import { appendMany, mailboxInput, rawMessage, startDovecot } from '../server/test/imap.ts';
import type { Database } from '../server/src/db/database.ts';
import { benchAdminPassword } from './dataset.ts';
import { call, seeded, type Session, signIn, startServer } from './load.ts';
import type { startBenchServer } from './server.ts';
import { ms, percentile } from './stats.ts';
import { numberArg } from './args.ts';

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;
type Log = (line: string) => void;

const cloudSecret = 'bench-cloud-key';

/** The bench's cloud call-center connection in the dataset (made once, then reused). */
async function cloudConnection(server: BenchServer): Promise<number> {
  const list = (await server.get('admin', '/api/v1/cti/connections')) as { items: Array<{ id: number; name: string }> };
  const found = list.items.find((c) => c.name === 'bench cloud');
  if (found) return found.id;
  const created = (await server.post('admin', '/api/v1/cti/connections', {
    name: 'bench cloud',
    kind: 'cloud',
    secret: cloudSecret,
    dialUrl: 'http://127.0.0.1:9/callout',
  })) as { id: number };
  return created.id;
}

/** A signed GET of the PBX (path and query signed with the connection's key), timed. */
async function signedGet(baseUrl: string, pathAndQuery: string): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const started = performance.now();
  const response = await fetch(`${baseUrl}${pathAndQuery}`, {
    headers: {
      'x-relate-timestamp': timestamp,
      'x-relate-signature': signPayload(cloudSecret, timestamp, pathAndQuery),
    },
  });
  await response.text();
  if (!response.ok) throw new Error(`${pathAndQuery}: ${response.status}`);
  return performance.now() - started;
}

/** Numbers to look up: the dataset's own mobiles and landlines written the ways a PBX sends them, and unknown ones. */
async function lookupNumbers(database: Database, count: number): Promise<Array<{ number: string; kind: string }>> {
  const random = seeded(2024);
  const bounds = await database.db
    .selectFrom('contacts')
    .select((eb) => [eb.fn.min('id').as('low'), eb.fn.max('id').as('high')])
    .executeTakeFirstOrThrow();
  const low = Number(bounds.low);
  const high = Number(bounds.high);
  const numbers: Array<{ number: string; kind: string }> = [];
  while (numbers.length < count) {
    const id = low + Math.floor(random() * (high - low + 1));
    const contact = await database.db
      .selectFrom('contacts')
      .select(['mobile', 'phone'])
      .where('id', '>=', id)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    const roll = numbers.length % 4;
    if (roll === 3) {
      numbers.push({ number: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`, kind: 'unknown' });
    } else if (contact?.mobile) {
      const digits = contact.mobile.replace(/\D/g, '').slice(-11);
      numbers.push(
        roll === 0
          ? { number: digits, kind: 'mobile' }
          : roll === 1
            ? { number: `+86${digits}`, kind: 'mobile +86' }
            : { number: `0086 ${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`, kind: 'mobile, spaced' },
      );
    }
  }
  return numbers;
}

/** The caller lookup over the dataset, as the PBX's routing asks it and as an agent's caller card. */
export async function benchCallerLookup(
  database: Database,
  server: BenchServer,
  samples: number,
  log: Log,
): Promise<string[]> {
  const connectionId = await cloudConnection(server);
  const numbers = await lookupNumbers(database, samples);
  const lines = ['| lookup | caller | p50 | p99 | slowest |', '|---|---|---|---|---|'];
  const measure = async (label: string, timeOne: (number: string) => Promise<number>) => {
    // Once through unmeasured: the first request of a number reads its index pages from disk.
    for (const { number } of numbers.slice(0, 20)) await timeOne(number);
    const times: Array<{ ms: number; number: string; kind: string }> = [];
    for (const { number, kind } of numbers) times.push({ ms: await timeOne(number), number, kind });
    const values = times.map((t) => t.ms);
    const slowest = [...times]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((t) => `${t.kind} ${ms(t.ms)}`)
      .join(', ');
    const line = `| ${label} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 99))} | ${slowest} |`;
    log(`  ${line}`);
    lines.push(line);
  };
  await measure('PBX routing lookup (signed GET) | any', (number) =>
    signedGet(server.baseUrl, `/api/public/v1/cti/${connectionId}/lookup?number=${encodeURIComponent(number)}`),
  );
  for (const role of ['admin', 'rep'] as const)
    await measure(`caller card (GET /calls/lookup) | ${role}`, async (number) => {
      const started = performance.now();
      await server.get(role, `/api/v1/calls/lookup?number=${encodeURIComponent(number)}`);
      return performance.now() - started;
    });
  // Where a caller card's time goes: its statements, each timed alone.
  const known = numbers.find((n) => n.kind === 'mobile')!;
  const statements = await server.statementsOf('admin', `/api/v1/calls/lookup?number=${known.number}`);
  const total = statements.reduce((sum, s) => sum + s.ms, 0);
  lines.push(
    '',
    `One caller card (a known mobile, as the administrator) runs ${statements.length} reading statements, ${ms(total)} in all when each is run alone; the slowest:`,
    '',
    ...statements.slice(0, 5).map((s) => `- ${ms(s.ms)}: \`${s.sql.replace(/\s+/g, ' ').slice(0, 140)}…\``),
  );
  return lines;
}

/** A fresh PostgreSQL database of its own beside BENCH_POSTGRES_URL. */
async function freshPostgres(name: string): Promise<string> {
  const adminUrl = process.env.BENCH_POSTGRES_URL!;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

type Stream = { close: () => void };

/** Opens the user's event stream and calls `onCall` whenever a `call` event (a screen pop) arrives. */
async function openStream(session: Session, onCall: () => void): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${session.baseUrl}/api/v1/notifications/stream`, {
    headers: { cookie: session.cookie },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('event: call\n')) onCall();
        }
      }
    } catch {
      // Aborted at the end of the run.
    }
  })();
  return { close: () => controller.abort() };
}

/**
 * Screen pop across two server processes on PostgreSQL: 100 agents, each with an extension and an open
 * event stream (agents alternate between the servers), ringing events posted to either server at
 * `perSecond` for `rings` calls; each timed from the callback's sending to the agent's stream showing it.
 */
export async function benchScreenPop(
  log: Log,
  {
    agents = numberArg('agents', 100),
    rings = numberArg('rings', 300),
    perSecond = numberArg('rings-per-second', 2),
  } = {},
): Promise<string[]> {
  const url = await freshPostgres('relate_bench_channels');
  // Instances behind one load balancer share the secret that seals stored keys (the connection's HMAC key).
  const shared = { SESSION_SECRET: `bench-${'s'.repeat(40)}` };
  const servers = [await startServer(url, shared), await startServer(url, shared)];
  const streams: Stream[] = [];
  try {
    const baseUrls = servers.map((s) => s.baseUrl);
    const admin = await signIn(baseUrls[0], 'admin', benchAdminPassword);
    const roles = (await call(admin, 'GET', '/api/v1/roles')).json as Array<{ id: number; code: string }>;
    const departments = (await call(admin, 'GET', '/api/v1/departments')).json as Array<{
      id: number;
      parentId: number | null;
    }>;
    const agentRole = roles.find((r) => r.code === 'service_agent')!.id;
    const rootDepartment = departments.find((d) => d.parentId === null)!.id;
    const connection = await call(admin, 'POST', '/api/v1/cti/connections', {
      name: 'bench cloud',
      kind: 'cloud',
      secret: cloudSecret,
      dialUrl: 'http://127.0.0.1:9/callout',
    });
    if (connection.status !== 201) throw new Error(`connection: ${JSON.stringify(connection.json)}`);
    const connectionId = (connection.json as { id: number }).id;
    const callers: string[] = [];
    for (let i = 0; i < agents; i++) {
      const mobile = `1390000${String(i).padStart(4, '0')}`;
      const created = await call(admin, 'POST', '/api/v1/customers', { name: `来电客户${i + 1}`, phone: mobile });
      if (created.status !== 201) throw new Error(`customer: ${JSON.stringify(created.json)}`);
      callers.push(mobile);
    }
    const people: Array<{ session: Session; extension: string; pops: Array<() => void> }> = [];
    for (let i = 0; i < agents; i++) {
      const username = `popagent${i + 1}`;
      const user = await call(admin, 'POST', '/api/v1/users', {
        username,
        displayName: `坐席${i + 1}`,
        password: 'Bench12345',
        departmentId: rootDepartment,
        roleIds: [agentRole],
        locale: 'zh-CN',
      });
      if (user.status !== 201) throw new Error(`user: ${JSON.stringify(user.json)}`);
      const extension = String(8000 + i);
      const seat = await call(admin, 'PUT', `/api/v1/cti/seats/${(user.json as { id: number }).id}`, {
        extension,
        connectionId,
      });
      if (seat.status !== 200) throw new Error(`seat: ${JSON.stringify(seat.json)}`);
      const session = await signIn(baseUrls[i % baseUrls.length], username, 'Bench12345');
      const person = { session, extension, pops: [] as Array<() => void> };
      streams.push(await openStream(session, () => person.pops.shift()?.()));
      people.push(person);
    }
    log(`  ${agents} agents signed in on 2 servers, streams open`);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const samples: Array<{ ms: number; crossed: boolean }> = [];
    let lost = 0;
    let failed = 0;
    const answered: number[] = [];
    const ring = async (i: number) => {
      const person = people[i % agents];
      // Half the events reach the server the agent is not connected to.
      const target = Math.floor(i / 2) % baseUrls.length;
      const body = JSON.stringify({
        event: 'ringing',
        callId: `pop-${i}`,
        from: callers[(i * 7) % callers.length],
        to: '4008001234',
        agent: person.extension,
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const popped = new Promise<number>((resolve) => person.pops.push(() => resolve(performance.now())));
      const started = performance.now();
      const response = await fetch(`${baseUrls[target]}/api/public/v1/cti/${connectionId}/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-relate-timestamp': timestamp,
          'x-relate-signature': signPayload(cloudSecret, timestamp, body),
        },
        body,
      });
      const answer = await response.text();
      answered.push(performance.now() - started);
      if (!response.ok) {
        if (!failed) log(`  a callback was refused: ${response.status} ${answer}`);
        failed++;
        return;
      }
      const at = await Promise.race([popped, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000))]);
      if (at === null) lost++;
      else samples.push({ ms: at - started, crossed: baseUrls[target] !== person.session.baseUrl });
    };
    const inFlight: Array<Promise<void>> = [];
    const started = performance.now();
    for (let i = 0; i < rings; i++) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(ring(i));
    }
    await Promise.all(inFlight);
    const all = samples.map((s) => s.ms);
    const crossed = samples.filter((s) => s.crossed).map((s) => s.ms);
    const same = samples.filter((s) => !s.crossed).map((s) => s.ms);
    const row = (label: string, values: number[]) =>
      values.length
        ? `| ${label} | ${values.length} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 99))} | ${ms(Math.max(...values))} |`
        : `| ${label} | 0 | – | – | – |`;
    const lines = [
      `${agents} agents with open streams, ${rings} ringing events at ${perSecond} per second, posted to either server (the cloud call center's signed callback); ${failed} callbacks refused, ${lost} pops missing after 5 s.`,
      '',
      '| screen pop | calls | p50 | p99 | max |',
      '|---|---|---|---|---|',
      row('all', all),
      row('agent on the other server (PostgreSQL NOTIFY)', crossed),
      row('agent on the server that took the event', same),
      row('the callback answered (the call recorded)', answered),
    ];
    for (const line of lines) log(`  ${line}`);
    return lines;
  } finally {
    for (const stream of streams) stream.close();
    for (const { child } of servers) child.kill('SIGTERM');
  }
}

/** An app on a fresh database of the dialect (a file of its own on SQLite), signed in as the administrator. */
async function freshApp(dialect: Dialect) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relate-bench-mail-'));
  const url =
    dialect === 'sqlite' ? `sqlite:${path.join(dataDir, 'relate.db')}` : await freshPostgres('relate_bench_mail');
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  await seedEssentials(database.db, benchAdminPassword);
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  await app.ready();
  const admin = await signInApp(app, 'admin', benchAdminPassword);
  const ctx = { db: database.db, dialect: database.dialect, config } as AppContext;
  return {
    admin,
    ctx,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads a mailbox of `count` messages (from 200 known senders, 1–3 kB of text each) into a fresh database. */
export async function benchMailSync(dialect: Dialect, log: Log, count = 10_000): Promise<string[]> {
  const user = { name: 'benchmail', password: 'bench-mail-secret' };
  const imap = await startDovecot([user]);
  const app = await freshApp(dialect);
  try {
    const senders = 200;
    for (let i = 0; i < senders; i++) {
      const created = await app.admin.post('/api/v1/customers', {
        name: `往来客户${i + 1}`,
        email: `sender${i}@customer.test`,
      });
      if (created.statusCode !== 201) throw new Error(`customer: ${created.body}`);
    }
    const paragraph = '您好，关于上周的报价单，我们对第三项设备的交货期还有疑问，请回复确认。Regards. ';
    const placedStarted = performance.now();
    for (let from = 0; from < count; from += 2000) {
      const messages = Array.from({ length: Math.min(2000, count - from) }, (_, k) => {
        const i = from + k;
        return rawMessage({
          from: `sender${i % senders}@customer.test`,
          to: `${user.name}@relate.test`,
          subject: `询价 ${i}`,
          date: new Date(Date.UTC(2026, 3, 1, 0, 0, 0) + i * 60_000),
          messageId: `${i}@customer.test`,
          ...(i % 3 === 1 ? { inReplyTo: `${i - 1}@customer.test` } : {}),
          text: paragraph.repeat(10 + (i % 20)),
        });
      });
      await appendMany(imap.port, user, 'INBOX', messages);
    }
    log(`  ${count} messages placed in ${((performance.now() - placedStarted) / 1000).toFixed(1)} s`);
    const box = await app.admin.post('/api/v1/mailboxes', mailboxInput(imap, user));
    if (box.statusCode !== 201) throw new Error(`mailbox: ${box.body}`);
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const watch = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const started = performance.now();
    const result = await syncMailbox(app.ctx, box.json().id);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(watch);
    if (result.error) throw new Error(`sync: ${result.error}`);
    const line = `| ${dialect} | ${count.toLocaleString()} | ${result.stored.toLocaleString()} | ${seconds.toFixed(1)} s | ${(result.stored / seconds).toFixed(0)} | ${((peakRss - rssBefore) / 1048576).toFixed(0)} MB |`;
    log(`  ${line}`);
    return [line];
  } finally {
    await app.close();
    await imap.stop();
  }
}
