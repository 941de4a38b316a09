import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { createMigrator, migrateToLatest } from '../../db/migrator.ts';
import {
  BackupError,
  dataFolder,
  databaseFile,
  listFiles,
  type Manifest,
  readManifest,
  unpackVerified,
} from './backup.archive.ts';
import { excludedFromData, sqliteFile } from './backup.service.ts';
import { countPostgres, postgresIsEmpty, restorePostgres } from './postgres-dump.ts';
import { type DatabaseFacts, describeSqlite } from './sqlite-snapshot.ts';

/** The migrations this version of Relate knows, oldest first (read without touching any real database). */
export async function knownMigrations(): Promise<string[]> {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  try {
    return (await createMigrator(db).getMigrations()).map((m) => m.name);
  } finally {
    await db.destroy();
  }
}

/** Files a fresh start leaves in a data directory: the session secret `relate` generates on first run. */
const freshStartFiles = new Set(['session-secret']);

function sqliteFacts(file: string): DatabaseFacts {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    return describeSqlite(db);
  } finally {
    db.close();
  }
}

async function refuseUnlessEmpty(target: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<void> {
  const present = (await listFiles(target.dataDir, excludedFromData(target))).filter(
    (file) => !freshStartFiles.has(file),
  );
  if (present.length) {
    throw new BackupError(
      `The data directory ${target.dataDir} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ' …' : ''}): restore only into an empty data directory.`,
    );
  }
  const file = sqliteFile(target.databaseUrl);
  if (file) {
    if (existsSync(file) && Object.keys(sqliteFacts(file).tables).length) {
      throw new BackupError(
        `The database ${file} already has tables: restore only into an empty database (move the file away first).`,
      );
    }
  } else if (!(await postgresIsEmpty(target.databaseUrl))) {
    throw new BackupError(
      'The PostgreSQL database of DATABASE_URL already has tables: restore only into an empty database (create a new one).',
    );
  }
}

/** Moves a file, copying when the two places are on different file systems. */
async function move(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  await rename(from, to).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await rm(from);
  });
}

export type RestoreResult = { manifest: Manifest; migrated: string[] };

/**
 * Restores an archive of `relate backup` into an empty data directory and an empty database, then migrates it
 * to this version's schema. Everything is checked before anything is written: that the archive is a Relate
 * backup of a schema this code knows, of the same kind of database, and that every checksum matches.
 */
export async function restoreBackup(
  archive: string,
  target: Pick<Config, 'dataDir' | 'databaseUrl'>,
): Promise<RestoreResult> {
  if (!existsSync(archive)) throw new BackupError(`No such file: ${archive}`);
  const manifest = await readManifest(archive);
  const known = await knownMigrations();
  const unknown = [...manifest.migrations, ...(manifest.schemaMigration ? [manifest.schemaMigration] : [])].filter(
    (name) => !known.includes(name),
  );
  if (unknown.length) {
    throw new BackupError(
      `The backup is of a newer database schema (${unknown[0]}) than this version of Relate (${known.at(-1)}) knows: install the version that made it (${manifest.version}) or a later one, then restore.`,
    );
  }
  const file = sqliteFile(target.databaseUrl);
  const dialect = file ? 'sqlite' : 'postgres';
  if (manifest.dialect !== dialect) {
    throw new BackupError(
      `The backup holds a ${manifest.dialect} database, but DATABASE_URL points at ${dialect}: restore it into a ${manifest.dialect} database.`,
    );
  }
  if (!manifest.files.some((f) => f.path === databaseFile[manifest.dialect]))
    throw new BackupError(`The backup holds no database (${databaseFile[manifest.dialect]}).`);
  await refuseUnlessEmpty(target);

  await mkdir(target.dataDir, { recursive: true });
  const staging = await mkdtemp(path.join(target.dataDir, '.restore-'));
  try {
    await unpackVerified(archive, staging, manifest);
    if (file) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${file}${suffix}`, { force: true });
      await move(path.join(staging, databaseFile.sqlite), file);
    } else {
      await restorePostgres(target.databaseUrl, path.join(staging, databaseFile.postgres));
    }
    const dataRoot = path.join(staging, dataFolder);
    for (const relative of await listFiles(dataRoot))
      await move(path.join(dataRoot, relative), path.join(target.dataDir, relative));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }

  const restored = file ? sqliteFacts(file) : await countPostgres(target.databaseUrl);
  const differing = Object.entries(manifest.tables).filter(([table, rows]) => restored.tables[table] !== rows);
  if (differing.length) {
    const [table, rows] = differing[0];
    throw new BackupError(
      `The restored database differs from the backup: ${table} has ${restored.tables[table] ?? 'no'} rows instead of ${rows}.`,
    );
  }
  const database = openDatabase(target.databaseUrl);
  try {
    return { manifest, migrated: await migrateToLatest(database.db) };
  } finally {
    await database.close();
  }
}
