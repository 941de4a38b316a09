import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { describeSqlite } from './sqlite-snapshot.ts';

/**
 * Copies a live SQLite database with SQLite's online backup: after the first (empty) step the whole
 * file is copied in one step, that is inside one read transaction, so the copy is one committed state
 * whatever the server writes meanwhile (WAL lets it go on writing). Runs in its own thread on its own
 * connection so the server keeps answering while pages are copied.
 */
const { source, target } = workerData as { source: string; target: string };

const live = new SQLite(source, { fileMustExist: true });
try {
  live.pragma('busy_timeout = 10000');
  await live.backup(target, { progress: () => 0x7fffffff });
} finally {
  live.close();
}
const copy = new SQLite(target);
try {
  // The copy keeps the live file's WAL flag; a self-contained file needs no -wal or -shm beside it.
  copy.pragma('journal_mode = DELETE');
  parentPort!.postMessage(describeSqlite(copy));
} finally {
  copy.close();
}
