import type { CompiledQuery, Insertable, Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { dialectOf } from './dialect.ts';

/** Rows per statement: Postgres takes at most 65 535 bind parameters, SQLite 32 766 (30 columns × 500 stays below both). */
const defaultChunk = 500;

const compiled = new Map<string, CompiledQuery>();

/**
 * Inserts rows of one shape (the same keys in the same order) in statements of up to `chunk` rows,
 * returning the new ids in row order when asked. Each statement is built and compiled by Kysely once
 * per dialect, table, shape and size and then reused with the next rows' values: building the query
 * tree of a 500-row insert costs more than the database spends writing the rows. Call inside a
 * transaction when the rows belong together.
 */
export async function insertRows<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: Array<Insertable<DB[T]>>,
  options: { returnIds?: boolean; chunk?: number } = {},
): Promise<number[]> {
  if (!rows.length) return [];
  const chunk = options.chunk ?? defaultChunk;
  const columns = Object.keys(rows[0]) as Array<keyof (typeof rows)[number] & string>;
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const statement = compiledInsert(db, table, part, columns, options.returnIds === true, part.length === chunk);
    const parameters: unknown[] = new Array(part.length * columns.length);
    let p = 0;
    for (const row of part) {
      const values = row as Record<string, unknown>;
      for (const column of columns) parameters[p++] = values[column];
    }
    const result = await db.executeQuery<{ id: number }>({ ...statement, parameters });
    if (options.returnIds) for (const row of result.rows) ids.push(row.id);
  }
  return ids;
}

/** Full-size statements are kept (a handful per table); a shorter last chunk is compiled each time. */
function compiledInsert(
  db: Kysely<DB>,
  table: string,
  rows: object[],
  columns: string[],
  returnIds: boolean,
  keep: boolean,
): CompiledQuery {
  const key = `${dialectOf(db)}\u0000${table}\u0000${columns.join(',')}\u0000${rows.length}\u0000${returnIds}`;
  let statement = keep ? compiled.get(key) : undefined;
  if (!statement) {
    const insert = db.insertInto(table as keyof DB).values(rows as never);
    statement = (returnIds ? insert.returning('id' as never) : insert).compile();
    // Every value must be a bind parameter, in row-then-column order, for the statement to be reused.
    if (statement.parameters.length !== rows.length * columns.length)
      throw new Error(`insertRows: ${table} rows do not compile to one parameter per value`);
    if (keep) compiled.set(key, statement);
  }
  return statement;
}
