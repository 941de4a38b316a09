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

  it('takes a PostgreSQL read replica, its lag limit and the read-your-writes window, checked for what they mean', () => {
    const env = (values: Record<string, string>) => ({ DATA_DIR: dataDir, ...values }) as NodeJS.ProcessEnv;
    const primary = 'postgres://relate@db1:5432/relate';
    expect(loadConfig(env({})).replica).toEqual({ url: undefined, maxLagMs: 3000, readYourWritesMs: 5000 });
    expect(
      loadConfig(
        env({
          DATABASE_URL: primary,
          DATABASE_REPLICA_URL: 'postgres://relate@db2:5432/relate',
          REPLICA_MAX_LAG_SECONDS: '0.5',
          READ_YOUR_WRITES_SECONDS: '2.5',
        }),
      ).replica,
    ).toEqual({ url: 'postgres://relate@db2:5432/relate', maxLagMs: 500, readYourWritesMs: 2500 });
    expect(() => loadConfig(env({ DATABASE_REPLICA_URL: 'sqlite:/tmp/copy.db' }))).toThrow(
      /^Invalid environment variable DATABASE_REPLICA_URL: must start with postgres:\/\//,
    );
    for (const bad of ['0', '-1', '601', 'soon', '']) {
      expect(() => loadConfig(env({ REPLICA_MAX_LAG_SECONDS: bad })), bad).toThrow(
        'Invalid environment variable REPLICA_MAX_LAG_SECONDS: must be a number of seconds above 0 and at most 600',
      );
    }
    for (const bad of ['0', '-1', '3601', 'soon', '']) {
      expect(() => loadConfig(env({ READ_YOUR_WRITES_SECONDS: bad })), bad).toThrow(
        'Invalid environment variable READ_YOUR_WRITES_SECONDS: must be a number of seconds above 0 and at most 3600',
      );
    }
    // A window shorter than the lag allowed (and the age of a measurement) would let a user miss their own write.
    const tooShort = env({
      DATABASE_URL: primary,
      DATABASE_REPLICA_URL: 'postgres://relate@db2:5432/relate',
      REPLICA_MAX_LAG_SECONDS: '10',
      READ_YOUR_WRITES_SECONDS: '5',
    });
    expect(() => loadConfig(tooShort)).toThrow(
      'Invalid environment variable READ_YOUR_WRITES_SECONDS: must be at least REPLICA_MAX_LAG_SECONDS + 2 (12)',
    );
    // On SQLite the replica is ignored, and so is its window.
    expect(loadConfig({ ...tooShort, DATABASE_URL: undefined }).replica.maxLagMs).toBe(10_000);
  });
});
