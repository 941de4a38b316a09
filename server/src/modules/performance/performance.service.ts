import { fromMinorUnits, type Performance, type Target, type TargetMetric, toMinorUnits } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { TargetInput } from '@relate/common';
import type { DB } from '../../db/schema.ts';
import { readJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden } from '../../platform/errors.ts';
import { departmentSubtree, type Scope, scopeFor } from '../../platform/scope.ts';
import { converter } from '../opportunities/index.ts';
import { getSettings } from '../settings/index.ts';
import { periodBounds } from './periods.ts';
import { updatedStamps } from '../../platform/stamps.ts';
import * as repo from './performance.repository.ts';
import * as targetsRepo from './targets.repository.ts';

const isAmount = (metric: string) => metric === 'amountWon';
const valueOut = (metric: string, value: number) =>
  isAmount(metric) ? fromMinorUnits(Number(value)) : String(Number(value));

/** Whose results the caller may see: their opportunities' data scope decides (a rep sees only themself). */
async function visibleUsers(ctx: AppContext, actor: Actor, departmentId?: number) {
  const scope: Scope = await scopeFor(ctx.db, actor, 'opportunities');
  const departmentIds = departmentId ? await departmentSubtree(ctx.db, departmentId) : undefined;
  return repo.listActiveUsersInScope(ctx.db, scope, departmentIds);
}

const salesRoleCodes = ['sales_rep', 'sales_manager'];

/**
 * Who sells, and so is ranked: a holder of the built-in sales roles, or of a role the company made that
 * may create opportunities (the administrator's role may do everything, but does not make its holder a seller).
 */
async function sellersAmong<U extends { id: number }>(db: Kysely<DB>, users: U[]): Promise<U[]> {
  const roles = await repo.rolesOfUsers(
    db,
    users.map((u) => u.id),
  );
  const sells = new Set(
    roles
      .filter((r) =>
        r.code === null
          ? readJson<string[]>(r.permissions, []).includes('opportunities.create')
          : salesRoleCodes.includes(r.code),
      )
      .map((r) => r.userId),
  );
  return users.filter((u) => sells.has(u.id));
}

/**
 * Competition ranking ("1, 2, 2, 4"): equal results share a rank. Nobody is ranked for nothing: a person
 * whose measure is zero has no rank.
 */
export function ranks(values: number[]): Array<number | null> {
  return values.map((value) => (value > 0 ? 1 + values.filter((other) => other > value).length : null));
}

async function actualsOf(db: Kysely<DB>, userIds: number[], from: string, to: string) {
  if (!userIds.length) return { won: [], customers: [], followups: [] };
  const [won, customers, followups] = await Promise.all([
    repo.sumWonByOwner(db, userIds, from, to),
    repo.countCustomersByCreator(db, userIds, from, to),
    repo.countFollowupsByOwner(db, userIds, from, to),
  ]);
  return { won, customers, followups };
}

/**
 * Results of each person the caller may see for a period — amount won, deals, new customers,
 * follow-ups — with their targets, ranked by the chosen measure (the leaderboard).
 */
export async function performance(
  ctx: AppContext,
  actor: Actor,
  query: { period: string; departmentId?: number; sort: TargetMetric },
): Promise<Performance> {
  const settings = await getSettings(ctx.db);
  const { from, to } = periodBounds(query.period, settings.timezone);
  const users = await sellersAmong(ctx.db, await visibleUsers(ctx, actor, query.departmentId));
  const ids = users.map((u) => u.id);
  const actual = await actualsOf(ctx.db, ids, from, to);
  const targets = ids.length ? await targetsRepo.listUserTargetsOfPeriod(ctx.db, ids, query.period) : [];
  // Each currency is summed by the database, then converted to the default currency as the forecast does.
  const convert = converter(settings);
  const rows = users.map((u) => {
    const won = actual.won
      .filter((w) => w.ownerId === u.id)
      .reduce(
        (s, w) => ({ amount: s.amount + convert(Number(w.amount), w.currency), deals: s.deals + Number(w.deals) }),
        { amount: 0, deals: 0 },
      );
    const target = (metric: TargetMetric) => {
      const row = targets.find((x) => x.scopeId === u.id && x.metric === metric);
      return row ? valueOut(metric, row.value) : null;
    };
    return {
      userId: u.id,
      userName: u.displayName,
      departmentId: u.departmentId,
      amountMinor: won.amount,
      deals: won.deals,
      newCustomers: Number(actual.customers.find((c) => c.createdBy === u.id)?.n ?? 0),
      followups: Number(actual.followups.find((f) => f.ownerId === u.id)?.n ?? 0),
      targets: { amountWon: target('amountWon'), newCustomers: target('newCustomers'), followups: target('followups') },
    };
  });
  const key = (r: (typeof rows)[number]) => (query.sort === 'amountWon' ? r.amountMinor : r[query.sort]);
  rows.sort((a, b) => key(b) - key(a) || a.userName.localeCompare(b.userName) || a.userId - b.userId);
  const rankOf = ranks(rows.map(key));
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((total, r) => total + pick(r), 0);
  return {
    period: query.period,
    from,
    to,
    rows: rows.map(({ amountMinor, ...r }, i) => ({ rank: rankOf[i], ...r, amountWon: fromMinorUnits(amountMinor) })),
    totals: {
      amountWon: fromMinorUnits(sum((r) => r.amountMinor)),
      deals: sum((r) => r.deals),
      newCustomers: sum((r) => r.newCustomers),
      followups: sum((r) => r.followups),
      targets: { amountWon: null, newCustomers: null, followups: null },
    },
  };
}

