import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { widened } from './0047-list-filter-columns.ts';

/**
 * The descending twins of migration 0050 carry the filters their ascending index carries (migration 0047).
 * PostgreSQL checks a filter inside the index it walks only when the column is in it: follow-ups of one
 * type since a date, by next date newest first, page 200, read the row of every entry the walk passed
 * (0.6–1.0 s at five million follow-ups).
 */
const twins: Array<[table: string, name: string, column: string, ascending: string]> = [
  ['opportunities', 'opportunities_amount_sort_desc', 'amount', 'opportunities_amount_sort'],
  ['opportunities', 'opportunities_close_sort_desc', 'expected_close_date', 'opportunities_close_sort'],
  ['followups', 'followups_next_sort_desc', 'next_followup_at', 'followups_next_sort'],
  ['orders', 'orders_delivery_sort_desc', 'requested_delivery_date', 'orders_delivery_sort'],
];

const filtersOf = (ascending: string) => widened.find(([, name]) => name === ascending)![3];

async function createTwin(db: Kysely<any>, table: string, name: string, column: string, carried: string[]) {
  const include = carried.length ? sql` include (${sql.join(carried.map((c) => sql.id(c)))})` : sql``;
  await sql`drop index ${sql.id(name)}`.execute(db);
  await sql`create index ${sql.id(name)} on ${sql.table(table)}
    (${sql.id(column)} desc nulls last, id desc, department_id, owner_id)${include} where deleted_at is null`.execute(
    db,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const [table, name, column, ascending] of twins) await createTwin(db, table, name, column, filtersOf(ascending));
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const [table, name, column] of twins) await createTwin(db, table, name, column, []);
}
