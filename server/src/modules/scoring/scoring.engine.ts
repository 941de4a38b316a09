import type { ScoringEntity, ScoringEvent } from '@relate/common';
import type { Insertable, Kysely } from 'kysely';
import { readJson } from '../../db/json.ts';
import type { DB, ScoreEventTable } from '../../db/schema.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import * as repo from './scoring.repository.ts';

/**
 * How scores are worked out. A record's reasons are rows of `score_events`; its score in a group is the sum
 * of the group's open reasons' current points, and its `score` column is the default group's (summed by the
 * database, refreshed whenever its reasons change).
 *
 * - Field rules: evaluated when a record is written and when rules change (recompute). A matching rule has
 *   one open reason per record; one no longer matching (or changed, switched off, deleted) is ended.
 * - Behaviour rules: a reason per event, capped per rule and record within the cap's days.
 * - Decay (per group): a behaviour reason's current points are its points less `decayPercent` % (rounded
 *   towards zero) for every whole `decayDays` days since it happened; older than `expireDays`, it ends.
 * - No activity N days: the nightly run gives an idle record the rule's (negative) points once; the record's
 *   next activity ends that reason.
 * - A score set by hand is kept as a reason ("manual") making the total what was typed.
 * Working everything out again gives the same reasons: recompute is idempotent.
 */

const dayMs = 86_400_000;
type Rule = repo.RuleRow;
type Group = repo.GroupRow;

const isEmpty = (value: unknown) => value === null || value === undefined || String(value).trim() === '';
const norm = (value: unknown) =>
  String(value ?? '')
    .trim()
    .toLowerCase();

/** Whether a record's field satisfies a field rule. */
export function fieldMatches(
  rule: Pick<Rule, 'field' | 'operator' | 'value'>,
  record: Record<string, unknown>,
): boolean {
  const actual = record[rule.field ?? ''];
  const expected = readJson<unknown>(rule.value, null);
  switch (rule.operator) {
    case 'is_set':
      return !isEmpty(actual);
    case 'equals':
      return !isEmpty(actual) && norm(actual) === norm(expected);
    case 'in':
      return !isEmpty(actual) && Array.isArray(expected) && expected.some((v) => norm(v) === norm(actual));
    case 'contains':
      return !isEmpty(actual) && !isEmpty(expected) && norm(actual).includes(norm(expected));
    case 'gt': {
      const n = Number(String(actual ?? '').trim());
      return !isEmpty(actual) && Number.isFinite(n) && typeof expected === 'number' && n > expected;
    }
    default:
      return false;
  }
}

/** A behaviour reason's points after decay at `at`, and the whole periods that have passed. */
export function decayed(
  points: number,
  occurredAt: string,
  group: Group,
  at: Date,
): { current: number; steps: number } {
  if (!group.decayPercent) return { current: points, steps: 0 };
  const age = at.getTime() - new Date(occurredAt).getTime();
  const steps = Math.max(0, Math.min(200, Math.floor(age / (group.decayDays * dayMs))));
  let current = points;
  for (let i = 0; i < steps && current !== 0; i++) current = Math.trunc((current * (100 - group.decayPercent)) / 100);
  return { current, steps };
}

function expired(occurredAt: string, group: Group, at: Date): boolean {
  return group.expireDays != null && at.getTime() - new Date(occurredAt).getTime() >= group.expireDays * dayMs;
}

const recordKey = (entity: ScoringEntity, id: number) =>
  entity === 'leads' ? { leadId: id, contactId: null } : { leadId: null, contactId: id };

async function defaultGroupId(db: Kysely<DB>): Promise<number | null> {
  return (await repo.findDefaultGroup(db))?.id ?? null;
}

/**
 * Works out the field rules, decay and orphaned reasons of records in the caller's transaction and writes
 * their scores; `manualScore` (one record) keeps a score typed by hand as the total.
 */
/**
 * Scores records just written in bulk (an import): a new record has no reasons yet, so only field rules can
 * give it points, and a batch costs no reads when no active rule looks at its kind's fields.
 */
export async function scoreNewRecords(db: Kysely<DB>, entity: ScoringEntity, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const rules = await repo.listActiveRules(db);
  if (!rules.some((r) => r.kind === 'field' && r.entity === entity)) return;
  await scoreRecords(db, entity, ids);
}

