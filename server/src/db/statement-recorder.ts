import {
  CompiledQuery,
  type Kysely,
  type KyselyPlugin,
  type QueryId,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Dialect } from './database.ts';

/**
 * A Kysely plugin that keeps the statements run while it records, as the database receives them (for
 * the benches' and tests' query plans; never installed by the server itself).
 */
export class StatementRecorder implements KyselyPlugin {
  private recording = false;
  private nodes: RootOperationNode[] = [];

  start(): void {
    this.nodes = [];
    this.recording = true;
  }

  /** Stops recording and gives the statements recorded, compiled as `db` runs them. */
  stop(db: Kysely<any>): CompiledQuery[] {
    this.recording = false;
    return this.nodes.map((node) => db.getExecutor().compileQuery(node, { queryId: 'recorded' } as QueryId));
  }

  transformQuery({ node }: { node: RootOperationNode; queryId: QueryId }): RootOperationNode {
    if (this.recording) this.nodes.push(node);
    return node;
  }

  async transformResult<T extends { rows: UnknownRow[] }>({ result }: { result: T }): Promise<T> {
    return result;
  }
}

/** The lines of the database's plan for a statement (SQLite's `explain query plan`, PostgreSQL's `explain`). */
export async function queryPlan(db: Kysely<any>, dialect: Dialect, statement: CompiledQuery): Promise<string[]> {
  const explain = dialect === 'postgres' ? 'explain' : 'explain query plan';
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(`${explain} ${statement.sql}`, [...statement.parameters]),
  );
  return rows.map((row) => String(row['QUERY PLAN'] ?? row.detail));
}

/**
 * Whether SQLite, running `statement`, reads any column of `table`'s rows. Its query plan calls only
 * full indexes "covering": a partial index answers alone when the statement reads no row column (its
 * row look-up is deferred and never made), which the statement's program shows.
 */
export async function readsRowsOf(db: Kysely<any>, statement: CompiledQuery, table: string): Promise<boolean> {
  const { rows: roots } = await db.executeQuery<{ rootpage: number }>(
    CompiledQuery.raw(`select rootpage from sqlite_master where type = 'table' and name = ?`, [table]),
  );
  const root = roots[0]?.rootpage;
  const { rows: program } = await db.executeQuery<{ opcode: string; p1: number; p2: number }>(
    CompiledQuery.raw(`explain ${statement.sql}`, [...statement.parameters]),
  );
  const cursors = new Set(program.filter((op) => op.opcode === 'OpenRead' && op.p2 === root).map((op) => op.p1));
  return program.some((op) => (op.opcode === 'Column' || op.opcode === 'SeekRowid') && cursors.has(op.p1));
}
