import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { ReplicaStatus } from '../db/replica-health.ts';

/**
 * Says in the log where heavy reads go: at start-up (a replica URL on SQLite is ignored, in one line), and
 * whenever the replica becomes unreachable, falls behind the limit or is back in use.
 */
export function watchReplica(app: FastifyInstance, config: Config, database: Database): void {
  const url = config.replica.url;
  if (url && database.dialect === 'sqlite') {
    app.log.warn('DATABASE_REPLICA_URL is ignored: SQLite has no replicas, every read goes to the database file');
    return;
  }
  const replica = database.replica;
  if (!url || !replica) return;
  const where = { replica: new URL(url).host, maxLagSeconds: config.replica.maxLagMs / 1000 };
  const say = (status: ReplicaStatus, previous?: ReplicaStatus) => {
    if (status.standby === false && previous?.standby !== false)
      app.log.warn(where, 'DATABASE_REPLICA_URL names a server that is not a standby: it is read as if never behind');
    const facts = { ...where, lagSeconds: status.lagSeconds, error: status.error };
    if (status.state === 'current') app.log.info(facts, 'read replica in use for lists, search, reports and exports');
    else if (status.state === 'lagging')
      app.log.warn(facts, 'read replica behind the limit: its reads go to the primary');
    else if (status.state === 'unreachable')
      app.log.warn(facts, 'read replica unreachable: its reads go to the primary');
  };
  const stop = replica.onChange((status, previous) => {
    if (previous.state !== 'unknown') say(status, previous);
  });
  app.addHook('onReady', async () => say(await replica.check()));
  app.addHook('onClose', async () => void stop());
}
