import SQLite from 'better-sqlite3';
import { bigramSequence, normalizeSearchText, searchTokenText } from '../platform/search-text.ts';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type pg from 'pg';
import { lazyPackage } from '../platform/lazy-package.ts';
import type { DB } from './schema.ts';
import { guardedDialect } from './unit-of-work.ts';
import { periodOf } from './periods.ts';
import { PlanHints } from './plan-hints.ts';
import { ReplicaHealth } from './replica-health.ts';
import { replicaRoutingDialect } from './replica-routing.ts';

export type Dialect = 'sqlite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  dialect: Dialect;
  close: () => Promise<void>;
  /** Refreshes the query planner's statistics where the database needs that done. */
  optimize: (firstRun?: boolean) => Promise<void>;
  /** PostgreSQL with DATABASE_REPLICA_URL: how far the read replica is behind, as last measured. */
  replica?: ReplicaHealth;
};

const loadPostgresDriver = lazyPackage<typeof pg>('pg');
let typeParsersSet = false;

/** The PostgreSQL driver, loaded when first asked for (a SQLite server never loads it), its type parsers set. */
export function postgresDriver(): typeof pg {
  const driver = loadPostgresDriver();
  if (!typeParsersSet) {
    setTypeParsers(driver);
    typeParsersSet = true;
  }
  return driver;
}

// Timestamps and dates come back as ISO strings on both dialects, counts as numbers.
function setTypeParsers(driver: typeof pg) {
  const { types } = driver;
  types.setTypeParser(types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());
  types.setTypeParser(types.builtins.TIMESTAMP, (value) => new Date(`${value}Z`).toISOString());
  types.setTypeParser(types.builtins.DATE, (value) => value);
  types.setTypeParser(types.builtins.INT8, (value) => Number(value));
  // JSON columns come back as their text, as SQLite's do, and readJson parses them: parsed by the driver, a
  // stored JSON string ("Asia/Shanghai") could not be told from text that still needs parsing.
  types.setTypeParser(types.builtins.JSONB, (value) => value);
  types.setTypeParser(types.builtins.JSON, (value) => value);
}

/**
 * Keeps the most recently used prepared statements: the same SQL comes back constantly (every list,
 * every chunk of an import) and preparing it again can cost more than running it. A statement still
 * being iterated is not handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database, size = 200): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      const cached = cache.get(source);
      if (cached && !cached.busy) {
        cache.delete(source);
        cache.set(source, cached);
        return cached;
      }
      const statement = sqlite.prepare(source);
      cache.set(source, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

export type PoolOptions = {
  /** PostgreSQL connections per server instance. Tests use one, so a second handle inside a transaction fails at once. */
  poolSize?: number;
  /** How long a query waits for a free PostgreSQL connection before it fails. */
  acquireTimeoutMs?: number;
  /** How much of a SQLite file is read through memory mapping, in MB (SQLITE_MMAP_MB; 0 reads it all through SQLite's cache). */
  sqliteMmapMb?: number;
  /** A streaming replica of the PostgreSQL database (DATABASE_REPLICA_URL) for heavy reads; SQLite has none. */
  replicaUrl?: string;
  /** Further behind than this (ms), the replica answers nothing (REPLICA_MAX_LAG_SECONDS). */
  replicaMaxLagMs?: number;
};

/** How long a read waits for a connection to the replica before the primary answers it instead. */
const replicaConnectTimeoutMs = 2_000;

/** SQLite's own ceiling on memory mapping: 2 GiB less 64 KiB. */
export const maxSqliteMmapMb = 2047;
/**
 * The default of SQLITE_MMAP_MB. Every page of the file that a mapped read touches stays counted in the
 * server's resident memory (RSS) as long as the kernel keeps it cached, up to the whole mapped size.
 */
export const defaultSqliteMmapMb = 0;

/** The default of REPLICA_MAX_LAG_SECONDS, in ms. */
export const defaultReplicaMaxLagMs = 3_000;

