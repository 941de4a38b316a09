import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Lead scoring (线索评分): score groups (one is the default, whose total is a lead's or contact's `score`),
 * their field and behaviour rules, and the ledger of reasons (`score_events`), each a rule's points on one
 * lead or contact; a record's score in a group is the sum of its open reasons. Contacts get a `score`.
 * A score typed on a lead before scoring existed becomes a reason of its own ("set by hand"), so every
 * score is the sum of its reasons from the start.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('scoring_groups')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    // Behaviour points lose `decay_percent` % (rounded towards zero) every `decay_days` days; 0: never.
    .addColumn('decay_percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decay_days', 'integer', (c) => c.notNull().defaultTo(30))
    // Behaviour points end after this many days; null: never.
    .addColumn('expire_days', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scoring_rules')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('scoring_groups.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // 'field' (a field of a lead or contact) or 'behaviour' (an event).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('field', 'text')
    .addColumn('operator', 'text')
    // JSON: the value compared (a string, a number or a list of strings).
    .addColumn('value', 'text')
    .addColumn('event', 'text')
    // For 'no_activity': the days without activity.
    .addColumn('days', 'integer')
    .addColumn('points', 'integer', (c) => c.notNull())
    // At most `cap_points` from this rule per record within `cap_days` days.
    .addColumn('cap_points', 'integer')
    .addColumn('cap_days', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scoring_rules_group').on('scoring_rules').columns(['group_id', 'id']).execute();

  await db.schema
    .createTable('score_events')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .addColumn('rule_id', 'integer')
    .addColumn('lead_id', 'integer')
    .addColumn('contact_id', 'integer')
    // 'field', 'behaviour', 'no_activity' or 'manual'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event', 'text')
    // What the reason gave when it was recorded, and what it gives now (after decay).
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('current_points', 'integer', (c) => c.notNull())
    .addColumn('decay_steps', 'integer', (c) => c.notNull().defaultTo(0))
    // The rule's name when recorded (the rule may change or go).
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    // Set when the reason stops counting (the field no longer matches, the rule went, it expired).
    .addColumn('ended_at', t.timestamp)
    .execute();
  await db.schema.createIndex('score_events_lead').on('score_events').columns(['lead_id', 'group_id']).execute();
  await db.schema.createIndex('score_events_contact').on('score_events').columns(['contact_id', 'group_id']).execute();
  await db.schema.createIndex('score_events_rule').on('score_events').columns(['rule_id']).execute();

  await db.schema
    .alterTable('contacts')
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('contacts_score_sort').on('contacts').columns(['score', 'id']).execute();

  const now = new Date().toISOString();
  const group = await db
    .insertInto('scoring_groups')
    .values({
      name: '默认 Default',
      is_default: 1,
      decay_percent: 0,
      decay_days: 30,
      expire_days: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into score_events (group_id, lead_id, kind, points, current_points, decay_steps, reason, occurred_at, created_at)
    select ${group.id}, id, 'manual', score, score, 0, 'manual', ${now}, ${now} from leads where score <> 0`.execute(
    db,
  );

  await grantToBuiltInRoles(db, { admin: { permissions: ['scoring.manage'] } });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contacts_score_sort').execute();
  await db.schema.alterTable('contacts').dropColumn('score').execute();
  for (const table of ['score_events', 'scoring_rules', 'scoring_groups']) await db.schema.dropTable(table).execute();
}
