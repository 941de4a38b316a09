import type { Kysely } from 'kysely';

/**
 * Lunar anniversaries (农历): an anniversary's calendar, and for a lunar one its month and day in
 * `month_day` (month × 100 + day of the lunar calendar), whether that month is a leap month, and where
 * it falls in a year without that leap month. Lists select candidates by calendar and month-day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('anniversaries')
    .addColumn('calendar', 'text', (c) => c.notNull().defaultTo('solar'))
    .execute();
  await db.schema
    .alterTable('anniversaries')
    .addColumn('lunar_leap', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('anniversaries')
    .addColumn('leap_rule', 'text', (c) => c.notNull().defaultTo('leapMonth'))
    .execute();
  await db.schema.dropIndex('anniversaries_month_day').execute();
  await db.schema
    .createIndex('anniversaries_calendar_month_day')
    .on('anniversaries')
    .columns(['calendar', 'month_day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('anniversaries_calendar_month_day').execute();
  await db.schema.createIndex('anniversaries_month_day').on('anniversaries').column('month_day').execute();
  for (const column of ['leap_rule', 'lunar_leap', 'calendar'])
    await db.schema.alterTable('anniversaries').dropColumn(column).execute();
}
