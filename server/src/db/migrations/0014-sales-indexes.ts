import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the customer timeline (changes of merged customers, converted leads and every
 * opportunity of a customer, deleted ones included), the pipeline board of a department (counts and
 * sums read from the index alone) and the forecast (won by close time, open by expected close date).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('customers_merged_into')
    .on('customers')
    .column('merged_into_id')
    .where(sql<boolean>`merged_into_id is not null`)
    .execute();
  await db.schema
    .createIndex('leads_converted_customer')
    .on('leads')
    .column('converted_customer_id')
    .where(sql<boolean>`converted_customer_id is not null`)
    .execute();
  await db.schema.dropIndex('opportunities_customer').execute();
  await db.schema
    .createIndex('opportunities_customer')
    .on('opportunities')
    .columns(['customer_id', 'created_at', 'id'])
    .execute();
  const active = sql<boolean>`deleted_at is null`;
  for (const [name, columns] of [
    ['opportunities_department_board', ['department_id', 'pipeline_id', 'stage_id', 'amount', 'probability']],
    ['opportunities_board', ['pipeline_id', 'stage_id', 'amount', 'probability']],
    ['opportunities_department_won', ['department_id', 'status', 'closed_at', 'currency', 'amount']],
    [
      'opportunities_department_due',
      ['department_id', 'status', 'expected_close_date', 'currency', 'amount', 'probability'],
    ],
    ['opportunities_won', ['status', 'closed_at', 'currency', 'amount']],
  ] as Array<[string, string[]]>) {
    await db.schema.createIndex(name).on('opportunities').columns(columns).where(active).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'customers_merged_into',
    'leads_converted_customer',
    'opportunities_department_board',
    'opportunities_board',
    'opportunities_department_won',
    'opportunities_department_due',
    'opportunities_won',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
