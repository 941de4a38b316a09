import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { loadDemoData } from './db/demo.ts';
import { migrateToLatest } from './db/migrator.ts';
import { seedEssentials } from './db/seed.ts';

const usage = `Usage: relate <command>
  migrate     apply pending database migrations
  seed-demo   load the bilingual demo dataset (once)
  create-admin  create the administrator if no user exists (password from RELATE_ADMIN_PASSWORD or generated)`;

async function run(command: string | undefined) {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    if (command === 'migrate') {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } else if (command === 'seed-demo') {
      await migrateToLatest(database.db);
      await seedEssentials(database.db, config.adminPassword);
      console.log((await loadDemoData(database.db, database.dialect)) ? 'Demo data loaded.' : 'Demo data was already loaded.');
    } else if (command === 'create-admin') {
      await migrateToLatest(database.db);
      const result = await seedEssentials(database.db, config.adminPassword);
      console.log(result.adminCreated ? `Administrator "admin" created${result.generatedPassword ? ` with password ${result.generatedPassword}` : ''}.` : 'Users exist already; nothing created.');
    } else {
      console.log(usage);
      process.exitCode = command ? 1 : 0;
    }
  } finally {
    await database.close();
  }
}

run(process.argv[2]).catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
