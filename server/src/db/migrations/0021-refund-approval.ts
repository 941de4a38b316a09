import type { Kysely } from 'kysely';

/** Refunds (negative receipts) are approved before finance confirms them. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('receipts').addColumn('approval_status', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('receipts').dropColumn('approval_status').execute();
}
