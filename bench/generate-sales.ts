import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../server/src/db/database.ts';
import { pick, seededRandom } from '../server/src/db/sample-data.ts';
import type { DB, FollowupTable, OpportunityTable } from '../server/src/db/schema.ts';
import { searchDocument } from '../server/src/platform/search.ts';

const notes = [
  '电话沟通采购计划，预计下季度招标',
  '上门拜访，演示产品功能',
  'Sent the revised quote',
  '微信确认样品已收到',
  'Meeting on delivery terms',
  '客户反馈价格偏高，申请折扣',
];
const day = 86_400_000;

/**
 * Adds follow-ups and opportunities to a generated dataset: each row belongs to a random customer and
 * its owner, follow-ups spread over the last two years, opportunities over the default pipeline with
 * close dates a year either side of today.
 */
export async function generateSalesData(
  db: Kysely<DB>,
  dialect: Dialect,
  counts: { followups: number; opportunities: number },
  log: (line: string) => void,
): Promise<void> {
  const random = seededRandom(7);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const { maxId } = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.max('id').as('maxId'))
    .executeTakeFirstOrThrow();
  const customerCount = Number(maxId);
  const owners = new Map<number, { ownerId: number | null; departmentId: number | null; name: string }>();
  const customerOf = async (ids: number[]) => {
    const missing = ids.filter((id) => !owners.has(id));
    for (let i = 0; i < missing.length; i += 5000) {
      const rows = await db
        .selectFrom('customers')
        .select(['id', 'ownerId', 'departmentId', 'name'])
        .where('id', 'in', missing.slice(i, i + 5000))
        .execute();
      for (const r of rows) owners.set(r.id, r);
    }
  };

  const started = Date.now();
  for (let start = 0; start < counts.followups; start += 50_000) {
    const end = Math.min(start + 50_000, counts.followups);
    const customerIds = Array.from({ length: end - start }, () => 1 + Math.floor(random() * customerCount));
    await customerOf([...new Set(customerIds)]);
    await db.transaction().execute(async (trx) => {
      for (let offset = 0; offset < customerIds.length; offset += 500) {
        const rows: Array<Insertable<FollowupTable>> = customerIds.slice(offset, offset + 500).map((customerId) => {
          const c = owners.get(customerId)!;
          const at = iso(now - Math.floor(random() * 730 * day));
          return {
            customerId,
            leadId: null,
            contactId: null,
            opportunityId: null,
            type: pick(random, ['call', 'visit', 'wechat', 'email']),
            occurredAt: at,
            contactName: null,
            content: pick(random, notes),
            result: null,
            nextStep: null,
            nextFollowupAt: null,
            checkinLatitude: null,
            checkinLongitude: null,
            checkinAddress: null,
            ownerId: c.ownerId,
            departmentId: c.departmentId,
            createdBy: c.ownerId,
            updatedBy: c.ownerId,
            createdAt: at,
            updatedAt: at,
            deletedAt: null,
            deletedBy: null,
          };
        });
        await trx.insertInto('followups').values(rows).execute();
      }
    });
    owners.clear();
    if (end % 500_000 === 0 || end === counts.followups)
      log(`  generated ${end.toLocaleString()} follow-ups (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }

  const pipeline = await db.selectFrom('pipelines').select('id').where('isDefault', '=', 1).executeTakeFirstOrThrow();
  const stages = await db
    .selectFrom('pipelineStages')
    .select(['id', 'kind', 'probability'])
    .where('pipelineId', '=', pipeline.id)
    .orderBy('sortOrder')
    .execute();
  await sql`insert into sequences (name, value) values ('opportunities', ${counts.opportunities}) on conflict (name) do update set value = ${counts.opportunities}`.execute(
    db,
  );
  for (let start = 0; start < counts.opportunities; start += 50_000) {
    const end = Math.min(start + 50_000, counts.opportunities);
    const customerIds = Array.from({ length: end - start }, () => 1 + Math.floor(random() * customerCount));
    await customerOf([...new Set(customerIds)]);
    await db.transaction().execute(async (trx) => {
      for (let offset = 0; offset < customerIds.length; offset += 500) {
        const rows: Array<Insertable<OpportunityTable>> = customerIds
          .slice(offset, offset + 500)
          .map((customerId, k) => {
            const c = owners.get(customerId)!;
            const stage = pick(random, stages);
            const created = now - Math.floor(random() * 730 * day);
            const closed = stage.kind === 'open' ? null : created + Math.floor(random() * (now - created));
            const code = `O${String(start + offset + k + 1).padStart(7, '0')}`;
            const name = `${c.name.slice(0, 10)} 项目`;
            return {
              code,
              name,
              customerId,
              pipelineId: pipeline.id,
              stageId: stage.id,
              status: stage.kind,
              amount: Math.floor(1 + random() * 100) * 1_000_000,
              currency: 'CNY',
              expectedCloseDate: iso(closed ?? now + Math.floor((random() - 0.5) * 730 * day)).slice(0, 10),
              probability: stage.probability,
              source: null,
              lostReason: stage.kind === 'lost' ? '价格' : null,
              nextStep: null,
              searchText: searchDocument([name, code, c.name]).text,
              stageEnteredAt: iso(closed ?? created),
              closedAt: closed ? iso(closed) : null,
              ownerId: c.ownerId,
              departmentId: c.departmentId,
              createdBy: c.ownerId,
              updatedBy: c.ownerId,
              createdAt: iso(created),
              updatedAt: iso(closed ?? created + Math.floor(random() * (now - created))),
              deletedAt: null,
              deletedBy: null,
            };
          });
        await trx.insertInto('opportunities').values(rows).execute();
      }
    });
    owners.clear();
    if (end % 100_000 === 0 || end === counts.opportunities)
      log(`  generated ${end.toLocaleString()} opportunities (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  if (dialect === 'postgres') await sql`analyze`.execute(db);
}
