import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSqliteMmapMb, openDatabase } from './database.ts';

describe('SQLite memory mapping', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relate-mmap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const mmapOf = async (options?: { sqliteMmapMb?: number }) => {
    const database = openDatabase(`sqlite:${path.join(dir, 'test.db')}`, options);
    try {
      const { rows } = await sql<{ mmapSize: number }>`pragma mmap_size`.execute(database.db);
      // (mmap_size, as the CamelCasePlugin names it.)
      return rows[0]?.mmapSize;
    } finally {
      await database.close();
    }
  };

  it('maps as much of the file as SQLITE_MMAP_MB says, the default when not told, at most 2 GiB', async () => {
    expect(await mmapOf()).toBe(defaultSqliteMmapMb * 1024 * 1024);
    expect(await mmapOf({ sqliteMmapMb: 0 })).toBe(0);
    expect(await mmapOf({ sqliteMmapMb: 64 })).toBe(64 * 1024 * 1024);
    expect(await mmapOf({ sqliteMmapMb: 2047 })).toBe(2047 * 1024 * 1024);
  });
});
