import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Membership and loyalty (会员与积分): member levels (a small table of their own: a dictionary option has no
 * room for a discount, a multiplier and a spend threshold, and may be deleted freely), customers enrolled as
 * members with a level and a points balance, the points ledger (every change of a balance, with the order or
 * receipt it came from and who made it), the history of each member's level, and the points a quote or an
 * order redeems as an amount off its total. Money in minor units of the company currency, points whole.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('member_levels')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    // 500 is 5 % off; 15000 is 1.5 times the points.
    .addColumn('discount_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('multiplier_bp', 'integer', (c) => c.notNull().defaultTo(10000))
    // Rolling 12-month spend (company currency, minor units) that reaches the level.
    .addColumn('min_spend', big, (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('member_levels_min_spend', ['min_spend'])
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('customer_id', 'integer', (c) => c.notNull().unique().references('customers.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('level_id', 'integer', (c) => c.notNull().references('member_levels.id'))
    // A level set by hand and kept: the nightly level review leaves it alone.
    .addColumn('level_locked', 'integer', (c) => c.notNull().defaultTo(0))
    // active or removed (a removed member keeps its ledger and may be enrolled again).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('balance', big, (c) => c.notNull().defaultTo(0))
    .addColumn('enrolled_at', t.timestamp, (c) => c.notNull())
    .addColumn('enrolled_by', 'integer')
    .addColumn('removed_at', t.timestamp)
    .addColumn('removed_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_level').on('members').columns(['level_id']).execute();

  await db.schema
    .createTable('points_ledger')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    // earned, reversed (a refund), redeemed, returned (a redemption given back), expired, adjusted.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', big, (c) => c.notNull())
    .addColumn('balance_after', big, (c) => c.notNull())
    // Points credited belong to the year they came in (company time); an expiry names the last year it ended.
    .addColumn('bucket_year', 'integer')
    .addColumn('order_id', 'integer')
    .addColumn('receipt_id', 'integer')
    // What counted towards the level (company currency, minor units): + when earned, − when reversed.
    .addColumn('spend', big, (c) => c.notNull().defaultTo(0))
    .addColumn('rate_centi', 'integer')
    .addColumn('multiplier_bp', 'integer')
    .addColumn('reason', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('points_ledger_member')
    .on('points_ledger')
    .columns(['member_id', 'occurred_at', 'id'])
    .execute();
  await db.schema.createIndex('points_ledger_order').on('points_ledger').columns(['order_id', 'kind']).execute();

  await db.schema
    .createTable('member_level_changes')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('from_level_id', 'integer')
    .addColumn('to_level_id', 'integer', (c) => c.notNull())
    // enrolled, manual, upgrade or downgrade.
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('spend', big)
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('member_level_changes_member')
    .on('member_level_changes')
    .columns(['member_id', 'created_at'])
    .execute();

  for (const table of ['quotes', 'orders']) {
    await db.schema
      .alterTable(table)
      .addColumn('points_redeemed', big, (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('points_amount', big, (c) => c.notNull().defaultTo(0))
      .execute();
  }

  const now = new Date().toISOString();
  const levels: Array<[string, string, number, number, number]> = [
    ['普通会员', 'Member', 0, 10000, 0],
    ['银卡会员', 'Silver', 200, 12000, 1_000_000],
    ['金卡会员', 'Gold', 500, 15000, 5_000_000],
    ['钻石会员', 'Diamond', 800, 20000, 20_000_000],
  ];
  await db
    .insertInto('member_levels')
    .values(
      levels.map(([nameZh, nameEn, discount, multiplier, minSpend], i) => ({
        name_zh: nameZh,
        name_en: nameEn,
        discount_bp: discount,
        multiplier_bp: multiplier,
        min_spend: minSpend,
        sort_order: (i + 1) * 10,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  await grantToBuiltInRoles(db, {
    admin: { permissions: ['membership.view', 'membership.edit', 'membership.admin'] },
    sales_manager: { permissions: ['membership.view', 'membership.edit'] },
    sales_rep: { permissions: ['membership.view'] },
    service_agent: { permissions: ['membership.view'] },
    readonly: { permissions: ['membership.view'] },
    finance: { permissions: ['membership.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['quotes', 'orders']) {
    await db.schema.alterTable(table).dropColumn('points_amount').execute();
    await db.schema.alterTable(table).dropColumn('points_redeemed').execute();
  }
  for (const table of ['member_level_changes', 'points_ledger', 'members', 'member_levels'])
    await db.schema.dropTable(table).execute();
}
