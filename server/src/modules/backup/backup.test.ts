import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Kysely, sql } from 'kysely';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp, testPool } from '../../../test/app.ts';
import { createTestDatabase, type TestDatabase, type TestDialect, testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';
import { openDatabase } from '../../db/database.ts';
import { createMigrator } from '../../db/migrator.ts';
import { loadDemoData } from '../../db/demo.ts';
import type { DB } from '../../db/schema.ts';
import { jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';
import { listFiles } from './backup.archive.ts';
import { createBackup } from './backup.service.ts';
import { findOnPath } from './postgres-dump.ts';
import { knownMigrations, restoreBackup } from './restore.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../../..');

function upload(client: Client, customerId: number, fileName: string, content: Buffer) {
  const boundary = 'relateboundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', `/api/v1/customers/${customerId}/attachments`, {
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const contextOf = (t: TestApp): AppContext => ({ db: t.database.db, dialect: t.database.dialect, config: t.config });
const target = (database: TestDatabase) => ({ dataDir: database.dataDir, databaseUrl: database.url });
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table's row count and a SHA-256 of all its rows read in primary-key order. */
async function tableHashes(
  db: Kysely<DB>,
  dialect: TestDialect,
): Promise<Record<string, { rows: number; sha256: string }>> {
  const tables =
    dialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'table' and name not like 'sqlite\_%' escape '\\' order by name`.execute(
            db,
          )
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
            db,
          )
        ).rows.map((r) => r.name);
  const result: Record<string, { rows: number; sha256: string }> = {};
  for (const table of tables) {
    let order: string;
    if (dialect === 'sqlite') {
      const columns = (
        await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(db)
      ).rows;
      const keys = columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => quote(c.name));
      order = keys.length ? keys.join(', ') : 'rowid';
    } else {
      const keys = (
        await sql<{
          name: string;
        }>`select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = ${quote(table)}::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`.execute(
          db,
        )
      ).rows.map((r) => quote(r.name));
      const columnCount = (
        await sql<{
          n: number;
        }>`select count(*) as n from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(
          db,
        )
      ).rows[0].n;
      order = keys.length ? keys.join(', ') : Array.from({ length: Number(columnCount) }, (_, i) => i + 1).join(', ');
    }
    const rows = (await sql.raw<Record<string, unknown>>(`select * from ${quote(table)} order by ${order}`).execute(db))
      .rows;
    const hash = createHash('sha256');
    for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
    result[table] = { rows: rows.length, sha256: hash.digest('hex') };
  }
  if (dialect === 'postgres') {
    // The next ids too: a restored database must go on numbering where the original stood.
    const sequences = (
      await sql<{
        name: string;
        lastValue: number | null;
      }>`select sequencename as name, last_value from pg_sequences where schemaname = current_schema() order by sequencename`.execute(
        db,
      )
    ).rows;
    result['(sequences)'] = {
      rows: sequences.length,
      sha256: createHash('sha256').update(JSON.stringify(sequences)).digest('hex'),
    };
  }
  return result;
}

async function hashesOf(database: TestDatabase, dialect: TestDialect) {
  const opened = openDatabase(database.url, testPool);
  try {
    return await tableHashes(opened.db, dialect);
  } finally {
    await opened.close();
  }
}

async function fileContents(dataDir: string, skip: (relative: string) => boolean): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  for (const relative of await listFiles(dataDir, skip))
    contents[relative] = createHash('sha256')
      .update(await readFile(path.join(dataDir, relative)))
      .digest('hex');
  return contents;
}

/** Unpacks an archive, lets `change` alter the unpacked files, and packs them again in the same order. */
async function repack(archive: string, change: (dir: string) => void): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relate-repack-'));
  const entries: string[] = [];
  await tar.t({ file: archive, onReadEntry: (entry) => void entries.push(entry.path) });
  await tar.x({ file: archive, cwd: dir });
  change(dir);
  const out = path.join(os.tmpdir(), `relate-repacked-${Math.random().toString(36).slice(2)}.tar.gz`);
  await tar.c({ gzip: true, file: out, cwd: dir, portable: true }, entries);
  rmSync(dir, { recursive: true, force: true });
  return out;
}

