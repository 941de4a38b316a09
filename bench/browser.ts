/**
 * Speed in the browser, against the production build served by the real server on SQLite: the login page
 * until it can be used, signing in until the home page has rendered, and a reload of the customer list until
 * its rows show. Each sample starts from a new browser context (nothing cached) unless it is a reload.
 * Run with `npm run bench -- --browser` after `npm run build -w web`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrator.ts';
import { seedEssentials } from '../server/src/db/seed.ts';
import { generateDataset } from './generate.ts';
import { writeResultsSection } from './results-section.ts';
import { ms, percentile } from './stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const password = 'Admin12345';

async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function summary(name: string, samples: number[], target: string): string {
  return `| ${name} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 90))} | ${ms(Math.max(...samples))} | ${target} |`;
}

/** Bytes of scripts and styles a page load fetched (what the network had to carry before the page could run). */
function countAssetBytes(page: Page): () => Promise<number> {
  const sizes: Array<Promise<number>> = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet')
      sizes.push(
        response.body().then(
          (body) => body.length,
          () => 0,
        ),
      );
  });
  // Every body read so far, once all have arrived.
  return async () => (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
}

export async function benchBrowser(log: (line: string) => void, samples = 10): Promise<string[]> {
  if (!existsSync(path.join(here, '../web/dist/index.html')))
    throw new Error('Build the web app first: npm run build -w web');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relate-browser-bench-'));
  const url = `sqlite:${path.join(dataDir, 'relate.db')}`;
  const database = openDatabase(url);
  try {
    await migrateToLatest(database.db);
    await seedEssentials(database.db, password);
    await generateDataset(database.db, 'sqlite', 10_000, () => undefined);
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
    const app = await buildApp({ config, database, logger: false, serveWeb: true });
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const loginPage: number[] = [];
      const signIn: number[] = [];
      const reload: number[] = [];
      let loginBytes = 0;
      for (let i = 0; i < samples + 1; i++) {
        const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        const bytes = countAssetBytes(page);
        const open = await timed(async () => {
          await page.goto(`${baseUrl}/login`);
          await page.getByRole('button', { name: /登 ?录/ }).waitFor();
        });
        loginBytes = await bytes();
        await page.getByLabel('用户名').fill('admin');
        await page.getByLabel('密码').fill(password);
        const home = await timed(async () => {
          await page.getByRole('button', { name: /登 ?录/ }).click();
          await page.waitForURL((address) => address.pathname === '/');
          await page.locator('main .ant-card').first().waitFor();
        });
        await page.goto(`${baseUrl}/customers`);
        await page.locator('.ant-table-row').first().waitFor();
        const list = await timed(async () => {
          await page.reload();
          await page.locator('.ant-table-row').first().waitFor();
        });
        // The first round warms the server (and the disk cache of the build), as a running server is.
        if (i > 0) {
          loginPage.push(open);
          signIn.push(home);
          reload.push(list);
        }
        await context.close();
      }
      const lines = [
        '| step | p50 | p90 | max | target |',
        '|---|---|---|---|---|',
        summary('login page until it can be used (nothing cached)', loginPage, ''),
        summary('sign in until the home page has rendered', signIn, '≤ 1 500 ms'),
        summary(
          'login page + sign in (both)',
          loginPage.map((value, i) => value + signIn[i]!),
          '',
        ),
        summary('reload of the customer list until its rows show', reload, '≤ 1 000 ms'),
        '',
        `Scripts and styles the login page loads: ${(loginBytes / 1024).toFixed(0)} KB (uncompressed; the server sends them compressed).`,
      ];
      for (const line of lines) log(line);
      return lines;
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Writes the browser section of bench/RESULTS.md (between its markers), leaving the rest as it is. */
export function writeBrowserResults(lines: string[], heading: string): void {
  writeResultsSection('browser', 'Speed in the browser', heading, lines);
}
