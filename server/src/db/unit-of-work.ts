import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';

/**
 * One unit of work — a request or a job run — holds at most one database connection while its
 * transaction is open. A query that asks for a second one (a `ctx.db` call inside `transaction()`)
 * would wait for ever on SQLite's only connection, and take a second pool connection on PostgreSQL;
 * the guarded driver refuses it at once instead, so the mistake fails loudly where it is made.
 */
const currentUnit = new AsyncLocalStorage<object>();

export class SecondHandleError extends Error {
  constructor() {
    super(
      'A query asked for a second database connection while its own transaction was open: run it on the transaction (trx), not on ctx.db',
    );
    this.name = 'SecondHandleError';
  }
}

/** The unit of work the caller runs in (a request, a job run), if any. */
export function currentUnitOfWork(): object | undefined {
  return currentUnit.getStore();
}

/** Runs `work` as one unit of work (a job run, a CLI command); requests get theirs from the app. */
export function runAsUnitOfWork<T>(work: () => T, unit: object = {}): T {
  return currentUnit.run(unit, work);
}

/** Wraps a dialect so that its driver refuses a second connection to a unit of work inside a transaction. */
export function guardedDialect(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new GuardedDriver(inner.createDriver()),
  };
}

class GuardedDriver implements Driver {
  readonly #inner: Driver;
  readonly #inTransaction = new Map<DatabaseConnection, object>();

  constructor(inner: Driver) {
    this.#inner = inner;
    if (inner.savepoint) this.savepoint = inner.savepoint.bind(inner);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = inner.rollbackToSavepoint.bind(inner);
    if (inner.releaseSavepoint) this.releaseSavepoint = inner.releaseSavepoint.bind(inner);
  }

  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const unit = currentUnit.getStore();
    if (unit) for (const holder of this.#inTransaction.values()) if (holder === unit) throw new SecondHandleError();
    return this.#inner.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.#inner.beginTransaction(connection, settings);
    const unit = currentUnit.getStore();
    if (unit) this.#inTransaction.set(connection, unit);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.#inTransaction.delete(connection);
    await this.#inner.commitTransaction(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#inTransaction.delete(connection);
    await this.#inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#inTransaction.delete(connection);
    return this.#inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}
