import type { Kysely } from 'kysely';

/**
 * The dashboard a role's users see on their home page, chosen by an administrator; null: none. A deleted
 * dashboard leaves the role without one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('roles')
    .addColumn('home_dashboard_id', 'integer', (c) => c.references('dashboards.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('roles').dropColumn('home_dashboard_id').execute();
}
