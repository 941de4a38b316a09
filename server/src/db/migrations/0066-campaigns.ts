import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Campaigns (市场活动): a hierarchy of marketing actions, each owned (owner and department, scoped like every
 * owned record) with a budget and expectations; their cost lines, the products they promote and their
 * members (leads, contacts or customers, one row each, with a status). Opportunities learn their source
 * campaign (first touch), as leads already had it. Money in minor units of the default currency.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('start_date', t.date)
    .addColumn('end_date', t.date)
    .addColumn('budget', money)
    .addColumn('expected_revenue', money)
    .addColumn('expected_response', 'integer')
    .addColumn('description', 'text')
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .execute();
  await db.schema.createIndex('campaigns_parent').on('campaigns').column('parent_id').execute();
  await db.schema.createIndex('campaigns_owner').on('campaigns').columns(['owner_id', 'updated_at']).execute();
  await db.schema
    .createIndex('campaigns_department')
    .on('campaigns')
    .columns(['department_id', 'updated_at'])
    .execute();
  await db.schema.createIndex('campaigns_updated').on('campaigns').columns(['updated_at', 'id']).execute();

  await db.schema
    .createTable('campaign_products')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
    .addPrimaryKeyConstraint('campaign_products_pk', ['campaign_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('campaign_costs')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('supplier', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_costs_campaign')
    .on('campaign_costs')
    .columns(['campaign_id', 'date'])
    .execute();

  await db.schema
    .createTable('campaign_members')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    // leads, contacts or customers: a record stays a member while in the recycle bin, as its history.
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // list, import, segment or form.
    .addColumn('source', 'text', (c) => c.notNull())
    // The first and the latest move of its status past "planned".
    .addColumn('first_at', t.timestamp)
    .addColumn('last_at', t.timestamp)
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('campaign_members_record', ['campaign_id', 'entity', 'entity_id'])
    .execute();
  await db.schema
    .createIndex('campaign_members_entity')
    .on('campaign_members')
    .columns(['entity', 'entity_id'])
    .execute();
  await db.schema
    .createIndex('campaign_members_status')
    .on('campaign_members')
    .columns(['campaign_id', 'status'])
    .execute();

  await db.schema.alterTable('opportunities').addColumn('campaign_id', 'integer').execute();
  await db.schema.createIndex('opportunities_campaign').on('opportunities').column('campaign_id').execute();
  await db.schema.createIndex('leads_campaign').on('leads').column('campaign_id').execute();

  await grantToBuiltInRoles(db, {
    admin: { permissions: ['campaigns.view', 'campaigns.manage'], dataScopes: { campaigns: 'all' } },
    sales_manager: {
      permissions: ['campaigns.view', 'campaigns.manage'],
      dataScopes: { campaigns: 'department_tree' },
    },
    sales_rep: { permissions: ['campaigns.view'], dataScopes: { campaigns: 'department' } },
    service_agent: { permissions: [], dataScopes: { campaigns: 'own' } },
    readonly: { permissions: ['campaigns.view'], dataScopes: { campaigns: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('leads_campaign').execute();
  await db.schema.dropIndex('opportunities_campaign').execute();
  await db.schema.alterTable('opportunities').dropColumn('campaign_id').execute();
  for (const table of ['campaign_members', 'campaign_costs', 'campaign_products', 'campaigns'])
    await db.schema.dropTable(table).execute();
}
