import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { browserSuite, signInPage } from './harness.ts';

describe('backups in the browser', () => {
  const suite = browserSuite();

  it('downloads a backup made now from the settings page and lists it', async () => {
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.goto(`${suite.server.baseUrl}/admin/settings`);
    const list = page.getByTestId('backup-list');
    await expect.poll(() => list.getByText('暂无备份').isVisible()).toBe(true);

    const downloading = page.waitForEvent('download');
    await page.getByTestId('backup-download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^relate-backup-[0-9TZ-]+\.tar\.gz$/);
    const file = path.join(os.tmpdir(), `e2e-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const archive = readFileSync(file);
    rmSync(file);
    expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    const [kept] = (await suite.server.admin.get('/api/v1/backups')).json();
    expect(kept).toMatchObject({
      name: download.suggestedFilename(),
      size: archive.length,
      madeBy: { kind: 'user', username: 'admin' },
    });
    const rows = list.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().innerText()).toContain('admin');
    await expect.poll(() => rows.first().innerText()).toContain(`${(archive.length / 1024).toFixed(1)} KB`);
    await page.context().close();
  });
});