/**
 * Opens SQLite (`sqlite:<file>`) or PostgreSQL (`postgres://…`) behind the same Kysely API. Either way a
 * request or job that asks for a second connection inside its own transaction is refused (unit-of-work.ts).
 * PostgreSQL with a `replicaUrl` gets one handle over both servers: heavy reads go to the replica while it
 * keeps up (replica-routing.ts); SQLite ignores it.
 */
export function openDatabase(
  url: string,
  {
    poolSize = 10,
    acquireTimeoutMs = 0,
    sqliteMmapMb = defaultSqliteMmapMb,
    replicaUrl,
    replicaMaxLagMs = defaultReplicaMaxLagMs,
  }: PoolOptions = {},
): Database {
  const plugins = [new CamelCasePlugin()];
  if (url.startsWith('postgres')) {
    const { Pool } = postgresDriver();
    const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: acquireTimeoutMs });
    const primary = new PostgresDialect({ pool });
    // Postgres keeps its planner statistics itself (autovacuum).
    const optimize = async () => {};
    if (!replicaUrl) {
      const db = new Kysely<DB>({ dialect: guardedDialect(primary), plugins });
      return { db, dialect: 'postgres', close: () => db.destroy(), optimize };
    }
    const replicaPool = new Pool({
      connectionString: replicaUrl,
      max: poolSize,
      connectionTimeoutMillis: Math.min(acquireTimeoutMs || replicaConnectTimeoutMs, replicaConnectTimeoutMs),
    });
    // A replica that stops breaks its connections, idle or in use (the query in use fails and is run on the
    // primary): neither the pool's nor a client's error event may go unheard and end the process.
    replicaPool.on('error', () => undefined);
    replicaPool.on('connect', (client) => client.on('error', () => undefined));
    const replica = new ReplicaHealth(replicaPool, { maxLagMs: replicaMaxLagMs });
    const dialect = replicaRoutingDialect(primary, new PostgresDialect({ pool: replicaPool }), replica);
    const db = new Kysely<DB>({ dialect: guardedDialect(dialect), plugins });
    return { db, dialect: 'postgres', close: () => db.destroy(), optimize, replica };
  }
  const file = url.replace(/^sqlite:/, '');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // Mapped, reads go straight to the operating system's cached pages instead of being copied in page by
  // page; the pages read stay in the process's resident memory. The first SQLITE_MMAP_MB of the file
  // are mapped (at most 2 GiB, SQLite's own ceiling), the rest is read as usual.
  sqlite.pragma(`mmap_size = ${Math.min(sqliteMmapMb, maxSqliteMmapMb) * 1024 * 1024}`);
  // The search indexes of contacts, tickets, opportunities and orders are filled by triggers through
  // relate_search_grams (migration 0045): every connection that writes those tables must have it.
  // relate_bigrams is what migration 0043 filled them with, before digit tokens.
  sqlite.function('relate_search_grams', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? searchTokenText(normalizeSearchText(text)) : '',
  );
  sqlite.function('relate_bigrams', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? bigramSequence(normalizeSearchText(text)).join(' ') : '',
  );
  // The reports' periods in the company's time zone (PostgreSQL's to_char at time zone does the same).
  sqlite.function('relate_period', { deterministic: true }, periodOf);
  const db = new Kysely<DB>({
    dialect: guardedDialect(new SqliteDialect({ database: withStatementCache(sqlite) })),
    plugins: [new PlanHints(), ...plugins],
  });
  // SQLite plans well only with statistics, which nothing gathers unless asked. Run at start-up
  // (0x10002: also tables never analysed) and hourly; SQLite re-reads a table only when it has grown
  // or shrunk tenfold. Sampled statistics (analysis_limit) misjudge low-cardinality columns such as
  // department or level and lead to whole-scope sorts, so the statistics are exact (≈3 s per million rows).
  const optimize = async (firstRun = false) => {
    sqlite.pragma(firstRun ? 'optimize = 0x10002' : 'optimize');
  };
  return { db, dialect: 'sqlite', close: () => db.destroy(), optimize };
}
