import { type Insertable, type Kysely, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { CampaignSequenceRunTable, CampaignSequenceStepTable, DB } from '../../db/schema.ts';

export function findSequenceOf(db: Kysely<DB>, campaignId: number) {
  return db
    .selectFrom('campaignSequences as s')
    .leftJoin('users as u', 'u.id', 's.startedBy')
    .selectAll('s')
    .select('u.displayName as startedByName')
    .where('s.campaignId', '=', campaignId)
    .executeTakeFirst();
}
export type SequenceRow = NonNullable<Awaited<ReturnType<typeof findSequenceOf>>>;

export function findSequence(db: Kysely<DB>, id: number) {
  return db.selectFrom('campaignSequences').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSequence(db: Kysely<DB>, row: Insertable<DB['campaignSequences']>): Promise<number> {
  return (await db.insertInto('campaignSequences').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Changes a sequence when its status is one of `from`; answers whether it did. */
export async function updateSequence(
  db: Kysely<DB>,
  id: number,
  from: string[],
  patch: Partial<{ status: string; perSecond: number; origin: string; startedBy: number; startedAt: string }> & {
    updatedAt: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('campaignSequences')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSequence(db: Kysely<DB>, id: number) {
  await db.deleteFrom('campaignSequences').where('id', '=', id).execute();
}

export async function replaceSteps(
  db: Kysely<DB>,
  sequenceId: number,
  steps: Array<Omit<Insertable<CampaignSequenceStepTable>, 'sequenceId'>>,
) {
  await db.deleteFrom('campaignSequenceSteps').where('sequenceId', '=', sequenceId).execute();
  await db
    .insertInto('campaignSequenceSteps')
    .values(steps.map((step) => ({ ...step, sequenceId })))
    .execute();
}

export function stepsOf(db: Kysely<DB>, sequenceId: number) {
  return db
    .selectFrom('campaignSequenceSteps')
    .selectAll()
    .where('sequenceId', '=', sequenceId)
    .orderBy('position')
    .execute();
}
export type StepRow = Awaited<ReturnType<typeof stepsOf>>[number];

export async function setStepSend(db: Kysely<DB>, stepId: number, sendId: number) {
  await db.updateTable('campaignSequenceSteps').set({ sendId }).where('id', '=', stepId).execute();
}

export function activeSequences(db: Kysely<DB>) {
  return db.selectFrom('campaignSequences').selectAll().where('status', '=', 'active').orderBy('id').execute();
}

/**
 * Enters the members of the campaign not yet in the sequence at its first step; a member already in it stays
 * where it is (unique per sequence and member, so a run beside this one enters nobody twice). Answers how many.
 */
export async function enterMembers(
  db: Kysely<DB>,
  sequence: { id: number; campaignId: number },
  first: { stepId: number; state: string; nextRunAt: string },
  at: string,
): Promise<number> {
  const newcomers = await db
    .selectFrom('campaignMembers as m')
    .select('m.id')
    .where('m.campaignId', '=', sequence.campaignId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('campaignSequencePositions as p')
            .select('p.id')
            .where('p.sequenceId', '=', sequence.id)
            .whereRef('p.memberId', '=', 'm.id'),
        ),
      ),
    )
    .orderBy('m.id')
    .execute();
  let entered = 0;
  for (let i = 0; i < newcomers.length; i += 500) {
    const rows = await db
      .insertInto('campaignSequencePositions')
      .values(
        newcomers.slice(i, i + 500).map((m) => ({
          sequenceId: sequence.id,
          memberId: m.id,
          stepId: first.stepId,
          state: first.state,
          enteredAt: at,
          stepAt: at,
          nextRunAt: first.nextRunAt,
        })),
      )
      .onConflict((oc) => oc.columns(['sequenceId', 'memberId']).doNothing())
      .returning('id')
      .execute();
    entered += rows.length;
  }
  return entered;
}

/**
 * Stops, in one statement per reason, the members still moving through a sequence who converted (the campaign
 * membership or the lead says so, or a deal of the campaign at their customer was won), unsubscribed from the
 * campaign, or withdrew consent on a channel the sequence sends on. Answers how many stopped.
 */
export async function stopLeavers(
  db: Kysely<DB>,
  sequence: { id: number; campaignId: number },
  channels: Array<'email' | 'sms'>,
  at: string,
): Promise<number> {
  const campaignId = sequence.campaignId;
  const conditions = {
    converted: sql<boolean>`(m.status = 'converted'
      or (m.entity = 'leads' and exists (select 1 from leads l where l.id = m.entity_id and l.status = 'converted'))
      or (m.entity in ('contacts', 'customers') and exists (
        select 1 from opportunities o
        where o.campaign_id = ${campaignId} and o.status = 'won' and o.deleted_at is null
          and o.customer_id = case when m.entity = 'customers' then m.entity_id
            else (select c.customer_id from contacts c where c.id = m.entity_id) end)))`,
    unsubscribed: sql<boolean>`m.status = 'unsubscribed'`,
    consentWithdrawn: channels.length
      ? sql<boolean>`((m.entity = 'contacts' and exists (select 1 from contact_consents k
            where k.contact_id = m.entity_id and k.state = 'withdrawn' and k.channel in (${sql.join(channels)})))
          or (m.entity = 'leads' and exists (select 1 from lead_consents k
            where k.lead_id = m.entity_id and k.state = 'withdrawn' and k.channel in (${sql.join(channels)})))
          or (m.entity = 'customers' and exists (select 1 from customer_consents k
            where k.customer_id = m.entity_id and k.state = 'withdrawn' and k.channel in (${sql.join(channels)}))))`
      : sql<boolean>`1 = 0`,
  };
  let stopped = 0;
  for (const [reason, condition] of Object.entries(conditions)) {
    const result = await db
      .updateTable('campaignSequencePositions')
      .set({ state: 'stopped', stopReason: reason, nextRunAt: null, finishedAt: at, claimedBy: null, claimedAt: null })
      .where('sequenceId', '=', sequence.id)
      .where('state', 'in', ['active', 'waiting'])
      .where('memberId', 'in', (eb) =>
        eb.selectFrom('campaignMembers as m').select('m.id').where('m.campaignId', '=', campaignId).where(condition),
      )
      .executeTakeFirst();
    stopped += Number(result.numUpdatedRows);
  }
  return stopped;
}

export type ClaimedPosition = {
  id: number;
  sequenceId: number;
  memberId: number;
  stepId: number;
  state: string;
  stepAt: string;
  nextRunAt: string;
};

/**
 * Claims up to `limit` due members of active sequences for one run, by one conditional update (PostgreSQL skips
 * rows another run is claiming at that moment): due, and not claimed by a run, or claimed so long ago that the
 * run must have stopped.
 */
export async function claimDue(
  db: Kysely<DB>,
  dialect: Dialect,
  run: { worker: string; now: string; staleBefore: string; limit: number },
): Promise<ClaimedPosition[]> {
  const lock = dialect === 'postgres' ? sql` for update skip locked` : sql``;
  const free = sql`(claimed_at is null or claimed_at < ${run.staleBefore})`;
  const { rows } = await sql<ClaimedPosition>`
    update campaign_sequence_positions set claimed_by = ${run.worker}, claimed_at = ${run.now}
    where id in (
      select id from campaign_sequence_positions
      where state in ('active', 'waiting') and next_run_at <= ${run.now} and ${free}
        and sequence_id in (select id from campaign_sequences where status = 'active')
      order by next_run_at, id limit ${run.limit}${lock})
      and ${free}
    returning id, sequence_id, member_id, step_id, state, step_at, next_run_at`.execute(db);
  // Worked through in the order they fell due (an update's rows come back in no particular order).
  return rows.sort((a, b) => (a.nextRunAt < b.nextRunAt ? -1 : a.nextRunAt > b.nextRunAt ? 1 : a.id - b.id));
}

/** Renews a run's claim just before it works on the member; false when another run has taken it meanwhile. */
export async function renewClaim(db: Kysely<DB>, id: number, worker: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('campaignSequencePositions')
    .set({ claimedAt: at })
    .where('id', '=', id)
    .where('claimedBy', '=', worker)
    .where('state', 'in', ['active', 'waiting'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Moves a member the run has claimed to its next place (a step, or out of the sequence), releasing the claim;
 * a member stopped meanwhile stays stopped.
 */
export async function moveMember(
  db: Kysely<DB>,
  id: number,
  worker: string,
  place: {
    stepId: number | null;
    state: string;
    stepAt?: string;
    nextRunAt: string | null;
    finishedAt?: string | null;
    error?: string | null;
  },
) {
  await db
    .updateTable('campaignSequencePositions')
    .set({ ...place, claimedBy: null, claimedAt: null })
    .where('id', '=', id)
    .where('claimedBy', '=', worker)
    .where('state', 'in', ['active', 'waiting'])
    .execute();
}

/** What a step needs of each member: its record's name, owner, addresses, customer and whether it still exists. */
export function membersOf(db: Kysely<DB>, memberIds: number[]) {
  if (!memberIds.length) return Promise.resolve([]);
  return db
    .selectFrom('campaignMembers as m')
    .leftJoin('leads as l', (j) => j.onRef('l.id', '=', 'm.entityId').on('m.entity', '=', 'leads'))
    .leftJoin('contacts as ct', (j) => j.onRef('ct.id', '=', 'm.entityId').on('m.entity', '=', 'contacts'))
    .leftJoin('customers as cu', (j) => j.onRef('cu.id', '=', 'm.entityId').on('m.entity', '=', 'customers'))
    .select([
      'm.id',
      'm.campaignId',
      'm.entity',
      'm.entityId',
      'm.status',
      sql<string | null>`coalesce(l.name, ct.name, cu.name)`.as('name'),
      sql<number | null>`coalesce(l.owner_id, ct.owner_id, cu.owner_id)`.as('ownerId'),
      sql<string | null>`coalesce(l.email, ct.email, cu.email)`.as('email'),
      sql<string | null>`coalesce(l.mobile, ct.mobile)`.as('mobile'),
      sql<string | null>`coalesce(l.phone, ct.phone, cu.phone)`.as('phone'),
      sql<number | null>`coalesce(ct.customer_id, cu.id)`.as('customerId'),
      sql<string | null>`coalesce(l.company, ct.customer_name, cu.name)`.as('customerName'),
    ])
    .where('m.id', 'in', memberIds)
    .execute();
}
export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

/** Records that a run takes a member through a step, before it does anything: null when it was recorded before. */
export async function insertRun(db: Kysely<DB>, row: Insertable<CampaignSequenceRunTable>): Promise<number | null> {
  const inserted = await db
    .insertInto('campaignSequenceRuns')
    .values(row)
    .onConflict((oc) => oc.columns(['positionId', 'stepId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export function findRun(db: Kysely<DB>, positionId: number, stepId: number) {
  return db
    .selectFrom('campaignSequenceRuns')
    .selectAll()
    .where('positionId', '=', positionId)
    .where('stepId', '=', stepId)
    .executeTakeFirst();
}

/** Ends a run still running: done, skipped or failed, with the branch's way or the reason. */
export async function finishRun(
  db: Kysely<DB>,
  id: number,
  patch: { status: 'done' | 'skipped' | 'failed'; outcome?: string | null; reason?: string | null; finishedAt: string },
) {
  await db
    .updateTable('campaignSequenceRuns')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** The campaign's members and where those in the sequence stand, counted by the database. */
export async function positionCounts(db: Kysely<DB>, sequenceId: number, campaignId: number) {
  const [states, members] = await Promise.all([
    db
      .selectFrom('campaignSequencePositions')
      .select(['state', 'stopReason', 'stepId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('sequenceId', '=', sequenceId)
      .groupBy(['state', 'stopReason', 'stepId'])
      .execute(),
    db
      .selectFrom('campaignMembers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaignId', '=', campaignId)
      .executeTakeFirstOrThrow(),
  ]);
  return { states, members: Number(members.n) };
}

/** Each step's runs by state, way and reason, counted by the database. */
export function runCounts(db: Kysely<DB>, sequenceId: number) {
  return db
    .selectFrom('campaignSequenceRuns')
    .select(['stepId', 'status', 'outcome', 'reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sequenceId', '=', sequenceId)
    .groupBy(['stepId', 'status', 'outcome', 'reason'])
    .execute();
}
