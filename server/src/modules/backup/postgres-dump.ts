import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { postgresDriver } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { DatabaseFacts } from './sqlite-snapshot.ts';

/** The full path of `tool` on the PATH, or null. */
export function findOnPath(tool: string, searchPath = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** pg_dump or pg_restore, or an error saying what to install. */
export function postgresTool(tool: 'pg_dump' | 'pg_restore'): string {
  const found = findOnPath(tool);
  if (!found) throw new AppError('UPSTREAM_FAILED', 'backupToolMissing', undefined, { tool });
  return found;
}

/**
 * The connection for a client tool: the password travels in PGPASSWORD, not on the command line, where
 * every user of the machine could read it in the process list.
 */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (errors.length < 4000) errors += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} failed (exit code ${code}): ${errors.trim()}`));
    });
  });
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows per table and applied migrations, read through `client` (inside its snapshot when it holds one). */
export async function describePostgres(client: pg.ClientBase): Promise<DatabaseFacts> {
  const { rows } = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  const tables: Record<string, number> = {};
  for (const { name } of rows) {
    const counted = await client.query<{ n: string }>(`select count(*) as n from ${quote(name)}`);
    tables[name] = Number(counted.rows[0].n);
  }
  const migrations = rows.some((r) => r.name === 'kysely_migration')
    ? (await client.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((r) => r.name)
    : [];
  return { tables, migrations };
}

/**
 * `pg_dump -Fc` of the database at `url` into `target`. The counts in the manifest and the dump see the
 * same moment: one read-only transaction exports its snapshot, counts in it and hands it to pg_dump.
 */
export async function dumpPostgres(url: string, target: string): Promise<DatabaseFacts> {
  const pgDump = postgresTool('pg_dump');
  const client = new (postgresDriver().Client)({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot');
    const facts = await describePostgres(client);
    const { dbname, env } = toolConnection(url);
    await run(
      pgDump,
      ['--format=custom', `--snapshot=${rows[0].snapshot}`, `--file=${target}`, `--dbname=${dbname}`],
      env,
    );
    await client.query('commit');
    return facts;
  } finally {
    await client.end();
  }
}

/** True when the database at `url` has no tables of its own. */
export async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new (postgresDriver().Client)({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`,
    );
    return Number(rows[0].n) === 0;
  } finally {
    await client.end();
  }
}

/** Loads a pg_dump archive into the (empty) database at `url`, all or nothing. */
export async function restorePostgres(url: string, dump: string): Promise<void> {
  const { dbname, env } = toolConnection(url);
  await run(
    postgresTool('pg_restore'),
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, dump],
    env,
  );
}

/** Rows per table of the database at `url`. */
export async function countPostgres(url: string): Promise<DatabaseFacts> {
  const client = new (postgresDriver().Client)({ connectionString: url });
  await client.connect();
  try {
    return await describePostgres(client);
  } finally {
    await client.end();
  }
}
