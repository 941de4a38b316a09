import { existsSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type TestApp } from '../server/test/app.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The real application (API + built web app) on a fresh SQLite database, listening on a free port. */
export async function startServer(): Promise<TestApp & { baseUrl: string }> {
  if (!existsSync(new URL('../web/dist/index.html', import.meta.url)))
    throw new Error('Build the web app first: npm run build -w web');
  const t = await createTestApp('sqlite', { serveWeb: true });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...t, baseUrl: address };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A browser context whose actions give up well before a test does, so a step that waits for
 * something that never comes fails with that step's locator instead of a bare test timeout.
 */
export async function openContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  // Without animations (the app honours reduced motion): a drawer or dropdown closing under load never
  // leaves its mask over the page for the next click.
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Signs in through the login page in the given language. */
export async function signInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  locale: 'zh-CN' | 'en' = 'zh-CN',
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
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

/**
 * Chooses the option of an Ant Design select that shows `label`, with the keyboard as a user would:
 * type to narrow the list (unless `search` is false), wait until the option is the active one, press Enter,
 * and see the field show it (unless the select is an action picker that stays empty: `showsChoice` false).
 * Clicking an option instead races the dropdown's re-alignment: while the list narrows it can jump above
 * the field for a frame, and a click aimed at the old place lands beside the list and chooses nothing.
 */
export async function chooseOption(
  page: Page,
  field: Locator,
  label: string,
  { search = label as string | false, showsChoice = true } = {},
): Promise<void> {
  const select = field.locator('xpath=ancestor-or-self::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  await field.click();
  if (search !== false) {
    await page.keyboard.type(search);
    await expect
      .poll(async () => ({ listed: await options.allInnerTexts(), active: await active.allInnerTexts() }))
      .toEqual({ listed: [expect.stringContaining(label)], active: [expect.stringContaining(label)] });
  } else {
    await expect.poll(() => options.filter({ hasText: label }).count()).toBeGreaterThan(0);
    for (let step = 0; !(await active.allInnerTexts()).some((text) => text.includes(label)); step++) {
      if (step > 100) throw new Error(`No option "${label}" reached with the arrow keys`);
      await page.keyboard.press('ArrowDown');
    }
  }
  await page.keyboard.press('Enter');
  if (showsChoice) await expect.poll(() => select.innerText()).toContain(label);
}

/**
 * Draws a stroke through `points` (offsets from the pad's top-left corner) on a signature canvas and checks
 * that ink reached it. The pad usually sits in a modal that zooms in as it opens; a box measured mid-animation
 * puts the stroke beside the canvas, so the box is read until two reads a frame apart agree.
 */
export async function drawSignature(page: Page, pad: Locator, points: Array<[number, number]>): Promise<void> {
  let box = await pad.boundingBox();
  for (let read = 0; ; read++) {
    if (read > 100) throw new Error('The signature pad did not come to rest');
    await page.waitForTimeout(50);
    const next = await pad.boundingBox();
    if (box && next && JSON.stringify(box) === JSON.stringify(next)) break;
    box = next;
  }
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first[0], box.y + first[1]);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 8 });
  await page.mouse.up();
  const inked = await pad.evaluate((canvas: HTMLCanvasElement) =>
    canvas
      .getContext('2d')!
      .getImageData(0, 0, canvas.width, canvas.height)
      .data.some((channel, i) => i % 4 === 3 && channel > 0),
  );
  expect(inked, 'the stroke reached the signature pad').toBe(true);
}

/** Opens a list's column chooser and waits until its popover has stopped zooming in (see popoverAtRest). */
export async function openColumnChooser(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /显示列|Columns/ }).click();
  const chooser = page.getByTestId('column-chooser');
  await chooser.waitFor();
  await popoverAtRest(page.locator('.ant-popover').filter({ has: chooser }));
  return chooser;
}

/**
 * Waits until a popover has stopped zooming in: on a loaded machine a click aimed at a box measured
 * mid-animation lands beside its target, and a click outside the popover closes it.
 */
export async function popoverAtRest(popover: Locator): Promise<void> {
  await expect.poll(() => popover.evaluate((element) => element.getAnimations({ subtree: true }).length)).toBe(0);
}

/** Collects the page's console errors and uncaught exceptions. */
export function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