export async function scoreRecords(
  db: Kysely<DB>,
  entity: ScoringEntity,
  ids: number[],
  options: { manualScore?: number; at?: Date } = {},
): Promise<void> {
  if (!ids.length) return;
  const at = options.at ?? new Date();
  const atIso = at.toISOString();
  const [groups, rules, records, open] = await Promise.all([
    repo.listGroups(db),
    repo.listActiveRules(db),
    repo.recordFields(db, entity, ids),
    repo.openEventsOf(db, entity, ids),
  ]);
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const fieldRules = rules.filter((r) => r.kind === 'field' && r.entity === entity && groupById.has(r.groupId));
  const toEnd: number[] = [];
  const toInsert: Array<Insertable<ScoreEventTable>> = [];
  const column = entity === 'leads' ? 'leadId' : 'contactId';
  for (const record of records) {
    const mine = open.filter((e) => e[column] === record.id);
    for (const rule of fieldRules) {
      const current = mine.find((e) => e.ruleId === rule.id && e.kind === 'field');
      const matches = fieldMatches(rule, record);
      if (current && (!matches || current.points !== rule.points || current.reason !== rule.name))
        toEnd.push(current.id);
      if (matches && (!current || current.points !== rule.points || current.reason !== rule.name))
        toInsert.push({
          groupId: rule.groupId,
          ruleId: rule.id,
          ...recordKey(entity, record.id),
          kind: 'field',
          event: null,
          points: rule.points,
          currentPoints: rule.points,
          reason: rule.name,
          sourceRef: null,
          occurredAt: atIso,
          createdAt: atIso,
        });
    }
    for (const event of mine) {
      const ruleGone = event.ruleId !== null && (!ruleById.has(event.ruleId) || !groupById.has(event.groupId));
      const fieldRuleElsewhere =
        event.kind === 'field' && event.ruleId !== null && ruleById.get(event.ruleId)?.entity !== entity;
      if (ruleGone || fieldRuleElsewhere) toEnd.push(event.id);
      else if (event.kind === 'behaviour') {
        const group = groupById.get(event.groupId);
        if (!group) continue;
        if (expired(event.occurredAt, group, at)) toEnd.push(event.id);
        else {
          const { current, steps } = decayed(event.points, event.occurredAt, group, at);
          if (current !== event.currentPoints || steps !== event.decaySteps)
            await repo.setCurrentPoints(db, event.id, current, steps);
        }
      }
    }
  }
  await repo.endEvents(db, [...new Set(toEnd)], atIso);
  await repo.insertEvents(db, toInsert);
  const defaultId = await defaultGroupId(db);
  if (defaultId === null) return;
  if (options.manualScore !== undefined && records.length === 1) {
    const id = records[0]!.id;
    const manual = (await repo.openEventsOf(db, entity, [id])).filter((e) => e.groupId === defaultId);
    await repo.endEvents(
      db,
      manual.filter((e) => e.kind === 'manual').map((e) => e.id),
      atIso,
    );
    const others = manual.filter((e) => e.kind !== 'manual').reduce((sum, e) => sum + e.currentPoints, 0);
    const points = options.manualScore - others;
    if (points !== 0)
      await repo.insertEvents(db, [
        {
          groupId: defaultId,
          ruleId: null,
          ...recordKey(entity, id),
          kind: 'manual',
          event: null,
          points,
          currentPoints: points,
          reason: 'manual',
          sourceRef: null,
          occurredAt: atIso,
          createdAt: atIso,
        },
      ]);
  }
  await repo.refreshScores(db, entity, ids, defaultId);
}

export type BehaviourInput = {
  kind: Exclude<ScoringEvent, 'no_activity'>;
  leadId?: number | null;
  contactId?: number | null;
  at?: Date;
  /** What the event was (a submission, a campaign member, a follow-up, a message), e.g. `webForm:12`. */
  sourceRef?: string | null;
};

/**
 * Records what a lead or contact did, in the caller's transaction: each active behaviour rule on the event
 * gives its points (within its cap), and any "no activity" reason of the record ends. An event no rule scores
 * is kept at 0 points in the default group, as the record's latest activity.
 */