describe.each(testDialects)('backup and restore on %s', (dialect) => {
  let t: TestApp;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'relate-backups-'));
  const targets: TestDatabase[] = [];
  const freshTarget = async () => {
    const database = await createTestDatabase(dialect);
    targets.push(database);
    return database;
  };
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
    for (const database of targets) await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('restores demo data and uploaded files into a fresh data directory and database: every row of every table and every file the same', async () => {
    expect(await loadDemoData(t.database.db, dialect)).toBe(true);
    const customer = await createCustomer(t.admin);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256)),
    ]);
    expect((await upload(t.admin, customer.id, '现场照片.png', png)).statusCode).toBe(201);
    expect((await upload(t.admin, customer.id, 'notes.txt', Buffer.from('第一行\nsecond line\n'))).statusCode).toBe(
      201,
    );
    // An import's upload being read when the backup is made is not part of it.
    mkdirSync(path.join(t.dataDir, 'uploads'), { recursive: true });
    writeFileSync(path.join(t.dataDir, 'uploads', 'being-read.xlsx'), 'PK');

    const before = await tableHashes(t.database.db, dialect);
    const archive = path.join(scratch, 'round-trip.tar.gz');
    const backup = await createBackup(contextOf(t), { kind: 'cli', userId: null, username: null }, { out: archive });
    expect(backup.manifest.tables.customers).toBe(before.customers.rows);
    expect(backup.manifest.schemaMigration).toBe(
      (
        (await t.database.db
          .selectFrom('kyselyMigration' as never)
          .select('name' as never)
          .orderBy('name' as never, 'desc')
          .executeTakeFirstOrThrow()) as { name: string }
      ).name,
    );

    const fresh = await freshTarget();
    const { migrated } = await restoreBackup(archive, target(fresh));
    expect(migrated).toEqual([]);
    const after = await hashesOf(fresh, dialect);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) expect({ table, ...after[table] }).toEqual({ table, ...before[table] });
    expect(before.customers.rows).toBeGreaterThan(200);
    expect(before.attachments.rows).toBe(2);

    const sourceFiles = await fileContents(
      t.dataDir,
      (relative) => relative === 'backups' || relative === 'uploads' || relative.startsWith('test.db'),
    );
    expect(Object.keys(sourceFiles)).toHaveLength(3);
    expect(existsSync(path.join(fresh.dataDir, 'uploads'))).toBe(false);
    rmSync(path.join(t.dataDir, 'uploads'), { recursive: true });
    expect(await fileContents(fresh.dataDir, (relative) => relative.startsWith('test.db'))).toEqual(sourceFiles);
    expect(readFileSync(path.join(fresh.dataDir, 'session-secret'), 'utf8')).toBe(
      readFileSync(path.join(t.dataDir, 'session-secret'), 'utf8'),
    );
  }, 120_000);

  it('takes a backup while customers are being written that holds whole transactions only', async () => {
    let stop = false;
    let written = 0;
    const writer = (async () => {
      while (!stop) {
        await createCustomer(t.admin, { name: `并发客户 ${written}` });
        written++;
      }
    })();
    while (written < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    const archive = path.join(scratch, 'during-writes.tar.gz');
    const backup = await createBackup(contextOf(t), { kind: 'cli', userId: null, username: null }, { out: archive });
    const atBackup = written;
    while (written < atBackup + 5) await new Promise((resolve) => setTimeout(resolve, 10));
    stop = true;
    await writer;

    const fresh = await freshTarget();
    await restoreBackup(archive, target(fresh));
    const restored = openDatabase(fresh.url, testPool);
    try {
      const customers = await restored.db
        .selectFrom('customers')
        .select('id')
        .where('name', 'like', '并发客户 %')
        .execute();
      const audited = await restored.db
        .selectFrom('auditLogs')
        .select('entityId')
        .where('entity', '=', 'customers')
        .where('action', '=', 'create')
        .where('entityId', 'in', customers.length ? customers.map((c) => c.id) : [0])
        .execute();
      expect(customers.length).toBeGreaterThanOrEqual(5);
      expect(customers.length).toBeLessThan(written);
      expect(audited.map((a) => a.entityId).sort()).toEqual(customers.map((c) => c.id).sort());
      expect(backup.manifest.tables.customers).toBe(
        Number(
          (
            await restored.db
              .selectFrom('customers')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
    } finally {
      await restored.close();
    }
  }, 60_000);

  it('refuses a changed archive, a newer schema, another kind of database and a target that is not empty', async () => {
    const archive = path.join(scratch, 'checked.tar.gz');
    await createBackup(contextOf(t), { kind: 'cli', userId: null, username: null }, { out: archive });

    const tampered = await repack(archive, (dir) => {
      const [file] = readFileSync(path.join(dir, 'manifest.json'), 'utf8').match(/data\/files\/[^"]+/)!;
      const content = readFileSync(path.join(dir, file));
      content[10] ^= 0xff;
      writeFileSync(path.join(dir, file), content);
    });
    const fresh = await freshTarget();
    await expect(restoreBackup(tampered, target(fresh))).rejects.toThrow(/Checksum mismatch for data\/files\//);
    expect(await listFiles(fresh.dataDir)).toEqual([]);

    const newer = await repack(archive, (dir) => {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      manifest.migrations.push('9999-from-the-future');
      manifest.schemaMigration = '9999-from-the-future';
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    });
    await expect(restoreBackup(newer, target(fresh))).rejects.toThrow(/newer database schema \(9999-from-the-future\)/);

    const otherKind =
      dialect === 'sqlite'
        ? 'postgres://postgres@127.0.0.1:5432/none'
        : `sqlite:${path.join(fresh.dataDir, 'relate.db')}`;
    await expect(restoreBackup(archive, { dataDir: fresh.dataDir, databaseUrl: otherKind })).rejects.toThrow(
      /holds a \w+ database, but DATABASE_URL points at/,
    );

    await expect(restoreBackup(archive, { dataDir: t.dataDir, databaseUrl: t.databaseUrl })).rejects.toThrow(
      /is not empty \(files\//,
    );
    const emptyDir = mkdtempSync(path.join(scratch, 'empty-'));
    await expect(restoreBackup(archive, { dataDir: emptyDir, databaseUrl: t.databaseUrl })).rejects.toThrow(
      /already has tables: restore only into an empty database/,
    );
    expect(await listFiles(emptyDir)).toEqual([]);

    // The refusals left the fresh target as it was: the real archive still goes in.
    await restoreBackup(archive, target(fresh));
  }, 60_000);

  it('restores a backup of an older schema and migrates it to the latest', async () => {
    const known = await knownMigrations();
    const older = await freshTarget();
    const opened = openDatabase(older.url, testPool);
    const archive = path.join(scratch, 'older.tar.gz');
    try {
      const { error } = await createMigrator(opened.db).migrateTo(known[known.length - 3]);
      expect(error).toBeUndefined();
      const ctx = {
        db: opened.db,
        dialect: opened.dialect,
        config: { ...t.config, dataDir: older.dataDir, databaseUrl: older.url },
      };
      const backup = await createBackup(ctx, { kind: 'cli', userId: null, username: null }, { out: archive });
      expect(backup.manifest.schemaMigration).toBe(known[known.length - 3]);
    } finally {
      await opened.close();
    }
    const fresh = await freshTarget();
    const { migrated } = await restoreBackup(archive, target(fresh));
    expect(migrated).toEqual(known.slice(-2));
  });

  it('lets administrators make, list and download backups, keeps the newest as set, and records each in the audit log', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get('/api/v1/backups')).statusCode).toBe(403);
    expect((await rep.post('/api/v1/backups')).statusCode).toBe(403);

    for (const bad of [0, 366, 2.5, '3'])
      expect((await t.admin.patch('/api/v1/settings', { backupsKept: bad })).statusCode).toBe(400);
    expect((await t.admin.patch('/api/v1/settings', { backupsKept: 2 })).json().backupsKept).toBe(2);

    const made = await t.admin.post('/api/v1/backups');
    expect(made.statusCode).toBe(201);
    const backup = made.json();
    expect(backup).toMatchObject({
      name: expect.stringMatching(/^relate-backup-.*\.tar\.gz$/),
      dialect,
      version: '0.1.0',
      madeBy: { kind: 'user', username: 'admin' },
    });
    expect(backup.size).toBeGreaterThan(1000);

    const download = await t.admin.get(`/api/v1/backups/${backup.name}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/gzip');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${backup.name}"`);
    expect(download.rawPayload.length).toBe(backup.size);
    expect(download.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect((await t.admin.get('/api/v1/backups/relate-backup-..%2F..%2Fsession-secret.tar.gz')).statusCode).toBe(400);
    expect((await t.admin.get('/api/v1/backups/relate-backup-2000-01-01T00-00-00-000Z.tar.gz')).statusCode).toBe(404);

    await jobHandlers['backup.daily'](contextOf(t), {});
    await t.admin.post('/api/v1/backups');
    const listed = (await t.admin.get('/api/v1/backups')).json();
    expect(listed).toHaveLength(2);
    expect(listed.map((b: { madeBy: { kind: string } }) => b.madeBy.kind)).toEqual(['user', 'schedule']);
    expect(listed.map((b: { name: string }) => b.name)).not.toContain(backup.name);

    const audit = (await t.admin.get('/api/v1/audit-logs', { entity: 'backups', pageSize: 50 })).json().items;
    const actions = audit.map(
      (row: { action: string; username: string | null }) => `${row.action}:${row.username ?? '-'}`,
    );
    expect(actions.filter((a: string) => a === 'create:admin')).toHaveLength(2);
    expect(actions).toContain('download:admin');
    expect(actions).toContain('create:-');
  }, 60_000);

  it('backs up and restores through the relate command', async () => {
    const archive = path.join(scratch, 'cli.tar.gz');
    const env = { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent' };
    const made = await run('npx', ['tsx', 'server/src/cli.ts', 'backup', '--out', archive], { cwd: repoRoot, env });
    expect(made.stdout).toContain(`Backup written: ${archive}`);

    const fresh = await freshTarget();
    const freshEnv = { ...process.env, DATA_DIR: fresh.dataDir, DATABASE_URL: fresh.url, LOG_LEVEL: 'silent' };
    const restored = await run('npx', ['tsx', 'server/src/cli.ts', 'restore', archive], {
      cwd: repoRoot,
      env: freshEnv,
    });
    expect(restored.stdout).toMatch(/^Restored the backup of .* \(Relate 0\.1\.0, \w+\)/);
    const again = await run('npx', ['tsx', 'server/src/cli.ts', 'restore', archive], {
      cwd: repoRoot,
      env: freshEnv,
    }).catch((error) => error);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty|already has tables/);

    const users = async (url: string) => {
      const opened = openDatabase(url, testPool);
      try {
        return (await opened.db.selectFrom('users').select('username').orderBy('id').execute()).map((u) => u.username);
      } finally {
        await opened.close();
      }
    };
    expect(await users(fresh.url)).toEqual(await users(t.databaseUrl));
  }, 120_000);

  if (dialect === 'postgres') {
    it('says what to install when pg_dump is missing', async () => {
      expect(findOnPath('pg_dump', '/nonexistent')).toBeNull();
      const saved = process.env.PATH;
      process.env.PATH = '/nonexistent';
      try {
        const response = await t.admin.post('/api/v1/backups');
        expect(response.statusCode).toBe(502);
        expect(response.json().error.message).toBe(
          '服务器上找不到 pg_dump：请安装 PostgreSQL 客户端工具后再备份 PostgreSQL 数据库。',
        );
      } finally {
        process.env.PATH = saved;
      }
      await mkdir(path.join(t.dataDir, 'backups'), { recursive: true });
      expect(
        (await listFiles(path.join(t.dataDir, 'backups'))).filter((name) => !name.startsWith('relate-backup-')),
      ).toEqual([]);
    });
  }
});
