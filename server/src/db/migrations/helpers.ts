import type { ColumnDefinitionBuilder } from 'kysely';
import type { Dialect } from '../database.ts';

/** Integer surrogate key: identity on Postgres, rowid alias on SQLite. */
export function idColumn(dialect: Dialect) {
  return (column: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? column.generatedByDefaultAsIdentity().primaryKey() : column.primaryKey().autoIncrement();
}
