import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureServerBuilt,
  serverBuildIsStale,
  serverCli,
  serverDist,
  serverMain,
  serverNodeOptions,
  workerEntries,
} from '../../scripts/build-server.mjs';
import { adminPassword } from './databases.ts';
import { xlsxOf } from './imports.ts';
import { freePort } from './ports.ts';

// `npm start`, the CLI and the benchmarks run the server built into server/dist (scripts/build-server.mjs),
// not its TypeScript: the build must hold the server, its command line and every worker thread it starts.

const root = path.resolve(import.meta.dirname, '../..');

describe('the built server', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relate-build-'));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${path.join(dataDir, 'relate.db')}`,
    RELATE_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'error',
  };
  let child: ChildProcess | undefined;
  let url = '';
  let output = '';

  beforeAll(async () => {
    await ensureServerBuilt({ quiet: true });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [...serverNodeOptions(), serverMain], {
      cwd: root,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null) throw new Error(`the built server exited (${child.exitCode}):\n${output}`);
      if (
        await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the built server did not start:\n${output}`);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is built from the current sources, with a bundle for every worker thread the server starts', () => {
    expect(serverBuildIsStale()).toBe(false);
    const workers = [...workerEntries().keys()];
    expect(workers).toEqual(expect.arrayContaining(['sheet-worker', 'xlsx-worker', 'sqlite-snapshot.worker']));
    for (const name of workers) expect(existsSync(path.join(serverDist, `${name}.js`)), name).toBe(true);
    // The server runs with a bounded heap unless the operator's NODE_OPTIONS says otherwise.
    expect(serverNodeOptions({})).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--max-old-space-size=\d+$/),
        expect.stringMatching(/^--heap-growing-percent=\d+$/),
      ]),
    );
    const own = serverNodeOptions({ NODE_OPTIONS: '--max-old-space-size=4096' });
    expect(own.some((option) => option.startsWith('--max-old-space-size'))).toBe(false);
    expect(own).toContainEqual(expect.stringMatching(/^--heap-growing-percent=/));
  });

  it('serves the API and reads and imports a sheet in its reader thread', async () => {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: adminPassword }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const file = await xlsxOf([
      ['客户名称', '电话'],
      ['构建甲公司', '13800000000'],
      ['构建乙公司', '13800000001'],
    ]);
    const form = () => {
      const data = new FormData();
      data.append('file', new Blob([new Uint8Array(file)]), 'customers.xlsx');
      return data;
    };
    const preview = await fetch(`${url}/api/v1/imports/customers/preview`, { method: 'POST', headers, body: form() });
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({
      total: 2,
      columns: [
        { header: '客户名称', field: 'name' },
        { header: '电话', field: 'phone' },
      ],
    });
    const started = await fetch(`${url}/api/v1/imports/customers`, { method: 'POST', headers, body: form() });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: number };
    let status: { status: string; created: number } = { status: 'running', created: 0 };
    for (let i = 0; i < 200 && status.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await (await fetch(`${url}/api/v1/imports/${id}`, { headers })).json()) as typeof status;
    }
    expect(status).toMatchObject({ status: 'done', created: 2 });
    const exported = await fetch(`${url}/api/v1/exports/customers?format=xlsx`, { headers });
    expect(exported.status).toBe(200);
    expect((await exported.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('runs the command line: a backup of the running server through its snapshot thread', () => {
    const out = path.join(dataDir, 'elsewhere', 'backup.tar.gz');
    const result = spawnSync(process.execPath, [serverCli, 'backup', '--out', out], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Backup written: /);
    expect(existsSync(out)).toBe(true);
  });
});
