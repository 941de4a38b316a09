/**
 * `npm run bench -- --load`: a bounded mixed workload against real server processes on 127.0.0.1.
 * 50 simulated users (sales reps, managers, service agents), each pausing 1 s between actions, for
 * 60 s: lists, searches, opening customers, writing follow-ups and customers, changing owners, creating
 * tickets — on SQLite with one server, then on PostgreSQL (BENCH_POSTGRES_URL) with two servers on one
 * database. Then the same without pauses, with more and more users, to find the requests per second one
 * machine serves while p99 stays within 200 ms. Figures go to bench/RESULTS.md between the load markers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServerBuilt, serverMain, serverNodeOptions } from '../scripts/build-server.mjs';
import type { Dialect } from '../server/src/db/database.ts';
import { writeResultsSection } from './results-section.ts';
import { percentile } from './stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const timeoutMs = 5_000;
const adminPassword = 'Admin12345';
const benchPassword = 'Bench12345';

export type Session = { baseUrl: string; cookie: string; csrf: string; userId: number };
type Sample = { kind: string; ms: number; ok: boolean; timedOut: boolean };
export type LoadOptions = { durationS: number; users: number; pauseMs: number };
export type LoadReport = {
  requests: number;
  seconds: number;
  errors: number;
  timeouts: number;
  byKind: Map<string, number[]>;
  errorKinds: Map<string, number>;
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/**
 * Starts `npm start`'s server process on the database (the built server, with its node options; built
 * first when stale); resolves with its address once it answers. `env` adds to its environment.
 */
export async function startServer(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ baseUrl: string; child: ChildProcess }> {
  await ensureServerBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relate-load-'));
  const child = spawn(process.execPath, [...serverNodeOptions({ ...process.env, ...env }), serverMain], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'error',
      RELATE_ADMIN_PASSWORD: adminPassword,
      // Fifty people signing in from one address within a second is this benchmark, not an attack.
      RATE_LIMIT_SIGN_IN_PER_IP: '10000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server stopped with code ${child.exitCode}`);
    const ready = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { baseUrl, child };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the server did not start');
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string; user: { id: number } };
  return {
    baseUrl,
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
    csrf: body.csrfToken,
    userId: body.user.id,
  };
}