export async function recordBehaviour(db: Kysely<DB>, input: BehaviourInput): Promise<void> {
  const targets: Array<[ScoringEntity, number]> = [];
  if (input.leadId) targets.push(['leads', input.leadId]);
  if (input.contactId) targets.push(['contacts', input.contactId]);
  if (!targets.length) return;
  const at = input.at ?? new Date();
  const atIso = at.toISOString();
  const [groups, rules] = await Promise.all([repo.listGroups(db), repo.listActiveRules(db)]);
  const groupIds = new Set(groups.map((g) => g.id));
  const scoring = rules.filter((r) => r.kind === 'behaviour' && r.event === input.kind && groupIds.has(r.groupId));
  const defaultId = groups.find((g) => g.isDefault)?.id ?? null;
  for (const [entity, id] of targets) {
    const open = await repo.openEventsOf(db, entity, [id]);
    await repo.endEvents(
      db,
      open.filter((e) => e.kind === 'no_activity').map((e) => e.id),
      atIso,
    );
    const rows: Array<Insertable<ScoreEventTable>> = [];
    for (const rule of scoring) {
      let points = rule.points;
      if (rule.capPoints != null && rule.capDays != null) {
        const since = new Date(at.getTime() - rule.capDays * dayMs).toISOString();
        const given = await repo.rulePointsSince(db, entity, id, rule.id, since);
        const room = Math.max(0, rule.capPoints - Math.abs(given));
        points = Math.sign(points) * Math.min(Math.abs(points), room);
      }
      if (points !== 0)
        rows.push({
          groupId: rule.groupId,
          ruleId: rule.id,
          ...recordKey(entity, id),
          kind: 'behaviour',
          event: input.kind,
          points,
          currentPoints: points,
          reason: rule.name,
          sourceRef: input.sourceRef ?? null,
          occurredAt: atIso,
          createdAt: new Date().toISOString(),
        });
    }
    if (!rows.length && defaultId !== null)
      rows.push({
        groupId: defaultId,
        ruleId: null,
        ...recordKey(entity, id),
        kind: 'behaviour',
        event: input.kind,
        points: 0,
        currentPoints: 0,
        reason: input.kind,
        sourceRef: input.sourceRef ?? null,
        occurredAt: atIso,
        createdAt: new Date().toISOString(),
      });
    await repo.insertEvents(db, rows);
    if (defaultId !== null) await repo.refreshScores(db, entity, [id], defaultId);
  }
}

const batchSize = 500;

/** Works every record's reasons out again, a batch of records per transaction (idempotent, so a retried run is safe). */
export async function recomputeAll(ctx: AppContext, at = new Date()): Promise<void> {
  for (const entity of ['leads', 'contacts'] as const) {
    let after = 0;
    for (;;) {
      const ids = await repo.recordIdsAfter(ctx.db, entity, after, batchSize);
      if (!ids.length) break;
      await inTransaction(ctx.db, (db) => scoreRecords(db, entity, ids, { at }));
      after = ids[ids.length - 1]!;
    }
  }
}

/**
 * The nightly run at `at`: decay and expiry of behaviour reasons (with every record's field rules, as a
 * recompute), then "no activity" reasons for records idle for a rule's days.
 */
export async function nightlyScoring(ctx: AppContext, at = new Date()): Promise<void> {
  await recomputeAll(ctx, at);
  const idleRules = (await repo.listActiveRules(ctx.db)).filter(
    (r) => r.kind === 'behaviour' && r.event === 'no_activity' && r.days != null,
  );
  const groups = await repo.listGroups(ctx.db);
  const groupIds = new Set(groups.map((g) => g.id));
  const defaultId = groups.find((g) => g.isDefault)?.id ?? null;
  const live = idleRules.filter((r) => groupIds.has(r.groupId));
  if (!live.length) return;
  const atIso = at.toISOString();
  for (const entity of ['leads', 'contacts'] as const) {
    const column = entity === 'leads' ? 'leadId' : 'contactId';
    let after = 0;
    for (;;) {
      const ids = await repo.recordIdsAfter(ctx.db, entity, after, batchSize);
      if (!ids.length) break;
      after = ids[ids.length - 1]!;
      await inTransaction(ctx.db, async (db) => {
        const [activities, open] = await Promise.all([
          repo.lastActivities(db, entity, ids),
          repo.openEventsOf(db, entity, ids),
        ]);
        const rows: Array<Insertable<ScoreEventTable>> = [];
        const touched = new Set<number>();
        for (const id of ids) {
          const times = (activities.get(id) ?? []).map((t) => new Date(t).getTime());
          const last = times.length ? Math.max(...times) : at.getTime();
          for (const rule of live) {
            if (at.getTime() - last < rule.days! * dayMs) continue;
            if (open.some((e) => e[column] === id && e.ruleId === rule.id)) continue;
            touched.add(id);
            rows.push({
              groupId: rule.groupId,
              ruleId: rule.id,
              ...recordKey(entity, id),
              kind: 'no_activity',
              event: 'no_activity',
              points: rule.points,
              currentPoints: rule.points,
              reason: rule.name,
              sourceRef: null,
              occurredAt: atIso,
              createdAt: atIso,
            });
          }
        }
        await repo.insertEvents(db, rows);
        if (defaultId !== null) await repo.refreshScores(db, entity, [...touched], defaultId);
      });
    }
  }
}

/** A lead's or contact's score (the default group's total), on the caller's handle. */
export function scoreOf(db: Kysely<DB>, entity: ScoringEntity, id: number): Promise<number> {
  return repo.recordScore(db, entity, id);
}
