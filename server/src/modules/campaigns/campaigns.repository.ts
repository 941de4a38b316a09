import { type Insertable, type Kysely, type Selectable, type Updateable, sql } from 'kysely';
import type { CampaignTable, DB } from '../../db/schema.ts';
import { applySort, type SortColumns } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains } from '../../platform/search.ts';

export type CampaignRow = Selectable<CampaignTable> & {
  parentName: string | null;
  ownerName: string | null;
  departmentName: string | null;
};

const campaignColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('campaigns')
    .leftJoin('campaigns as parent', 'parent.id', 'campaigns.parentId')
    .leftJoin('users', 'users.id', 'campaigns.ownerId')
    .leftJoin('departments', 'departments.id', 'campaigns.departmentId')
    .selectAll('campaigns')
    .select(['parent.name as parentName', 'users.displayName as ownerName', 'departments.name as departmentName'])
    .where('campaigns.deletedAt', 'is', null);

export function findCampaign(db: Kysely<DB>, scope: Scope, id: number): Promise<CampaignRow | undefined> {
  return whereInScope(campaignColumns(db), 'campaigns', scope).where('campaigns.id', '=', id).executeTakeFirst();
}

export const campaignSorts: SortColumns = {
  name: { column: 'campaigns.name' },
  startDate: { column: 'campaigns.startDate', nullable: true },
  endDate: { column: 'campaigns.endDate', nullable: true },
  budget: { column: 'campaigns.budget', nullable: true },
  status: { column: 'campaigns.status' },
  createdAt: { column: 'campaigns.createdAt' },
  updatedAt: { column: 'campaigns.updatedAt' },
};

export type CampaignFilter = {
  q?: string;
  status?: string[];
  type?: string[];
  ownerId?: number[];
  parentId?: number;
  topLevel?: boolean;
};

/** The campaigns in scope that match, in the order asked for (the newest change first by default). */
export function campaignsMatching(db: Kysely<DB>, scope: Scope, filter: CampaignFilter, sort: string | undefined) {
  let qb = whereInScope(campaignColumns(db), 'campaigns', scope);
  if (filter.q) qb = qb.where(contains(sql`lower(${sql.ref('campaigns.name')})`, filter.q.toLowerCase()));
  if (filter.status?.length) qb = qb.where('campaigns.status', 'in', filter.status);
  if (filter.type?.length) qb = qb.where('campaigns.type', 'in', filter.type);
  if (filter.ownerId?.length) qb = qb.where('campaigns.ownerId', 'in', filter.ownerId);
  if (filter.parentId) qb = qb.where('campaigns.parentId', '=', filter.parentId);
  if (filter.topLevel) qb = qb.where('campaigns.parentId', 'is', null);
  return applySort(qb, sort, campaignSorts, 'updatedAt:desc');
}

export async function insertCampaign(db: Kysely<DB>, row: Insertable<CampaignTable>): Promise<number> {
  return (await db.insertInto('campaigns').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCampaign(db: Kysely<DB>, id: number, values: Updateable<CampaignTable>) {
  await db.updateTable('campaigns').set(values).where('id', '=', id).execute();
}

/** The ids of a campaign and of every campaign below it, however deep. */
export async function subtreeIds(db: Kysely<DB>, id: number): Promise<number[]> {
  const rows = await db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('campaigns')
        .select('id')
        .where('id', '=', id)
        .unionAll((q) => q.selectFrom('campaigns as c').innerJoin('tree', 'tree.id', 'c.parentId').select('c.id')),
    )
    .selectFrom('tree')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function liveChildCount(db: Kysely<DB>, id: number): Promise<number> {
  const row = await db
    .selectFrom('campaigns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parentId', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- Promoted products ------------------------------------------------------------------

export function productsOf(db: Kysely<DB>, campaignId: number) {
  return db
    .selectFrom('campaignProducts')
    .innerJoin('products', 'products.id', 'campaignProducts.productId')
    .select(['products.id', 'products.name'])
    .where('campaignProducts.campaignId', '=', campaignId)
    .orderBy('products.name')
    .execute();
}

export async function existingProductIds(db: Kysely<DB>, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('products')
    .select('id')
    .where('id', 'in', ids)
    .where('deletedAt', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function replaceProducts(db: Kysely<DB>, campaignId: number, productIds: number[]) {
  await db.deleteFrom('campaignProducts').where('campaignId', '=', campaignId).execute();
  if (productIds.length)
    await db
      .insertInto('campaignProducts')
      .values(productIds.map((productId) => ({ campaignId, productId })))
      .execute();
}

/** Hands a leaving user's live campaigns to another, with the new owner's department; answers their ids. */
export async function transferCampaigns(
  db: Kysely<DB>,
  fromUserId: number,
  to: { id: number; departmentId: number | null },
  at: string,
): Promise<number[]> {
  const rows = await db
    .updateTable('campaigns')
    .set({ ownerId: to.id, departmentId: to.departmentId, updatedAt: at })
    .where('ownerId', '=', fromUserId)
    .where('deletedAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
