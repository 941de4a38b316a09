import { type Kysely, sql } from 'kysely';
import { rebuildIndex } from './helpers.ts';

/**
 * The filters a list's screen offers, carried by the indexes its pages walk. A page of a long list is a
 * walk down its sort's index that checks the filters on the way; with a filter's column in the index the
 * check reads the index entry alone, while without it every row passed over is read from the table — a
 * deep page of a rare filter (tickets called back, of high priority, page 200) read a quarter of a million
 * rows, seconds at two million tickets. Each index keeps its columns and gains the list's filters after
 * them (on PostgreSQL included, not part of the key), so its order and its other uses stay.
 */
export const widened: Array<[table: string, name: string, columns: string[], filters: string[], carried?: string[]]> = [
  [
    'customers',
    'customers_department_updated',
    ['department_id', 'updated_at', 'id'],
    ['level', 'stage', 'industry', 'source', 'province', 'credit_level'],
    ['search_text'],
  ],
  [
    'tickets',
    'tickets_created_sort',
    ['created_at', 'id', 'department_id', 'owner_id'],
    ['status', 'priority', 'type'],
  ],
  [
    'customers',
    'customers_facets',
    ['department_id', 'level', 'stage', 'industry', 'source', 'owner_id'],
    ['province', 'credit_level'],
  ],
  ['tickets', 'tickets_updated', ['updated_at', 'id'], ['department_id', 'owner_id', 'status', 'priority', 'type']],
  ['tickets', 'tickets_department_updated', ['department_id', 'updated_at', 'id'], ['status', 'priority', 'type']],
  [
    'tickets',
    'tickets_owner_updated',
    ['owner_id', 'updated_at', 'id'],
    ['department_id', 'status', 'priority', 'type'],
  ],
  ['followups', 'followups_time', ['occurred_at', 'id'], ['department_id', 'owner_id', 'type']],
  ['followups', 'followups_department_time', ['department_id', 'occurred_at', 'id'], ['type']],
  ['followups', 'followups_owner_time', ['owner_id', 'occurred_at', 'id'], ['department_id', 'type']],
  [
    'followups',
    'followups_next_sort',
    ['next_followup_at', 'id', 'department_id', 'owner_id'],
    ['type', 'occurred_at'],
  ],
  [
    'opportunities',
    'opportunities_updated',
    ['updated_at', 'id'],
    ['department_id', 'owner_id', 'status', 'stage_id', 'expected_close_date'],
  ],
  [
    'opportunities',
    'opportunities_department_updated',
    ['department_id', 'updated_at', 'id'],
    ['status', 'stage_id', 'expected_close_date'],
  ],
  [
    'opportunities',
    'opportunities_owner_updated',
    ['owner_id', 'updated_at', 'id'],
    ['department_id', 'status', 'stage_id', 'expected_close_date'],
  ],
  ...(['name', 'amount', 'probability', 'close'] as const).map((sort): [string, string, string[], string[]] => [
    'opportunities',
    `opportunities_${sort}_sort`,
    [sort === 'close' ? 'expected_close_date' : sort, 'id', 'department_id', 'owner_id'],
    ['status', 'stage_id', ...(sort === 'close' ? [] : ['expected_close_date'])],
  ]),
  ['orders', 'orders_updated', ['updated_at', 'id'], ['department_id', 'owner_id', 'status']],
  ['orders', 'orders_department_updated', ['department_id', 'updated_at', 'id'], ['status']],
  ['orders', 'orders_owner_updated', ['owner_id', 'updated_at', 'id'], ['department_id', 'status']],
  ['orders', 'orders_total_sort', ['total', 'id', 'department_id', 'owner_id'], ['status']],
  ['orders', 'orders_delivery_sort', ['requested_delivery_date', 'id', 'department_id', 'owner_id'], ['status']],
  ['receipts', 'receipts_received', ['received_on', 'id'], ['department_id', 'owner_id', 'status']],
  ['receipts', 'receipts_department', ['department_id', 'received_on', 'id'], ['status']],
  ['receipts', 'receipts_owner', ['owner_id', 'received_on', 'id'], ['department_id', 'status']],
];

/** Receipts are never deleted: their indexes hold every row. */
const withoutDeletedAt = new Set(['receipts']);

/**
 * New indexes: counts of a list filtered by its status-like columns alone, read from these up to the
 * count's cap without passing over the rows of every other status; and one order no index gave.
 */
export const facets: Array<[table: string, name: string, columns: string[]]> = [
  ['tickets', 'tickets_facets', ['status', 'priority', 'type', 'department_id', 'owner_id']],
  ['orders', 'orders_facets', ['status', 'department_id', 'owner_id']],
  // One person's follow-ups by their next date (their own time index orders them by when they happened).
  [
    'followups',
    'followups_owner_next_sort',
    ['owner_id', 'next_followup_at', 'id', 'department_id', 'type', 'occurred_at'],
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, name, columns, filters, carried = []] of widened)
    await rebuildIndex(db, table, name, columns, [...carried, ...filters], !withoutDeletedAt.has(table));
  for (const [table, name, columns] of facets)
    await db.schema
      .createIndex(name)
      .on(table)
      .columns(columns)
      .where(sql<boolean>`deleted_at is null`)
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [, name] of facets) await db.schema.dropIndex(name).execute();
  for (const [table, name, columns, , carried = []] of widened)
    await rebuildIndex(db, table, name, columns, carried, !withoutDeletedAt.has(table));
}
