import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

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
    expect(() => loadConfig({ DATA_DIR: dataDir, PORT: 'eighty' } as NodeJS.ProcessEnv)).toThrow(new ConfigError('Invalid environment variable PORT: Invalid input: expected number, received NaN'));
    expect(() => loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' } as NodeJS.ProcessEnv)).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'loud' } as NodeJS.ProcessEnv)).toThrow(/LOG_LEVEL/);
  });
});
