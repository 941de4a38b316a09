import type pg from 'pg';

/**
 * `current`: the replica may answer reads; `lagging`: it is further behind than the limit; `unreachable`:
 * it did not answer (or a query on it failed for want of a connection); `unknown`: not asked yet.
 */
export type ReplicaState = 'unknown' | 'current' | 'lagging' | 'unreachable';

export type ReplicaStatus = {
  state: ReplicaState;
  /** Seconds the replica was behind the primary when measured; null when it could not be asked. */
  lagSeconds: number | null;
  /** False when the server asked is not a standby (then it counts as never behind). */
  standby: boolean | null;
  /** When the measurement began (ms since the epoch). */
  measuredAt: number;
  error?: string;
};

export type ReplicaHealthOptions = {
  /** Further behind than this, the replica answers nothing (REPLICA_MAX_LAG_SECONDS). */
  maxLagMs: number;
};

export type ReplicaStatusListener = (status: ReplicaStatus, previous: ReplicaStatus) => void;

/** A measurement older than this starts the next one (reads meanwhile go by the last). */
export const replicaCheckEveryMs = 1_000;
/**
 * A measurement older than this is not believed (a check that hangs): reads go to the primary. So a read
 * the replica answers is at most the lag limit plus this behind — what the read-your-writes window covers.
 */
export const replicaTrustForMs = 2_000;
const checkTimeoutMs = 2_000;

// Caught up: everything received is replayed and the stream is live. Otherwise the time since the last
// transaction replayed — which also grows while the primary is idle, hence the caught-up case first.
const lagQuery = `
  select pg_is_in_recovery() as standby,
    coalesce(pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(), false)
      and exists (select 1 from pg_stat_wal_receiver where status = 'streaming') as caught_up,
    extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as behind`;

type LagRow = { standby: boolean; caught_up: boolean; behind: number | null };

/**
 * How far the read replica is behind, measured on the replica itself at most once a second and only
 * while reads ask (no timer), so a quiet server asks nothing.
 */
export class ReplicaHealth {
  readonly #pool: pg.Pool;
  readonly #options: ReplicaHealthOptions;
  #status: ReplicaStatus = { state: 'unknown', lagSeconds: null, standby: null, measuredAt: 0 };
  #checking: Promise<ReplicaStatus> | null = null;
  readonly #listeners = new Set<ReplicaStatusListener>();

  constructor(pool: pg.Pool, options: ReplicaHealthOptions) {
    this.#pool = pool;
    this.#options = options;
  }

  /** Calls `listener` whenever the state changes (for the log); returns the way to stop. */
  onChange(listener: ReplicaStatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  status(): ReplicaStatus {
    return this.#status;
  }

  /** Whether the replica may answer a read now; starts a new measurement when the last one is a second old. */
  usable(): boolean {
    const age = Date.now() - this.#status.measuredAt;
    if (age >= replicaCheckEveryMs && !this.#checking) void this.check();
    return this.#status.state === 'current' && age < replicaTrustForMs;
  }

  /** Measures the lag now (or joins the measurement under way). */
  check(): Promise<ReplicaStatus> {
    this.#checking ??= this.#measure().finally(() => (this.#checking = null));
    return this.#checking;
  }

  /** A query on the replica failed for want of a connection: no reads go there until the next measurement says otherwise. */
  markUnreachable(error: unknown): void {
    this.#set({
      state: 'unreachable',
      lagSeconds: null,
      standby: null,
      measuredAt: Date.now(),
      error: messageOf(error),
    });
  }

  async #measure(): Promise<ReplicaStatus> {
    const measuredAt = Date.now();
    try {
      const row = await this.#askLag();
      const lagSeconds = !row.standby || row.caught_up ? 0 : (row.behind ?? Number.POSITIVE_INFINITY);
      const state = lagSeconds * 1000 <= this.#options.maxLagMs ? 'current' : 'lagging';
      this.#set({ state, lagSeconds, standby: row.standby, measuredAt });
    } catch (error) {
      this.#set({ state: 'unreachable', lagSeconds: null, standby: null, measuredAt, error: messageOf(error) });
    }
    return this.#status;
  }

  async #askLag(): Promise<LagRow> {
    const client = await this.#pool.connect();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
      });
      const { rows } = await Promise.race([client.query<LagRow>(lagQuery), timeout]);
      client.release();
      return rows[0];
    } catch (error) {
      // A connection that failed or hangs is closed, not handed back to the pool.
      client.release(error as Error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  #set(status: ReplicaStatus): void {
    const previous = this.#status;
    // A measurement begun before a failure was noted does not undo it.
    if (status.measuredAt < previous.measuredAt) return;
    this.#status = status;
    if (status.state === previous.state && status.standby === previous.standby) return;
    for (const listener of this.#listeners) listener(status, previous);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
