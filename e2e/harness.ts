import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../server/test/app.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The real application (API + built web app) on a fresh SQLite database, listening on a free port. */
export async function startServer(): Promise<TestApp & { baseUrl: string }> {
  if (!existsSync(new URL('../web/dist/index.html', import.meta.url))) throw new Error('Build the web app first: npm run build -w web');
  const t = await createTestApp('sqlite', { serveWeb: true });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...t, baseUrl: address };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A browser context whose actions give up well before a test does, so a step that waits for
 * something that never comes fails with that step's locator instead of a bare test timeout.
 */
export async function openContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(15_000);
  return context;
}

/** Signs in through the login page in the given language. */
export async function signInPage(browser: Browser, baseUrl: string, username: string, password: string, locale: 'zh-CN' | 'en' = 'zh-CN', viewport = { width: 1280, height: 800 }): Promise<Page> {
  // People sit in the company's time zone (the default settings' Asia/Shanghai), so "today" means the same day on both sides.
  const context = await openContext(browser, { locale, viewport, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登 ?录|Sign in/ }).click();
  // Signing in lands on the home page; most flows start from the customer list.
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto(`${baseUrl}/customers`);
  return page;
}

/** Starts a server and a browser before the suite's tests and stops both after them. */
export function browserSuite() {
  const suite = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser };
  beforeAll(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
