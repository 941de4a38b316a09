import { AppError } from './errors.ts';

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * The field of a unique constraint. PostgreSQL: `Key (code)=(C000123) already exists.` or, for an index on
 * an expression, `Key (lower(username))=(admin)`; SQLite: `UNIQUE constraint failed: customers.code` or, for
 * an index on an expression, `… failed: index 'users_username'` (indexes are named table_column).
 */
function uniqueField(message: string, detail: string): string {
  const key = /^Key \((.+?)\)=\(/.exec(detail)?.[1];
  if (key)
    return camel(
      key
        .split(', ')
        .pop()!
        .replace(/^\w+\(|\)$/g, ''),
    );
  const index = /failed: index '([a-z0-9]+)_([a-z0-9_]+)'/.exec(message)?.[2];
  if (index) return camel(index);
  const column = /constraint failed: (.+)$/.exec(message)?.[1]?.split(', ').pop()?.split('.').pop();
  return column ? camel(column) : '_';
}

/**
 * A constraint the database enforced, as the error the caller can act on: a unique value taken (409 on
 * the field — two requests creating the same code at once), a referenced record missing, a value the
 * column cannot hold (400). Null when the error is not one of these (the server's own fault: 500).
 */
export function constraintError(error: unknown): AppError | null {
  const e = error as { code?: unknown; message?: unknown; detail?: unknown; column?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const detail = typeof e.detail === 'string' ? e.detail : '';
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('CONFLICT', 'CONFLICT', { [uniqueField(message, detail)]: 'alreadyExists' });
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    // PostgreSQL: Key (customer_id)=(5) is not present in table "customers".  SQLite names no column.
    const column = /^Key \(([^)]+)\)=.*is not present/.exec(detail)?.[1];
    if (!column) return new AppError('CONFLICT', 'referencedRecord');
    return new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { [camel(column)]: 'unknownRecord' });
  }
  // Numeric out of range, text too long, malformed text for the type, or a character the encoding cannot hold.
  if (['22003', '22001', '22P02', '22021', '22007', '22008'].includes(code))
    return new AppError('BAD_REQUEST', 'valueOutOfRange');
  return null;
}
