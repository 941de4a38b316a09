import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { seedEssentials } from './db/seed.ts';
import { jobGiveUps, jobHandlers, recurringJobs } from './jobs.ts';
import { failAbandonedImports, warmSheetReaders } from './modules/imports/index.ts';
import { sealKeptMailPassword } from './modules/mail/index.ts';
import { purgeExpired } from './modules/recycle-bin/index.ts';
import type { AppContext } from './platform/context.ts';
import { MailboxWatcher } from './modules/mailboxes/index.ts';
import { instanceId, reclaimStaleJobs, releaseClaimedJobs, startJobRunner } from './platform/jobs.ts';
import { markStopping } from './platform/lifecycle.ts';

/** How long requests in flight (and a job run under way) are given to finish when the server is told to stop. */
const shutdownGraceMs = 10_000;

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const database = openDatabase(config.databaseUrl, {
    sqliteMmapMb: config.sqliteMmapMb,
    replicaUrl: config.replica.url,
    replicaMaxLagMs: config.replica.maxLagMs,
  });
  await migrateToLatest(database.db);
  const seed = await seedEssentials(database.db, config.adminPassword);
  await sealKeptMailPassword(database.db, config.sessionSecret);
  if (seed.generatedPassword) {
    console.log(
      `\n  Relate: administrator created — username: admin  password: ${seed.generatedPassword}\n  (shown once; change it after signing in)\n`,
    );
  }
  if (config.demo) {
    const { loadDemoData } = await import('./db/demo.ts');
    if (await loadDemoData(database.db, database.dialect)) {
      console.log('  Relate: demo data loaded — users manager, rep1, rep2, rep3, service, viewer (password Demo12345)');
    }
  }
  await database.optimize(true);
  const ctx: AppContext = { db: database.db, dialect: database.dialect, config };
  // Imports and job runs left running by a server that stopped: on SQLite this process is the database's
  // only user, so all of them; on PostgreSQL those whose instance has not refreshed its lock in time
  // (another instance may be alive and at work on the rest).
  const abandonedAfterMs = database.dialect === 'sqlite' ? 0 : config.workLockTimeoutMs;
  const failedImports = await failAbandonedImports(ctx, abandonedAfterMs);
  const reclaimedJobs = await reclaimStaleJobs(ctx, instanceId, abandonedAfterMs, new Date(), undefined, jobGiveUps);
  const app = await buildApp({ config, database });
  if (failedImports || reclaimedJobs)
    app.log.warn(
      { failedImports, reclaimedJobs },
      'work left running by a stopped server was failed or put back to run again',
    );
  const hourly = async () => {
    await purgeExpired(ctx);
    await database.optimize();
  };
  const purgeTimer = setInterval(
    () => void hourly().catch((err) => app.log.error({ err }, 'hourly maintenance failed')),
    3_600_000,
  );
  purgeTimer.unref();
  const stopJobs = startJobRunner(
    ctx,
    jobHandlers,
    recurringJobs,
    (err) => app.log.error({ err }, 'background job failed'),
    { givenUp: jobGiveUps },
  );
  // New mail read as it arrives where the IMAP server offers IDLE (the five-minute poll still runs for all).
  const watcher = new MailboxWatcher(ctx, {
    onError: (mailboxId, err) => app.log.warn({ err, mailboxId }, 'mailbox IDLE connection failed'),
  });
  watcher.start();

  // Stopping (SIGTERM from a supervisor, or a rolling update): /api/ready answers 503 at once, the server
  // takes no new connections, requests in flight get up to 10 s to finish, and the jobs this instance
  // claimed are handed back for another instance to run.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    markStopping(ctx.db);
    clearInterval(purgeTimer);
    const jobsStopped = stopJobs(shutdownGraceMs);
    const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), shutdownGraceMs).unref());
    const closed = await Promise.race([
      Promise.all([watcher.stop(), app.close()]).then(() => 'closed' as const),
      deadline,
    ]);
    if (closed === 'late') app.log.warn('requests still in flight after 10 s were cut off');
    await jobsStopped;
    const released = await releaseClaimedJobs(ctx, instanceId).catch(() => 0);
    if (released) app.log.info({ released }, 'claimed jobs handed back');
    await database.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  warmSheetReaders();
  app.log.info(`Relate is running on http://localhost:${config.port} (${database.dialect})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
