import type SQLite from 'better-sqlite3';
import { startTsWorker } from '../../platform/ts-worker.ts';

export type DatabaseFacts = { tables: Record<string, number>; migrations: string[] };

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows per table and the applied migrations of an open SQLite database. */
export function describeSqlite(db: SQLite.Database): DatabaseFacts {
  const names = db
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`,
    )
    .pluck()
    .all() as string[];
  const tables: Record<string, number> = {};
  for (const name of names)
    tables[name] = db
      .prepare(`select count(*) from ${quote(name)}`)
      .pluck()
      .get() as number;
  const migrations = names.includes('kysely_migration')
    ? (db.prepare('select name from kysely_migration order by name').pluck().all() as string[])
    : [];
  return { tables, migrations };
}

/** A consistent copy of the SQLite file `source` at `target`, taken while the server runs (see the worker). */
export function snapshotSqlite(source: string, target: string): Promise<DatabaseFacts> {
  return new Promise((resolve, reject) => {
    const worker = startTsWorker(new URL('./sqlite-snapshot.worker.ts', import.meta.url), {
      workerData: { source, target },
    });
    let facts: DatabaseFacts | undefined;
    worker.on('message', (message: DatabaseFacts) => {
      facts = message;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (facts) resolve(facts);
      else reject(new Error(`The SQLite backup thread stopped (exit code ${code}) without a copy.`));
    });
  });
}
