import { type Insertable, type Kysely, sql } from 'kysely';
import type { CampaignMemberTable, DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

type RecordTable = 'leads' | 'contacts' | 'customers' | 'opportunities';

/** Those of `ids` that are records of `table` in the scope, not in the recycle bin. */
export async function visibleRecordIds(db: Kysely<DB>, table: RecordTable, scope: Scope, ids: number[]) {
  const found: number[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await whereInScope(db.selectFrom(table as 'leads'), table, scope)
      .select(`${table as 'leads'}.id`)
      .where(`${table as 'leads'}.id`, 'in', ids.slice(i, i + 500))
      .where(`${table as 'leads'}.deletedAt`, 'is', null)
      .execute();
    found.push(...rows.map((r) => r.id));
  }
  return found;
}

/** Inserts members, leaving a record already in the campaign as it is; answers how many were added. */
export async function insertMembers(db: Kysely<DB>, rows: Array<Insertable<CampaignMemberTable>>): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('campaignMembers')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['campaignId', 'entity', 'entityId']).doNothing())
      .returning('id')
      .execute();
    added += inserted.length;
  }
  return added;
}

export type MemberFilter = { entity?: string[]; status?: string[] };

/** A page of a campaign's members with each record's name, the latest added first; and how many match. */
export async function membersPage(
  db: Kysely<DB>,
  campaignId: number,
  filter: MemberFilter,
  page: { limit: number; offset: number },
) {
  let qb = db.selectFrom('campaignMembers as m').where('m.campaignId', '=', campaignId);
  if (filter.entity?.length) qb = qb.where('m.entity', 'in', filter.entity);
  if (filter.status?.length) qb = qb.where('m.status', 'in', filter.status);
  const [rows, count] = await Promise.all([
    qb
      .leftJoin('leads as l', (j) => j.onRef('l.id', '=', 'm.entityId').on('m.entity', '=', 'leads'))
      .leftJoin('contacts as ct', (j) => j.onRef('ct.id', '=', 'm.entityId').on('m.entity', '=', 'contacts'))
      .leftJoin('customers as cu', (j) => j.onRef('cu.id', '=', 'm.entityId').on('m.entity', '=', 'customers'))
      .selectAll('m')
      .select(sql<string | null>`coalesce(l.name, ct.name, cu.name)`.as('name'))
      .orderBy('m.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findMember(db: Kysely<DB>, campaignId: number, id: number) {
  return db
    .selectFrom('campaignMembers')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findMemberOf(db: Kysely<DB>, campaignId: number, entity: string, entityId: number) {
  return db
    .selectFrom('campaignMembers')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .executeTakeFirst();
}

/** Moves a member to a status; the first move past "planned" is remembered, the latest always. */
export async function setMemberStatus(db: Kysely<DB>, id: number, status: string, at: string) {
  const touched = status !== 'planned';
  await db
    .updateTable('campaignMembers')
    .set((eb) => ({
      status,
      ...(touched ? { firstAt: eb.fn.coalesce('firstAt', eb.val(at)), lastAt: at } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

/** Every membership of one record becomes "converted" (its lead was converted). */
export async function markConverted(db: Kysely<DB>, entity: string, entityId: number, at: string) {
  await db
    .updateTable('campaignMembers')
    .set((eb) => ({ status: 'converted', firstAt: eb.fn.coalesce('firstAt', eb.val(at)), lastAt: at }))
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .execute();
}

export async function deleteMember(db: Kysely<DB>, id: number) {
  await db.deleteFrom('campaignMembers').where('id', '=', id).execute();
}

/** The memberships, in live campaigns, of these records. */
export function membershipsOf(db: Kysely<DB>, records: Array<{ entity: string; ids: number[] }>) {
  const wanted = records.filter((r) => r.ids.length);
  if (!wanted.length) return Promise.resolve([]);
  return db
    .selectFrom('campaignMembers as m')
    .innerJoin('campaigns as c', 'c.id', 'm.campaignId')
    .select(['m.campaignId', 'c.name as campaignName', 'm.entity', 'm.entityId', 'm.status', 'm.lastAt', 'm.createdAt'])
    .where('c.deletedAt', 'is', null)
    .where((eb) => eb.or(wanted.map((r) => eb.and([eb('m.entity', '=', r.entity), eb('m.entityId', 'in', r.ids)]))))
    .orderBy('m.createdAt')
    .orderBy('m.id')
    .execute();
}

/** What an opportunity's campaigns are found through: the lead it came from, its customer and its contacts. */
export async function opportunityRelations(db: Kysely<DB>, opportunityId: number) {
  const [leads, opportunity, contacts] = await Promise.all([
    db.selectFrom('leads').select('id').where('convertedOpportunityId', '=', opportunityId).execute(),
    db.selectFrom('opportunities').select('customerId').where('id', '=', opportunityId).executeTakeFirst(),
    db.selectFrom('opportunityContacts').select('contactId').where('opportunityId', '=', opportunityId).execute(),
  ]);
  return {
    leadIds: leads.map((r) => r.id),
    customerIds: opportunity ? [opportunity.customerId] : [],
    contactIds: contacts.map((r) => r.contactId),
  };
}

/** A campaign's members (id, record and status), in the order they joined. */
export function membersOfCampaign(db: Kysely<DB>, campaignId: number) {
  return db
    .selectFrom('campaignMembers')
    .select(['id', 'entity', 'entityId', 'status'])
    .where('campaignId', '=', campaignId)
    .orderBy('id')
    .execute();
}

/** Moves a member to a status unless its status is one of `unless` (a later stage, or one that ends it). */
export async function advanceMemberStatus(db: Kysely<DB>, id: number, status: string, unless: string[], at: string) {
  await db
    .updateTable('campaignMembers')
    .set((eb) => ({ status, firstAt: eb.fn.coalesce('firstAt', eb.val(at)), lastAt: at }))
    .where('id', '=', id)
    .where('status', 'not in', unless)
    .execute();
}
