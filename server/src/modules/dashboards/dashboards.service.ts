import {
  type BuiltinDashboard,
  builtinDashboards,
  type Dashboard,
  DashboardInput,
  type DashboardPatch,
  DashboardWidget,
  type HomeDashboardChoice,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import {
  listSavedReports,
  mayReportOn,
  replaceShares,
  sharedDashboards,
  sharedWith,
  sharesOf,
  shareTargets,
  viewerOf,
} from '../reports/index.ts';
import { builtinDashboardSpecs } from './builtin-dashboards.ts';
import * as repo from './dashboards.repository.ts';

type Row = Awaited<ReturnType<typeof repo.listVisibleDashboards>>[number];

/** The dashboards of these rows, each with its shares and the roles whose home page shows it. */
async function toDashboards(ctx: AppContext, actor: Actor, rows: Row[]): Promise<Dashboard[]> {
  const ids = rows.map((r) => r.id);
  const [shares, homes] = await Promise.all([
    sharesOf(ctx.db, sharedDashboards, ids),
    repo.rolesShowingAtHome(ctx.db, ids),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    builtin: row.builtin as BuiltinDashboard | null,
    widgets: DashboardWidget.array().parse(readJson(row.widgets, [])),
    period: row.period as Dashboard['period'],
    refreshMinutes: row.refreshMinutes,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    mine: row.ownerId !== null && row.ownerId === actor.userId,
    ...sharedWith(shares, row.id),
    homeOfRoleIds: homes.filter((role) => role.homeDashboardId === row.id).map((role) => role.id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

/** The dashboards the caller sees: built in, their own, and those shared with them. */
export async function listDashboards(ctx: AppContext, actor: Actor): Promise<Dashboard[]> {
  return toDashboards(ctx, actor, await repo.listVisibleDashboards(ctx.db, await viewerOf(ctx, actor)));
}

export async function getDashboard(ctx: AppContext, actor: Actor, id: number): Promise<Dashboard> {
  const [dashboard] = await dashboardsSeenBy(ctx, actor, [id]);
  if (!dashboard) throw notFound();
  return dashboard;
}

/** Those of these dashboards the caller sees, in the order asked, each once; the others are left out. */
export async function dashboardsSeenBy(ctx: AppContext, actor: Actor, ids: number[]): Promise<Dashboard[]> {
  const asked = [...new Set(ids)];
  if (!asked.length) return [];
  const seen = await toDashboards(
    ctx,
    actor,
    await repo.listVisibleDashboards(ctx.db, await viewerOf(ctx, actor), asked),
  );
  return asked.flatMap((id) => seen.filter((d) => d.id === id));
}

/**
 * The dashboards a role's home page may show, which every user of the role sees whatever their
 * department: the built-in ones, and those shared with the role (`roleId` null, a role not yet saved:
 * the built-in ones).
 */
export async function listHomeDashboardChoices(db: Kysely<DB>, roleId: number | null): Promise<HomeDashboardChoice[]> {
  const rows = await repo.listRoleWideDashboards(db, roleId);
  return rows.map((row) => ({ ...row, builtin: row.builtin as BuiltinDashboard | null }));
}

/**
 * Why a dashboard may not be shown on a role's home page: it does not exist (`unknown`), or not every
 * user of the role sees it (`notShared`); null when it may.
 */
export async function homeDashboardRefusal(
  db: Kysely<DB>,
  roleId: number | null,
  dashboardId: number,
): Promise<'unknown' | 'notShared' | null> {
  if ((await repo.listRoleWideDashboards(db, roleId, dashboardId)).length) return null;
  return (await repo.dashboardExists(db, dashboardId)) ? 'notShared' : 'unknown';
}

type Input = z.output<typeof DashboardInput>;

/**
 * Every widget shows a source the caller may report on, or a saved report they see; the shares name
 * roles and departments that exist.
 */
async function checkInput(ctx: AppContext, actor: Actor, input: Input) {
  const reportIds = new Set(input.widgets.flatMap((w) => (w.reportId === null ? [] : [w.reportId])));
  const visible = reportIds.size ? new Set((await listSavedReports(ctx, actor)).map((r) => r.id)) : new Set();
  input.widgets.forEach((widget, i) => {
    if (widget.definition && !mayReportOn(actor, widget.definition.source))
      throw fieldError(`widgets.${i}.definition.source`, 'reportSourceForbidden');
    if (widget.reportId !== null && !visible.has(widget.reportId))
      throw fieldError(`widgets.${i}.reportId`, 'dashboardReportUnknown');
  });
  return shareTargets(ctx, input);
}

export async function createDashboard(ctx: AppContext, actor: Actor, body: DashboardInput): Promise<Dashboard> {
  const input = DashboardInput.parse(body);
  const targets = await checkInput(ctx, actor, input);
  const at = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const { id } = await repo.insertDashboard(ctx.db, {
      name: input.name,
      builtin: null,
      widgets: writeJson(input.widgets),
      period: input.period,
      refreshMinutes: input.refreshMinutes,
      ownerId: actor.userId,
      createdAt: at,
      updatedAt: at,
    });
    await replaceShares(ctx.db, sharedDashboards, id, targets.roleIds, targets.departmentIds);
    return id;
  });
  return getDashboard(ctx, actor, id);
}

/**
 * Only its owner changes or deletes a dashboard; those it is shared with, and everyone for a built-in
 * one, may read it (403: copy it to change it); others do not see it (404).
 */
async function ownDashboard(ctx: AppContext, actor: Actor, id: number): Promise<Dashboard> {
  const dashboard = await getDashboard(ctx, actor, id);
  if (!dashboard.mine) throw new AppError('FORBIDDEN');
  return dashboard;
}

export async function updateDashboardOf(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: DashboardPatch,
): Promise<Dashboard> {
  const current = await ownDashboard(ctx, actor, id);
  const input = DashboardInput.parse({
    name: current.name,
    widgets: current.widgets,
    period: current.period,
    refreshMinutes: current.refreshMinutes,
    sharedWithRoleIds: current.sharedWithRoleIds,
    sharedWithDepartmentIds: current.sharedWithDepartmentIds,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  });
  const targets = await checkInput(ctx, actor, input);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateDashboard(ctx.db, id, {
      name: input.name,
      widgets: writeJson(input.widgets),
      period: input.period,
      refreshMinutes: input.refreshMinutes,
      updatedAt: nowIso(),
    });
    await replaceShares(ctx.db, sharedDashboards, id, targets.roleIds, targets.departmentIds);
  });
  return getDashboard(ctx, actor, id);
}

export async function deleteDashboardOf(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await ownDashboard(ctx, actor, id);
  await inTransaction(ctx, (ctx) => repo.deleteDashboard(ctx.db, id));
}

/**
 * Brings the built-in dashboards to what this version of the software defines: adds those missing,
 * and rewrites the others (no one changes a built-in dashboard, so nothing of a user's is lost).
 */
export async function seedBuiltinDashboards(db: Kysely<DB>): Promise<void> {
  // A database still being brought up to date (seeded between migrations) has no dashboards yet.
  if (!(await repo.dashboardsMigrated(db))) return;
  const present = new Map((await repo.builtinRows(db)).map((row) => [row.builtin, row.id]));
  const at = nowIso();
  for (const code of builtinDashboards) {
    const spec = builtinDashboardSpecs[code];
    const values = {
      name: spec.name,
      widgets: writeJson(DashboardWidget.array().parse(spec.widgets)),
      period: spec.period,
      updatedAt: at,
    };
    const id = present.get(code);
    if (id !== undefined) await repo.updateDashboard(db, id, values);
    else
      await repo.insertDashboard(db, { ...values, builtin: code, refreshMinutes: null, ownerId: null, createdAt: at });
  }
}
