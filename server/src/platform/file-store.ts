import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../db/time.ts';
import { AppError } from './errors.ts';

/**
 * Where uploaded files live, by storage key (`2026-12/<random>`). `directory`: DATA_DIR/files, the
 * default (one SQLite server, or one instance). `database`: the `stored_files` table, readable by every
 * instance on the database, for files up to FILE_STORE_DATABASE_MAX_MB. The S3-compatible bucket is a
 * third store still to come, behind this same interface.
 */
export type FileStore = {
  kind: 'directory' | 'database';
  put: (key: string, content: Buffer) => Promise<void>;
  /** The file's bytes as a stream (an error on the stream when there is no such file). */
  open: (key: string) => Readable;
  has: (key: string) => Promise<boolean>;
  remove: (key: string) => Promise<void>;
};

export type FileStoreKind = FileStore['kind'];

export const filesFolder = (dataDir: string) => path.join(dataDir, 'files');

export function directoryStore(dataDir: string): FileStore {
  const fileOf = (key: string) => path.join(filesFolder(dataDir), key);
  return {
    kind: 'directory',
    put: async (key, content) => {
      await mkdir(path.dirname(fileOf(key)), { recursive: true });
      await writeFile(fileOf(key), content);
    },
    open: (key) => createReadStream(fileOf(key)),
    has: async (key) => existsSync(fileOf(key)),
    remove: (key) => rm(fileOf(key), { force: true }),
  };
}

/**
 * Files in the database. A file not there yet but still in the data folder (written before the store
 * was changed, and not yet moved by `npm run files:move -w server`) is read from the folder.
 */
export function databaseStore(db: Kysely<DB>, maxBytes: number, dataDir: string): FileStore {
  const folder = directoryStore(dataDir);
  return {
    kind: 'database',
    put: async (key, content) => {
      if (content.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
      await db
        .insertInto('storedFiles')
        .values({ storageKey: key, content, size: content.length, createdAt: nowIso() })
        .onConflict((oc) => oc.column('storageKey').doUpdateSet({ content, size: content.length }))
        .execute();
    },
    open: (key) =>
      Readable.from(
        (async function* () {
          const row = await db
            .selectFrom('storedFiles')
            .select('content')
            .where('storageKey', '=', key)
            .executeTakeFirst();
          if (row) yield Buffer.from(row.content);
          else if (await folder.has(key)) yield* folder.open(key);
          else throw Object.assign(new Error(`no stored file ${key}`), { code: 'ENOENT' });
        })(),
      ),
    has: async (key) =>
      Boolean(await db.selectFrom('storedFiles').select('size').where('storageKey', '=', key).executeTakeFirst()),
    remove: async (key) => {
      await db.deleteFrom('storedFiles').where('storageKey', '=', key).execute();
      await folder.remove(key);
    },
  };
}

/** The store the configuration names, on the given handle. */
export function fileStoreOf(ctx: { db: Kysely<DB>; config: Pick<Config, 'dataDir' | 'fileStore'> }): FileStore {
  const { fileStore, dataDir } = ctx.config;
  return fileStore.kind === 'database'
    ? databaseStore(ctx.db, fileStore.databaseMaxMb * 1024 * 1024, dataDir)
    : directoryStore(dataDir);
}

export type MoveReport = { moved: number; skipped: number; removed: number };

/**
 * Copies every file under DATA_DIR/files into `target` (the configured shared store), skipping those it
 * holds already, so that a run that stopped half-way is simply run again. With `remove`, each file is
 * deleted from the folder once the store holds it.
 */
export async function moveFilesToStore(
  dataDir: string,
  target: FileStore,
  options: { remove?: boolean; onFile?: (key: string, moved: boolean) => void } = {},
): Promise<MoveReport> {
  const report: MoveReport = { moved: 0, skipped: 0, removed: 0 };
  if (target.kind === 'directory') return report;
  const root = filesFolder(dataDir);
  if (!existsSync(root)) return report;
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const keys = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  for (const key of keys) {
    const moved = !(await target.has(key));
    if (moved) {
      await target.put(key, await readFile(path.join(root, key)));
      report.moved++;
    } else report.skipped++;
    if (options.remove) {
      await rm(path.join(root, key), { force: true });
      report.removed++;
    }
    options.onFile?.(key, moved);
  }
  return report;
}
