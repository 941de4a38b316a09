import type { Insertable, Kysely } from 'kysely';
import type { CampaignCostTable, DB } from '../../db/schema.ts';

/** A page of a campaign's cost lines, the latest first, and how many there are. */
export async function costsPage(db: Kysely<DB>, campaignId: number, page: { limit: number; offset: number }) {
  const qb = db.selectFrom('campaignCosts').where('campaignId', '=', campaignId);
  const [rows, count] = await Promise.all([
    qb.selectAll().orderBy('date', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertCost(db: Kysely<DB>, row: Insertable<CampaignCostTable>): Promise<number> {
  return (await db.insertInto('campaignCosts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function findCost(db: Kysely<DB>, campaignId: number, id: number) {
  return db
    .selectFrom('campaignCosts')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteCost(db: Kysely<DB>, id: number) {
  await db.deleteFrom('campaignCosts').where('id', '=', id).execute();
}