/**
 * Each person's amount won in a month — won opportunities closed in it, converted to the default currency as
 * the leaderboard sums them — against their amount-won target for the month (minor units; null without one).
 */
export async function amountWonAgainstTarget(
  ctx: AppContext,
  userIds: number[],
  month: string,
): Promise<Map<number, { achieved: number; target: number | null }>> {
  if (!userIds.length) return new Map();
  const settings = await getSettings(ctx.db);
  const { from, to } = periodBounds(month, settings.timezone);
  const [won, targets] = await Promise.all([
    repo.sumWonByOwner(ctx.db, userIds, from, to),
    targetsRepo.listUserTargetsOfPeriod(ctx.db, userIds, month),
  ]);
  const convert = converter(settings);
  return new Map(
    userIds.map((id) => {
      const target = targets.find((x) => x.scopeId === id && x.metric === 'amountWon');
      const achieved = won
        .filter((w) => w.ownerId === id)
        .reduce((sum, w) => sum + convert(Number(w.amount), w.currency), 0);
      return [id, { achieved, target: target ? Number(target.value) : null }];
    }),
  );
}

export async function listTargets(
  ctx: AppContext,
  actor: Actor,
  query: { period?: string; year?: number; scopeType?: string; scopeId?: number },
): Promise<Target[]> {
  const users = await visibleUsers(ctx, actor);
  const departments = new Set(users.map((u) => u.departmentId));
  const rows = await targetsRepo.listTargetsWithScopeNames(ctx.db, query);
  return rows
    .filter((r) => (r.scopeType === 'user' ? users.some((u) => u.id === r.scopeId) : departments.has(r.scopeId)))
    .map((r) => ({
      id: r.id,
      scopeType: r.scopeType as Target['scopeType'],
      scopeId: r.scopeId,
      scopeName: (r.scopeType === 'user' ? r.displayName : r.departmentName) ?? '',
      metric: r.metric as TargetMetric,
      period: r.period,
      value: valueOut(r.metric, r.value),
    }));
}

/** Sets targets (insert or replace) for people and departments within the caller's scope. */
export async function saveTargets(
  ctx: AppContext,
  actor: Actor,
  targets: Array<z.output<typeof TargetInput>>,
): Promise<Target[]> {
  const users = await visibleUsers(ctx, actor);
  const scope = await scopeFor(ctx.db, actor, 'opportunities');
  for (const [i, target] of targets.entries()) {
    if (!isAmount(target.metric) && target.value.includes('.')) throw fieldError(`targets.${i}.value`, 'mustBeInteger');
    const allowed =
      target.scopeType === 'user'
        ? users.some((u) => u.id === target.scopeId)
        : scope.kind === 'all' || (scope.kind === 'departments' && scope.departmentIds.includes(target.scopeId));
    if (!allowed) throw forbidden();
  }
  const now = nowIso();
  await inTransaction(ctx, async (ctx) => {
    for (const target of targets) {
      const value = isAmount(target.metric) ? toMinorUnits(target.value) : Number(target.value);
      await targetsRepo.upsertTarget(ctx.db, {
        scopeType: target.scopeType,
        scopeId: target.scopeId,
        metric: target.metric,
        period: target.period,
        value,
        ...updatedStamps(actor, now),
      });
    }
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'targets', entityId: null, detail: { targets } });
  });
  return listTargets(ctx, actor, { period: targets[0].period });
}
