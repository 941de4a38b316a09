import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { defaultSqliteMmapMb } from '../src/db/database.ts';

const dataDir = path.join(os.tmpdir(), 'relate-config-test');

describe('configuration', () => {
  it('defaults to SQLite in the data folder and generates a session secret once', () => {
    const first = loadConfig({ DATA_DIR: dataDir } as NodeJS.ProcessEnv);
    expect(first.databaseUrl).toBe(`sqlite:${path.join(dataDir, 'relate.db')}`);
    expect(first.port).toBe(3000);
    expect(first.sessionSecret).toHaveLength(64);
    expect(loadConfig({ DATA_DIR: dataDir } as NodeJS.ProcessEnv).sessionSecret).toBe(first.sessionSecret);
  });

  it('stops with one line naming the bad variable', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, PORT: 'eighty' } as NodeJS.ProcessEnv)).toThrow(
      new ConfigError('Invalid environment variable PORT: Invalid input: expected number, received NaN'),
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' } as NodeJS.ProcessEnv)).toThrow(
      /DATABASE_URL/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'loud' } as NodeJS.ProcessEnv)).toThrow(/LOG_LEVEL/);
  });

  it("takes the memory-mapped size of a SQLite file in whole MB up to SQLite's 2 GiB ceiling", () => {
    expect(loadConfig({ DATA_DIR: dataDir } as NodeJS.ProcessEnv).sqliteMmapMb).toBe(defaultSqliteMmapMb);
    expect(loadConfig({ DATA_DIR: dataDir, SQLITE_MMAP_MB: '0' } as NodeJS.ProcessEnv).sqliteMmapMb).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir, SQLITE_MMAP_MB: '2047' } as NodeJS.ProcessEnv).sqliteMmapMb).toBe(2047);
    for (const bad of ['2048', '-1', '1.5', 'lots']) {
      expect(() => loadConfig({ DATA_DIR: dataDir, SQLITE_MMAP_MB: bad } as NodeJS.ProcessEnv)).toThrow(
        /^Invalid environment variable SQLITE_MMAP_MB: /,
      );
    }
  });
});
