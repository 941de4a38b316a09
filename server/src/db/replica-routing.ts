import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import type { ReplicaHealth } from './replica-health.ts';
import { leaveReplica, noteWrite, replicaMayAnswer } from './replica-reads.ts';
import { changesData, isPlainRead } from './statement-kinds.ts';

/**
 * One PostgreSQL handle over a primary and its read replica. Each statement goes to the primary unless
 * all of these hold, in which case the replica answers it:
 * - it is a plain read (a select that neither writes nor locks, statement-kinds.ts),
 * - it runs outside a transaction (a transaction, its reads included, is the primary's from its start),
 * - its unit of work is a heavy read whose user has not just written (replica-reads.ts),
 * - the replica answers and is no further behind than the limit (replica-health.ts), as known at the
 *   unit's first read: a request reads one server, not a count from one and its page from the other.
 * A statement the replica fails for want of a connection (or cancels, being a standby) runs again on
 * the primary; the caller sees only the answer.
 */
export function replicaRoutingDialect(primary: Dialect, replica: Dialect, health: ReplicaHealth): Dialect {
  return {
    createAdapter: () => primary.createAdapter(),
    createQueryCompiler: () => primary.createQueryCompiler(),
    createIntrospector: (db) => primary.createIntrospector(db),
    createDriver: () => new ReplicaRoutingDriver(primary.createDriver(), replica.createDriver(), health),
  };
}

type Target = 'primary' | 'replica';
type Bound = { target: Target; connection: DatabaseConnection };

class ReplicaRoutingDriver implements Driver {
  constructor(
    readonly primary: Driver,
    readonly replica: Driver,
    readonly health: ReplicaHealth,
  ) {}

  async init(): Promise<void> {
    await Promise.all([this.primary.init(), this.replica.init()]);
  }

  // Which server a connection is taken from is known only at its first statement.
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const routed = connection as RoutedConnection;
    await this.primary.beginTransaction(await routed.beginOnPrimary(), settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    await this.primary.commitTransaction(await routed.onPrimary());
    routed.endTransaction(true);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    try {
      await this.primary.rollbackTransaction(await routed.onPrimary());
    } finally {
      routed.endTransaction(false);
    }
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.primary.savepoint!(await (connection as RoutedConnection).onPrimary(), name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.primary.rollbackToSavepoint!(await (connection as RoutedConnection).onPrimary(), name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.primary.releaseSavepoint!(await (connection as RoutedConnection).onPrimary(), name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).release();
  }

  async destroy(): Promise<void> {
    await Promise.all([this.primary.destroy(), this.replica.destroy()]);
  }
}

class RoutedConnection implements DatabaseConnection {
  readonly #driver: ReplicaRoutingDriver;
  #bound: Bound | null = null;
  #inTransaction = false;
  #wroteInTransaction = false;

  constructor(driver: ReplicaRoutingDriver) {
    this.#driver = driver;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const bound = this.#bound ?? (await this.#bind(this.#targetOf(query)));
    if (bound.target === 'replica') {
      try {
        return await bound.connection.executeQuery<R>(query);
      } catch (error) {
        const failure = replicaFailure(error);
        if (!failure) throw error;
        if (failure === 'connection') this.#driver.health.markUnreachable(error);
        leaveReplica();
        await this.release();
        return (await this.#bind('primary')).connection.executeQuery<R>(query);
      }
    }
    const result = await bound.connection.executeQuery<R>(query);
    if (changesData(query)) {
      if (this.#inTransaction) this.#wroteInTransaction = true;
      else noteWrite();
    }
    return result;
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    const bound = this.#bound ?? (await this.#bind(this.#targetOf(query)));
    yield* bound.connection.streamQuery<R>(query, chunkSize);
  }

  /** The primary's connection for a transaction about to begin (a connection that read from the replica is given back first). */
  async beginOnPrimary(): Promise<DatabaseConnection> {
    if (this.#bound?.target === 'replica') await this.release();
    this.#inTransaction = true;
    this.#wroteInTransaction = false;
    return this.onPrimary();
  }

  async onPrimary(): Promise<DatabaseConnection> {
    const bound = this.#bound ?? (await this.#bind('primary'));
    return bound.connection;
  }

  endTransaction(committed: boolean): void {
    if (committed && this.#wroteInTransaction) noteWrite();
    this.#inTransaction = false;
    this.#wroteInTransaction = false;
  }

  async release(): Promise<void> {
    const bound = this.#bound;
    if (!bound) return;
    this.#bound = null;
    await this.#driverOf(bound.target).releaseConnection(bound.connection);
  }

  #targetOf(query: CompiledQuery): Target {
    const { health } = this.#driver;
    const replica = !this.#inTransaction && isPlainRead(query) && replicaMayAnswer(() => health.usable());
    return replica ? 'replica' : 'primary';
  }

  async #bind(target: Target): Promise<Bound> {
    if (target === 'replica') {
      try {
        this.#bound = { target, connection: await this.#driver.replica.acquireConnection() };
        return this.#bound;
      } catch (error) {
        if (replicaFailure(error) === 'connection') this.#driver.health.markUnreachable(error);
        leaveReplica();
      }
    }
    this.#bound = { target: 'primary', connection: await this.#driver.primary.acquireConnection() };
    return this.#bound;
  }

  #driverOf(target: Target): Driver {
    return target === 'replica' ? this.#driver.replica : this.#driver.primary;
  }
}

const sqlState = /^[0-9A-Z]{5}$/;
const lostConnection = /connect|terminated|closed|timeout|not queryable|ended/i;

/**
 * Why a statement failed on the replica, when running it on the primary instead may succeed:
 * `connection` — the replica cannot be reached or went away (no more reads go there until it answers
 * again); `query` — this statement was refused there (a standby cancels a query that conflicts with
 * replay, refuses a write, or is out of connections). Null: the statement itself is at fault.
 */
export function replicaFailure(error: unknown): 'connection' | 'query' | null {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && sqlState.test(code)) {
    if (code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)) return 'connection';
    if (['53', '57', '58'].includes(code.slice(0, 2)) || code === '40001' || code === '25006') return 'query';
    return null;
  }
  if (typeof message === 'string' && /timeout exceeded when trying to connect/i.test(message)) return 'query';
  if (typeof code === 'string' && code.startsWith('E')) return 'connection';
  return typeof message === 'string' && lostConnection.test(message) ? 'connection' : null;
}
