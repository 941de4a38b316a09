import type { Kysely } from 'kysely';

/** An import is written while its file is still being read; `reading` says its total may still grow. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('imports')
    .addColumn('reading', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('reading').execute();
}
