import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/**
 * A campaign email recipient whose message bounced: when the delivery report came, hard (permanent, 5.x.x)
 * or soft (transient, 4.x.x), its status code and what the receiving server said. Soft bounces of one
 * address are counted across sends (an address that keeps bouncing is suppressed), through an index of the
 * bounced rows only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('campaign_email_recipients').addColumn('bounced_at', t.timestamp).execute();
  await db.schema.alterTable('campaign_email_recipients').addColumn('bounce_kind', 'text').execute();
  await db.schema.alterTable('campaign_email_recipients').addColumn('bounce_status', 'text').execute();
  await db.schema.alterTable('campaign_email_recipients').addColumn('bounce_detail', 'text').execute();
  await db.schema
    .createIndex('campaign_email_recipients_bounced')
    .on('campaign_email_recipients')
    .columns(['email', 'bounce_kind'])
    .where(sql<boolean>`bounced_at is not null`)
    .execute();
}