export async function call(
  session: Session,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: any; ms: number; timedOut: boolean }> {
  const started = performance.now();
  try {
    const response = await fetch(`${session.baseUrl}${url}`, {
      method,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'accept-language': 'zh-CN',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text();
    return { status: response.status, json, ms: performance.now() - started, timedOut: false };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { status: 0, json: null, ms: performance.now() - started, timedOut };
  }
}

type Person = {
  session: Session;
  role: 'rep' | 'manager' | 'agent';
  customerIds: number[];
  teammates: number[];
  random: () => number;
};

/** A repeatable pseudo-random sequence in [0, 1) from a seed. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const searchTerms = ['贸易', '科技', '上海', '深圳', '华东', '电子', '1380', '5678', '有限', '集团'];

/**
 * Customers a manager has given to someone else during the run. A rep who then opens one of them is
 * answered 404 — the customer is no longer theirs, as the product intends — which is not an error.
 */
const reassigned = new Set<number>();

/** One action of the person, chosen at random by role; returns the samples it produced. */
async function act(person: Person, counter: { n: number }): Promise<Sample[]> {
  const { session, random } = person;
  const pickOf = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  const sample = (
    kind: string,
    result: { status: number; ms: number; timedOut: boolean },
    ok = result.status >= 200 && result.status < 300,
  ): Sample => ({ kind, ms: result.ms, ok, timedOut: result.timedOut });
  const movedAway = (result: { status: number }, id: number) => result.status === 404 && reassigned.has(id);
  const roll = random();
  const customerId = person.customerIds.length ? pickOf(person.customerIds) : null;
  if (person.role === 'agent') {
    if (roll < 0.4)
      return [sample('read: ticket queue', await call(session, 'GET', '/api/v1/tickets?page=1&pageSize=20'))];
    if (roll < 0.6 && customerId) {
      const created = await call(session, 'POST', '/api/v1/tickets', {
        type: 'repair',
        channel: 'phone',
        priority: 'normal',
        customerId,
        subject: `负载测试工单 ${++counter.n}`,
      });
      return [sample('write: create ticket', created)];
    }
    if (roll < 0.8)
      return [
        sample(
          'read: search',
          await call(session, 'GET', `/api/v1/customers?q=${encodeURIComponent(pickOf(searchTerms))}&pageSize=20`),
        ),
      ];
    return customerId
      ? [sample('read: open customer', await call(session, 'GET', `/api/v1/customers/${customerId}`))]
      : [];
  }
  if (customerId && reassigned.has(customerId) && person.role === 'rep') {
    const opened = await call(session, 'GET', `/api/v1/customers/${customerId}`);
    if (movedAway(opened, customerId)) person.customerIds = person.customerIds.filter((id) => id !== customerId);
    return [sample('read: open customer', opened, opened.status === 200 || movedAway(opened, customerId))];
  }
  if (roll < 0.25)
    return [
      sample(
        'read: customer list',
        await call(
          session,
          'GET',
          `/api/v1/customers?page=${1 + Math.floor(random() * 5)}&pageSize=50&sort=updatedAt:desc`,
        ),
      ),
    ];
  if (roll < 0.45)
    return [
      sample(
        'read: search',
        await call(session, 'GET', `/api/v1/customers?q=${encodeURIComponent(pickOf(searchTerms))}&pageSize=20`),
      ),
    ];
  if (roll < 0.65 && customerId) {
    const detail = await call(session, 'GET', `/api/v1/customers/${customerId}`);
    const timeline = await call(session, 'GET', `/api/v1/customers/${customerId}/timeline?limit=20`);
    return [sample('read: open customer', detail), sample('read: timeline', timeline)];
  }
  if (roll < 0.82 && customerId) {
    const written = await call(session, 'POST', '/api/v1/followups', {
      customerId,
      type: 'call',
      occurredAt: new Date().toISOString(),
      content: `电话回访，客户有意向 ${++counter.n}`,
    });
    return [sample('write: follow-up', written)];
  }
  if (roll < 0.92) {
    const created = await call(session, 'POST', '/api/v1/customers', {
      name: `负载测试客户${process.pid}-${++counter.n}有限公司`,
      phone: `021-${String(50000000 + counter.n).slice(-8)}`,
    });
    if (created.status === 201) person.customerIds.push(created.json.id);
    return [sample('write: create customer', created)];
  }
  if (person.role === 'manager' && customerId && person.teammates.length) {
    const ownerId = pickOf(person.teammates);
    const changed = await call(session, 'PATCH', `/api/v1/customers/${customerId}`, { ownerId });
    if (changed.status === 200 && changed.json?.ownerId === ownerId) reassigned.add(customerId);
    return [sample('write: change owner', changed)];
  }
  return customerId
    ? [
        sample(
          'write: edit customer',
          await call(session, 'PATCH', `/api/v1/customers/${customerId}`, { remark: `负载测试 ${++counter.n}` }),
        ),
      ]
    : [];
}

/** Signs in the simulated people: reps and managers of the bench dataset, and service agents created once. */
export async function preparePeople(baseUrls: string[], count: number): Promise<Person[]> {
  const admin = await signIn(baseUrls[0], 'admin', adminPassword);
  const roles = (await call(admin, 'GET', '/api/v1/roles')).json as Array<{ id: number; code: string }>;
  const agentRole = roles.find((r) => r.code === 'service_agent')!.id;
  const departments = (await call(admin, 'GET', '/api/v1/departments')).json as Array<{
    id: number;
    parentId: number | null;
  }>;
  const rootDepartment = departments.find((d) => d.parentId === null)!.id;
  const agents = Math.round(count * 0.2);
  const managers = Math.min(5, Math.round(count * 0.1));
  const reps = count - agents - managers;
  const people: Person[] = [];
  const usernames: Array<{ username: string; role: Person['role'] }> = [];
  for (let i = 0; i < managers; i++) usernames.push({ username: `manager${i + 1}`, role: 'manager' });
  for (let i = 0; i < reps; i++)
    usernames.push({
      username: `rep${(i % 5) + 1}_${(Math.floor(i / 5) % 4) + 1}_${Math.floor(i / 20) + 1}`,
      role: 'rep',
    });
  for (let i = 0; i < agents; i++) {
    const username = `loadagent${i + 1}`;
    await call(admin, 'POST', '/api/v1/users', {
      username,
      displayName: username,
      password: benchPassword,
      departmentId: rootDepartment,
      roleIds: [agentRole],
      locale: 'zh-CN',
    });
    usernames.push({ username, role: 'agent' });
  }
  for (const [i, { username, role }] of usernames.entries()) {
    const session = await signIn(baseUrls[i % baseUrls.length], username, benchPassword);
    const page = (await call(session, 'GET', '/api/v1/customers?page=1&pageSize=100&sort=updatedAt:desc')).json as {
      items: Array<{ id: number; ownerId: number }>;
    };
    const teammates = role === 'manager' ? [...new Set(page.items.map((c) => c.ownerId))] : [];
    people.push({ session, role, customerIds: page.items.map((c) => c.id), teammates, random: seeded(1000 + i) });
  }
  return people;
}

/** Runs the people for the duration; each pauses `pauseMs` between actions. */
export async function runLoad(people: Person[], { durationS, pauseMs }: LoadOptions): Promise<LoadReport> {
  const samples: Sample[] = [];
  const counter = { n: Math.floor(Math.random() * 1e6) };
  const started = performance.now();
  const endAt = started + durationS * 1000;
  await Promise.all(
    people.map(async (person, i) => {
      // Spread the first actions over the first pause so that the users do not act in lockstep.
      await new Promise((resolve) => setTimeout(resolve, pauseMs ? (i * pauseMs) / people.length : 0));
      while (performance.now() < endAt) {
        samples.push(...(await act(person, counter)));
        if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const byKind = new Map<string, number[]>();
  const errorKinds = new Map<string, number>();
  for (const s of samples) {
    byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.ms]);
    if (!s.ok) errorKinds.set(s.kind, (errorKinds.get(s.kind) ?? 0) + 1);
  }
  return {
    requests: samples.length,
    seconds,
    errors: samples.filter((s) => !s.ok && !s.timedOut).length,
    timeouts: samples.filter((s) => s.timedOut).length,
    byKind,
    errorKinds,
  };
}

const p99Of = (report: LoadReport, prefix: string) =>
  percentile(
    [...report.byKind].filter(([kind]) => kind.startsWith(prefix)).flatMap(([, values]) => values),
    99,
  ) ?? 0;

function describeReport(title: string, report: LoadReport): string[] {
  const lines = [
    `**${title}**: ${report.requests.toLocaleString()} requests in ${report.seconds.toFixed(0)} s (${(report.requests / report.seconds).toFixed(1)}/s), ${report.errors} errors, ${report.timeouts} timeouts; p99 of reads ${p99Of(report, 'read').toFixed(1)} ms, of writes ${p99Of(report, 'write').toFixed(1)} ms.`,
    '',
    '| kind | requests | p50 | p99 | errors |',
    '|---|---|---|---|---|',
  ];
  for (const [kind, values] of [...report.byKind].sort()) {
    lines.push(
      `| ${kind} | ${values.length} | ${percentile(values, 50).toFixed(1)} ms | ${percentile(values, 99).toFixed(1)} ms | ${report.errorKinds.get(kind) ?? 0} |`,
    );
  }
  return [...lines, ''];
}

/** Without pauses, more users at a time until p99 passes 200 ms: the highest rate served within it. */
async function capacity(
  people: Person[],
  log: (line: string) => void,
  stepS: number,
): Promise<{ rate: number; users: number; p99: number }> {
  let best = { rate: 0, users: 0, p99: 0 };
  for (const users of [1, 2, 4, 8, 16, 32, 50]) {
    const report = await runLoad(people.slice(0, users), { durationS: stepS, users, pauseMs: 0 });
    const p99 = percentile([...report.byKind.values()].flat(), 99);
    const rate = report.requests / report.seconds;
    log(
      `  ${users} users without pauses: ${rate.toFixed(0)} requests/s, p99 ${p99.toFixed(1)} ms, ${report.errors} errors, ${report.timeouts} timeouts`,
    );
    if (p99 > 200 || report.errors || report.timeouts) break;
    if (rate > best.rate) best = { rate, users, p99 };
  }
  return best;
}

/** The load run of one database: `databaseUrl` holds the bench dataset; `instances` servers share it. */
export async function loadBench(
  dialect: Dialect,
  databaseUrl: string,
  instances: number,
  log: (line: string) => void,
  durationS = 60,
): Promise<string[]> {
  const servers = [];
  for (let i = 0; i < instances; i++) servers.push(await startServer(databaseUrl));
  try {
    const people = await preparePeople(
      servers.map((s) => s.baseUrl),
      50,
    );
    log(`  ${people.length} people signed in on ${instances} server${instances > 1 ? 's' : ''}`);
    const paced = await runLoad(people, { durationS, users: people.length, pauseMs: 1000 });
    const lines = describeReport(
      `${dialect}, ${instances} server${instances > 1 ? 's' : ''}, 50 users pausing 1 s, ${durationS} s`,
      paced,
    );
    for (const line of lines) log(`  ${line}`);
    const best = await capacity(people, log, Math.min(15, durationS));
    lines.push(
      best.users
        ? `Without pauses: ${best.rate.toFixed(0)} requests/s with ${best.users} users at once while p99 stays within 200 ms (p99 ${best.p99.toFixed(1)} ms).`
        : 'Without pauses: p99 passed 200 ms already with one user.',
      '',
    );
    return lines;
  } finally {
    for (const { child } of servers) child.kill('SIGTERM');
  }
}

/** Writes the load section of bench/RESULTS.md (between its markers), leaving the rest as it is. */
export function writeLoadResults(lines: string[], heading: string): void {
  writeResultsSection('load', 'Load', heading, lines);
}
