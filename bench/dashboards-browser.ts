/**
 * `npm run bench -- --dashboards-browser`: each built-in dashboard opened in Chromium against the production
 * build served on the bench dataset, timed from navigation until every widget shows its figures — first
 * on a server just started (every widget's report computed from the tables), then again (their answers
 * kept) — as the administrator and as a regional manager. Target: ≤ 2 s. Build the web app first.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinDashboards } from '@relate/common';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import type { Dialect } from '../server/src/db/database.ts';
import { type BenchDatabase, benchAdminPassword } from './dataset.ts';
import { ms } from './stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Until every widget of the open dashboard shows figures (or says why it cannot), in milliseconds. */
async function untilRendered(page: Page, open: () => Promise<unknown>): Promise<{ ms: number; widgets: number }> {
  const started = performance.now();
  await open();
  await page.locator('[data-testid^="widget-"]').first().waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () => {
      const widgets = [...document.querySelectorAll('[data-testid^="widget-"]')];
      return widgets.length > 0 && widgets.every((w) => !w.querySelector('.ant-skeleton'));
    },
    undefined,
    { timeout: 300_000, polling: 50 },
  );
  return {
    ms: performance.now() - started,
    widgets: await page.locator('[data-testid^="widget-"]').count(),
  };
}

export async function benchDashboardsInBrowser(
  dialect: Dialect,
  url: string,
  database: BenchDatabase,
  log: (line: string) => void,
): Promise<string[]> {
  if (!existsSync(path.join(here, '../web/dist/index.html')))
    throw new Error('Build the web app first: npm run build -w web');
  const config = loadConfig({
    DATA_DIR: path.join(os.tmpdir(), `relate-bench-${dialect}`),
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
  } as NodeJS.ProcessEnv);
  const app = await buildApp({ config, database, logger: false, serveWeb: true });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const ids = new Map(
    (
      await database.db.selectFrom('dashboards').select(['id', 'builtin']).where('builtin', 'is not', null).execute()
    ).map((d) => [d.builtin!, d.id]),
  );
  const lines = ['| dashboard | as | widgets | computed | kept answers |', '|---|---|---|---|---|'];
  try {
    for (const [username, password, who] of [
      ['admin', benchAdminPassword, 'admin'],
      ['manager1', 'Bench12345', 'manager'],
    ] as const) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登 ?录/ }).click();
      await page.waitForURL((address) => address.pathname === '/');
      for (const builtin of builtinDashboards) {
        const id = ids.get(builtin);
        if (!id) continue;
        const first = await untilRendered(page, () => page.goto(`${baseUrl}/dashboards/${id}`));
        const again = await untilRendered(page, () => page.reload());
        const line = `| ${builtin} | ${who} | ${first.widgets} | ${ms(first.ms)} | ${ms(again.ms)} |`;
        log(line);
        lines.push(line);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  return lines;
}
