import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BackupMaker } from '@relate/common';
import { z } from 'zod';

/**
 * A backup is one .tar.gz: `manifest.json` first (so it can be read without unpacking the rest), then
 * `database/` (the SQLite snapshot or the pg_dump archive) and `data/` (everything of DATA_DIR but the
 * live database and the backups themselves: uploaded files, the generated session secret …).
 */
export const manifestName = 'manifest.json';
export const databaseFile = { sqlite: 'database/relate.sqlite', postgres: 'database/relate.pgdump' } as const;
export const dataFolder = 'data';

const ManifestFile = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const Manifest = z.object({
  format: z.literal(1),
  product: z.literal('relate'),
  version: z.string(),
  createdAt: z.string(),
  madeBy: BackupMaker,
  dialect: z.enum(['sqlite', 'postgres']),
  /** The newest migration applied to the database when it was copied. */
  schemaMigration: z.string().nullable(),
  /** Every migration applied, so a restore can refuse one this code does not know. */
  migrations: z.array(z.string()),
  /** Rows per table at the moment of the copy. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  /** SHA-256 of every file in the archive but this manifest, and of that list as a whole. */
  files: z.array(ManifestFile),
  contentsSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Manifest = z.infer<typeof Manifest>;
export type ManifestFile = z.infer<typeof ManifestFile>;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** One hash over the list of files and their hashes, in path order. */
export function contentsHash(files: ManifestFile[]): string {
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.size}  ${f.path}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/** Regular files under `root`, as paths relative to it with forward slashes; `skip` sees each relative path. */
export async function listFiles(root: string, skip: (relative: string) => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string) => {
    let entries;
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (skip(child)) continue;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  await walk('');
  return found.sort();
}

export async function describeFiles(root: string, relatives: string[]): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const relative of relatives) {
    const file = path.join(root, relative);
    files.push({ path: relative, size: (await lstat(file)).size, sha256: await sha256File(file) });
  }
  return files;
}

/** Writes the manifest into `staging` and packs it, then everything else there, into `out`. */
export async function packArchive(
  staging: string,
  manifest: Omit<Manifest, 'files' | 'contentsSha256'>,
  out: string,
): Promise<Manifest> {
  const contents = await listFiles(staging, (relative) => relative === manifestName);
  const files = await describeFiles(staging, contents);
  const complete: Manifest = { ...manifest, files, contentsSha256: contentsHash(files) };
  await writeFile(path.join(staging, manifestName), JSON.stringify(complete, null, 2));
  const tar = await import('tar');
  await tar.c({ gzip: true, file: out, cwd: staging, portable: true }, [manifestName, ...contents]);
  return complete;
}

/** Reads only the manifest at the head of an archive; refuses a file that is not a Relate backup. */
export async function readManifest(archive: string): Promise<Manifest> {
  // tar is loaded when a backup is made or read, not when the server starts.
  const tar = await import('tar');
  return new Promise((resolve, reject) => {
    const input = createReadStream(archive);
    let settled = false;
    const finish = (error: Error | null, manifest?: Manifest) => {
      if (settled) return;
      settled = true;
      input.destroy();
      if (error) reject(error);
      else resolve(manifest!);
    };
    const notBackup = (why: string) => new BackupError(`${archive} is not a Relate backup (${why}).`);
    const parser = new tar.Parser({
      onReadEntry: (entry) => {
        if (entry.path !== manifestName) {
          finish(notBackup(`it does not start with ${manifestName}`));
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          try {
            const parsed = Manifest.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            if (parsed.success) finish(null, parsed.data);
            else
              finish(
                notBackup(
                  `its manifest does not read: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`,
                ),
              );
          } catch {
            finish(notBackup('its manifest is not JSON'));
          }
        });
      },
    });
    parser.on('error', (error: Error) => finish(notBackup(error.message)));
    parser.on('end', () => finish(notBackup('it holds no manifest')));
    input.on('error', (error) => finish(error));
    input.pipe(parser);
  });
}

/**
 * Unpacks an archive into the empty folder `into` and checks every file against the manifest: each one
 * listed, none missing, same size and SHA-256. Only plain files and folders are unpacked.
 */
export async function unpackVerified(archive: string, into: string, manifest: Manifest): Promise<void> {
  const refused: string[] = [];
  const tar = await import('tar');
  try {
    await tar.x({
      file: archive,
      cwd: into,
      strict: true,
      filter: (entryPath, entry) => {
        const type = 'type' in entry ? entry.type : entry.isDirectory() ? 'Directory' : 'File';
        const plain = type === 'File' || type === 'OldFile' || type === 'ContiguousFile' || type === 'Directory';
        if (!plain) refused.push(entryPath);
        return plain;
      },
    });
  } catch (error) {
    throw new BackupError(`The archive is damaged and cannot be unpacked: ${(error as Error).message}`);
  }
  if (refused.length)
    throw new BackupError(
      `The archive holds entries that are not plain files (${refused.slice(0, 3).join(', ')}); it was not made by Relate.`,
    );
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const unpacked = await listFiles(into, (relative) => relative === manifestName);
  const unlisted = unpacked.filter((relative) => !listed.has(relative));
  if (unlisted.length)
    throw new BackupError(
      `The archive holds files its manifest does not list (${unlisted.slice(0, 3).join(', ')}): it has been changed.`,
    );
  const missing = manifest.files.filter((f) => !unpacked.includes(f.path));
  if (missing.length)
    throw new BackupError(
      `Files listed in the manifest are missing from the archive (${missing
        .slice(0, 3)
        .map((f) => f.path)
        .join(', ')}).`,
    );
  for (const actual of await describeFiles(into, unpacked)) {
    const expected = listed.get(actual.path)!;
    if (actual.size !== expected.size || actual.sha256 !== expected.sha256) {
      throw new BackupError(
        `Checksum mismatch for ${actual.path}: the archive has been changed or damaged since it was made.`,
      );
    }
  }
  if (contentsHash(manifest.files) !== manifest.contentsSha256)
    throw new BackupError(
      'The checksum of the archive contents does not match its manifest: the archive has been changed.',
    );
}
