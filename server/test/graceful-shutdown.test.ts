import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adminPassword, createTestDatabase, testDialects } from './databases.ts';
import { freePort } from './ports.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// A real server process told to stop by its supervisor (SIGTERM), with a browser's event stream open.
describe.each(testDialects)('stopping a server on SIGTERM on %s', (dialect) => {
  it('ends open streams, stops within the grace period and exits cleanly', async () => {
    const db = await createTestDatabase(dialect, { seeded: true });
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: db.dataDir,
        DATABASE_URL: db.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        RELATE_ADMIN_PASSWORD: adminPassword,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    try {
      let ready = false;
      for (let i = 0; i < 300 && !ready; i++) {
        if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
        ready = await fetch(`${url}/api/ready`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(ready, output).toBe(true);
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
      const stream = await fetch(`${url}/api/v1/notifications/stream`, { headers: { cookie } });
      const reader = stream.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: unread');
      const streamEnded = (async () => {
        for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return true;
      })();

      const began = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
      expect(code, output).toBe(0);
      // Nothing was left for the deadline to cut off: the open stream did not hold the server up.
      expect(Date.now() - began, output).toBeLessThan(5_000);
      expect(output).not.toContain('cut off');
      expect(await streamEnded).toBe(true);
      expect(output).toContain('shutting down');
      await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await db.drop();
    }
  }, 60_000);
});
