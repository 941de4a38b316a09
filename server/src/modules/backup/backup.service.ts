import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Backup, type BackupMaker, backupNamePattern } from '@relate/common';
import type { Config } from '../../config.ts';
import type { Actor, AuditActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { getSettings } from '../settings/index.ts';
import { dataFolder, databaseFile, listFiles, type Manifest, packArchive, readManifest } from './backup.archive.ts';
import { dumpPostgres } from './postgres-dump.ts';
import { snapshotSqlite } from './sqlite-snapshot.ts';
import { uploadsFolderName } from '../../platform/upload.ts';
// Imported, not read at run time relative to this file: the built server (server/dist) is bundled elsewhere.
import rootPackage from '../../../../package.json' with { type: 'json' };

export const productVersion: string = rootPackage.version;

export const backupsFolder = 'backups';

export function backupsDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, backupsFolder);
}

/** The SQLite file of a `sqlite:` URL, or null for PostgreSQL. */
export function sqliteFile(databaseUrl: string): string | null {
  return databaseUrl.startsWith('postgres') ? null : path.resolve(databaseUrl.replace(/^sqlite:/, ''));
}

/** Paths under DATA_DIR that a backup leaves out: the live database (copied its own way), the backups and uploads being read. */
export function excludedFromData(config: Pick<Config, 'dataDir' | 'databaseUrl'>): (relative: string) => boolean {
  const database = sqliteFile(config.databaseUrl);
  const databaseFiles = new Set<string>();
  if (database) {
    const relative = path.relative(config.dataDir, database).split(path.sep).join('/');
    for (const suffix of ['', '-wal', '-shm', '-journal']) databaseFiles.add(`${relative}${suffix}`);
  }
  return (relative) =>
    relative === backupsFolder ||
    relative === uploadsFolderName ||
    relative.startsWith('.restore-') ||
    databaseFiles.has(relative);
}

function nameAt(time: Date): string {
  return `relate-backup-${time.toISOString().replace(/[:.]/g, '-')}.tar.gz`;
}

async function stageData(config: Config, staging: string): Promise<void> {
  for (const relative of await listFiles(config.dataDir, excludedFromData(config))) {
    const target = path.join(staging, dataFolder, relative);
    await mkdir(path.dirname(target), { recursive: true });
    // A hard link holds the file as it is now even if it is removed meanwhile, and costs no space.
    await link(path.join(config.dataDir, relative), target)
      .catch(() => copyFile(path.join(config.dataDir, relative), target))
      .catch((error: NodeJS.ErrnoException) => {
        // Removed since the folder was listed: it is no longer part of the data.
        if (error.code !== 'ENOENT') throw error;
      });
  }
}

export type BackupResult = { file: string; name: string; size: number; manifest: Manifest };

/**
 * Writes one archive of the database (copied online, one consistent moment), the files under DATA_DIR and a
 * manifest with checksums: at `out`, or in DATA_DIR/backups, which then keeps only the newest `backupsKept`.
 * The database is copied before the files: a file uploaded meanwhile is at worst one file too many, and only a
 * file removed in the moment between the two is missing.
 */
export async function createBackup(
  ctx: AppContext,
  madeBy: BackupMaker,
  { out, actor = null }: { out?: string; actor?: AuditActor | null } = {},
): Promise<BackupResult> {
  const folder = backupsDir(ctx.config);
  await mkdir(folder, { recursive: true });
  const createdAt = new Date();
  let file = out ? path.resolve(out) : path.join(folder, nameAt(createdAt));
  for (let ms = 1; !out && existsSync(file); ms++) file = path.join(folder, nameAt(new Date(createdAt.getTime() + ms)));
  await mkdir(path.dirname(file), { recursive: true });
  const staging = await mkdtemp(path.join(folder, '.partial-'));
  const partial = `${file}.partial`;
  try {
    await mkdir(path.join(staging, 'database'));
    const source = sqliteFile(ctx.config.databaseUrl);
    const facts = source
      ? await snapshotSqlite(source, path.join(staging, databaseFile.sqlite))
      : await dumpPostgres(ctx.config.databaseUrl, path.join(staging, databaseFile.postgres));
    await stageData(ctx.config, staging);
    const manifest = await packArchive(
      staging,
      {
        format: 1,
        product: 'relate',
        version: productVersion,
        createdAt: createdAt.toISOString(),
        madeBy,
        dialect: ctx.dialect,
        schemaMigration: facts.migrations.at(-1) ?? null,
        migrations: facts.migrations,
        tables: facts.tables,
      },
      partial,
    );
    await rename(partial, file);
    const { size } = await stat(file);
    const name = path.basename(file);
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'backups',
      detail: { name, size, madeBy: madeBy.kind, ...(out ? { file } : {}) },
    });
    if (!out) await pruneBackups(ctx.config, (await getSettings(ctx.db)).backupsKept);
    return { file, name, size, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

/** Backs up now on behalf of a user of the settings page. */
export function backupNow(ctx: AppContext, actor: Actor): Promise<BackupResult> {
  return createBackup(ctx, { kind: 'user', userId: actor.userId, username: actor.username }, { actor });
}

/** The daily backup job. */
export async function scheduledBackup(ctx: AppContext): Promise<void> {
  await createBackup(ctx, { kind: 'schedule', userId: null, username: null });
}

/** Removes all but the newest `keep` archives of DATA_DIR/backups; returns the names removed. */
export async function pruneBackups(config: Pick<Config, 'dataDir'>, keep: number): Promise<string[]> {
  const names = await archiveNames(config);
  const removed = names.slice(keep);
  for (const name of removed) await rm(path.join(backupsDir(config), name), { force: true });
  return removed;
}

/** Archive names in DATA_DIR/backups, newest first (the names sort by time). */
async function archiveNames(config: Pick<Config, 'dataDir'>): Promise<string[]> {
  const names = await readdir(backupsDir(config)).catch(() => [] as string[]);
  return names
    .filter((name) => backupNamePattern.test(name))
    .sort()
    .reverse();
}

const manifestCache = new Map<string, Manifest | null>();

/** The archives kept in DATA_DIR/backups, newest first, with what their manifests say. */
export async function listBackups(config: Pick<Config, 'dataDir'>): Promise<Backup[]> {
  const backups: Backup[] = [];
  for (const name of await archiveNames(config)) {
    const file = path.join(backupsDir(config), name);
    const info = await stat(file).catch(() => null);
    if (!info) continue;
    const key = `${file}:${info.size}:${info.mtimeMs}`;
    let manifest = manifestCache.get(key);
    if (manifest === undefined) {
      manifest = await readManifest(file).catch(() => null);
      manifestCache.set(key, manifest);
    }
    backups.push({
      name,
      size: info.size,
      createdAt: manifest?.createdAt ?? info.mtime.toISOString(),
      madeBy: manifest?.madeBy ?? null,
      dialect: manifest?.dialect ?? null,
      version: manifest?.version ?? null,
      schemaMigration: manifest?.schemaMigration ?? null,
    });
  }
  return backups;
}

/** Opens an archive of DATA_DIR/backups for download and records who took it. */
export async function downloadBackup(
  ctx: AppContext,
  actor: Actor,
  name: string,
): Promise<{ stream: ReadStream; size: number }> {
  const file = path.join(backupsDir(ctx.config), name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw notFound();
  await writeAudit(ctx.db, actor, { action: 'download', entity: 'backups', detail: { name, size: info.size } });
  return { stream: createReadStream(file), size: info.size };
}
