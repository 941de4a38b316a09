import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { loadDemoData } from './db/demo.ts';
import { migrateToLatest } from './db/migrator.ts';
import { seedEssentials } from './db/seed.ts';
import { runAsUnitOfWork } from './db/unit-of-work.ts';
import { BackupError, createBackup, restoreBackup } from './modules/backup/index.ts';
import { AppError } from './platform/errors.ts';
import { fileStoreOf, moveFilesToStore } from './platform/file-store.ts';
import { translate } from './platform/messages.ts';

const usage = `Usage: relate <command>
  migrate     apply pending database migrations
  seed-demo   load the bilingual demo dataset (once)
  create-admin  create the administrator if no user exists (password from RELATE_ADMIN_PASSWORD or generated)
  backup [--out FILE]  write a backup (database, uploaded files, secrets) to FILE or DATA_DIR/backups while the server runs
  restore FILE  restore a backup into an empty data directory and an empty database, then migrate
  move-files [--remove]  copy the uploaded files of DATA_DIR/files into FILE_STORE (database); run again to resume;
              --remove deletes each file from the folder once the store holds it`;

const formatSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function run(command: string | undefined, args: string[]) {
  const config = loadConfig();
  if (command === 'restore') {
    const { positionals } = parseArgs({ args, allowPositionals: true });
    if (positionals.length !== 1) throw new BackupError('Usage: relate restore FILE');
    const { manifest, migrated } = await restoreBackup(positionals[0], config);
    const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0);
    console.log(
      `Restored the backup of ${manifest.createdAt} (Relate ${manifest.version}, ${manifest.dialect}): ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.files.length - 1} files.`,
    );
    console.log(migrated.length ? `Migrated: ${migrated.join(', ')}` : 'The schema was already up to date.');
    return;
  }
  const database = openDatabase(config.databaseUrl, { sqliteMmapMb: config.sqliteMmapMb });
  try {
    if (command === 'migrate') {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } else if (command === 'seed-demo') {
      await migrateToLatest(database.db);
      await seedEssentials(database.db, config.adminPassword);
      console.log(
        (await loadDemoData(database.db, database.dialect)) ? 'Demo data loaded.' : 'Demo data was already loaded.',
      );
    } else if (command === 'create-admin') {
      await migrateToLatest(database.db);
      const result = await seedEssentials(database.db, config.adminPassword);
      console.log(
        result.adminCreated
          ? `Administrator "admin" created${result.generatedPassword ? ` with password ${result.generatedPassword}` : ''}.`
          : 'Users exist already; nothing created.',
      );
    } else if (command === 'move-files') {
      const { values } = parseArgs({ args, options: { remove: { type: 'boolean' } } });
      const store = fileStoreOf({ db: database.db, config });
      if (store.kind === 'directory')
        throw new ConfigError('FILE_STORE is directory: set FILE_STORE=database to move the files into the database.');
      const report = await runAsUnitOfWork(() =>
        moveFilesToStore(config.dataDir, store, { remove: values.remove ?? false }),
      );
      console.log(
        `Moved ${report.moved} files into the ${store.kind} store; ${report.skipped} were there already${values.remove ? `; ${report.removed} removed from ${config.dataDir}` : ''}.`,
      );
    } else if (command === 'backup') {
      const { values } = parseArgs({ args, options: { out: { type: 'string', short: 'o' } } });
      const ctx = { db: database.db, dialect: database.dialect, config };
      const backup = await runAsUnitOfWork(() =>
        createBackup(ctx, { kind: 'cli', userId: null, username: null }, { out: values.out }),
      );
      console.log(
        `Backup written: ${backup.file} (${formatSize(backup.size)}, schema ${backup.manifest.schemaMigration ?? 'empty'})`,
      );
    } else {
      console.log(usage);
      process.exitCode = command ? 1 : 0;
    }
  } finally {
    await database.close();
  }
}

run(process.argv[2], process.argv.slice(3)).catch((error) => {
  if (error instanceof ConfigError || error instanceof BackupError || String(error?.code).startsWith('ERR_PARSE_ARGS'))
    console.error(error.message);
  else if (error instanceof AppError) console.error(translate('en', error.messageKey, error.params));
  else console.error(error);
  process.exit(1);
});
