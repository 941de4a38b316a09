import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { idColumn } from './helpers.ts';

/**
 * Campaign email sends: one row per send (a marketing template mailed to a campaign's members, throttled),
 * one row per member of it (unique per send and member, so nobody is mailed twice by one send) with the
 * Message-ID it went out with, and the opens and clicks its tracked message recorded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('campaign_email_sends')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('template_id', 'integer', (c) => c.notNull())
    .addColumn('segment_id', 'integer')
    // queued, sending, paused, cancelled, done.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('per_second', 'integer', (c) => c.notNull())
    // The address the links in the messages lead to (PUBLIC_URL, or where the sender reached the server).
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('campaign_email_sends_campaign')
    .on('campaign_email_sends')
    .columns(['campaign_id', 'id'])
    .execute();

  await db.schema
    .createTable('campaign_email_recipients')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('send_id', 'integer', (c) => c.notNull().references('campaign_email_sends.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull())
    .addColumn('contact_id', 'integer')
    .addColumn('email', 'text')
    // queued, sending (claimed: the message may have gone), sent, failed, skipped.
    .addColumn('status', 'text', (c) => c.notNull())
    // noAddress, noConsent, suppressed, unsubscribed, notContact, notVisible.
    .addColumn('skip_reason', 'text')
    .addColumn('message_id', 'text')
    .addColumn('error', 'text')
    .addColumn('claimed_at', t.timestamp)
    .addColumn('sent_at', t.timestamp)
    .addColumn('opened_at', t.timestamp)
    .addColumn('clicked_at', t.timestamp)
    .addColumn('links', 'text')
    .addUniqueConstraint('campaign_email_recipients_member', ['send_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('campaign_email_recipients_status')
    .on('campaign_email_recipients')
    .columns(['send_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('campaign_email_recipients_message')
    .on('campaign_email_recipients')
    .column('message_id')
    .execute();

  await db.schema
    .createTable('campaign_email_events')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('recipient_id', 'integer', (c) =>
      c.notNull().references('campaign_email_recipients.id').onDelete('cascade'),
    )
    .addColumn('send_id', 'integer', (c) => c.notNull())
    // open or click.
    .addColumn('kind', 'text', (c) => c.notNull())
    // A click's link: its index among the message's links.
    .addColumn('link', 'integer')
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_email_events_send')
    .on('campaign_email_events')
    .columns(['send_id', 'kind', 'recipient_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_email_events').execute();
  await db.schema.dropTable('campaign_email_recipients').execute();
  await db.schema.dropTable('campaign_email_sends').execute();
}
