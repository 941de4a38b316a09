import { ReportDefinition, type SavedReport, SavedReportInput, type SavedReportPatch } from '@relate/common';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import * as repo from './saved-reports.repository.ts';
import { mayReportOn } from './reports.service.ts';
import {
  departmentAndAncestors,
  existingTargets,
  replaceShares,
  sharedReports,
  sharedWith,
  sharesOf,
  type ShareViewer,
} from './sharing.repository.ts';

type Row = Awaited<ReturnType<typeof repo.listVisibleReports>>[number];

function toSaved(actor: Actor, row: Row, shares: Awaited<ReturnType<typeof sharesOf>>): SavedReport {
  return {
    id: row.id,
    name: row.name,
    folder: row.folder,
    definition: ReportDefinition.parse(readJson(row.definition, {})),
    chart: row.chart as SavedReport['chart'],
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    mine: row.ownerId === actor.userId,
    ...sharedWith(shares, row.id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Who asks, as shares reach them (a share with a department reaches everyone in its subtree). */
export const viewerOf = async (ctx: AppContext, actor: Actor): Promise<ShareViewer> => ({
  userId: actor.userId,
  roleIds: actor.roleIds,
  departmentIds: await departmentAndAncestors(ctx.db, actor.departmentId),
});

/** The saved reports the caller sees, whose source they may report on. */
export async function listSavedReports(ctx: AppContext, actor: Actor): Promise<SavedReport[]> {
  const rows = await repo.listVisibleReports(ctx.db, await viewerOf(ctx, actor));
  const shares = await sharesOf(
    ctx.db,
    sharedReports,
    rows.map((r) => r.id),
  );
  return rows
    .map((row) => toSaved(actor, row, shares))
    .filter((report) => mayReportOn(actor, report.definition.source));
}

async function visibleReport(ctx: AppContext, actor: Actor, id: number): Promise<SavedReport> {
  const [row] = await repo.listVisibleReports(ctx.db, await viewerOf(ctx, actor), id);
  if (!row) throw notFound();
  return toSaved(actor, row, await sharesOf(ctx.db, sharedReports, [id]));
}

export async function getSavedReport(ctx: AppContext, actor: Actor, id: number): Promise<SavedReport> {
  return visibleReport(ctx, actor, id);
}

/** The roles and departments a report or dashboard is shared with, which must exist. */
export async function shareTargets(
  ctx: AppContext,
  input: { sharedWithRoleIds: number[]; sharedWithDepartmentIds: number[] },
) {
  const found = await existingTargets(ctx.db, input.sharedWithRoleIds, input.sharedWithDepartmentIds);
  if (found.roleIds.length !== new Set(input.sharedWithRoleIds).size)
    throw fieldError('sharedWithRoleIds', 'reportShareUnknown');
  if (found.departmentIds.length !== new Set(input.sharedWithDepartmentIds).size)
    throw fieldError('sharedWithDepartmentIds', 'reportShareUnknown');
  return found;
}

/** A report's source must be one the caller may report on; its shares must name roles and departments that exist. */
async function checkInput(ctx: AppContext, actor: Actor, input: ReturnType<typeof SavedReportInput.parse>) {
  if (!mayReportOn(actor, input.definition.source)) throw fieldError('definition.source', 'reportSourceForbidden');
  return shareTargets(ctx, input);
}

export async function createSavedReport(ctx: AppContext, actor: Actor, body: SavedReportInput): Promise<SavedReport> {
  const input = SavedReportInput.parse(body);
  const targets = await checkInput(ctx, actor, input);
  const at = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const { id } = await repo.insertReport(ctx.db, {
      name: input.name,
      folder: input.folder,
      definition: writeJson(input.definition),
      chart: input.chart,
      ownerId: actor.userId,
      createdAt: at,
      updatedAt: at,
    });
    await replaceShares(ctx.db, sharedReports, id, targets.roleIds, targets.departmentIds);
    return id;
  });
  return visibleReport(ctx, actor, id);
}

/** Only its owner changes or deletes a report; those it is shared with may read it (403), others not see it (404). */
export async function ownReport(ctx: AppContext, actor: Actor, id: number): Promise<SavedReport> {
  const report = await visibleReport(ctx, actor, id);
  if (!report.mine) throw new AppError('FORBIDDEN');
  return report;
}

export async function updateSavedReport(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: SavedReportPatch,
): Promise<SavedReport> {
  const current = await ownReport(ctx, actor, id);
  const input = SavedReportInput.parse({
    name: current.name,
    folder: current.folder,
    definition: current.definition,
    chart: current.chart,
    sharedWithRoleIds: current.sharedWithRoleIds,
    sharedWithDepartmentIds: current.sharedWithDepartmentIds,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  });
  const targets = await checkInput(ctx, actor, input);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateReport(ctx.db, id, {
      name: input.name,
      folder: input.folder,
      definition: writeJson(input.definition),
      chart: input.chart,
      updatedAt: nowIso(),
    });
    await replaceShares(ctx.db, sharedReports, id, targets.roleIds, targets.departmentIds);
  });
  return visibleReport(ctx, actor, id);
}

export async function deleteSavedReport(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await ownReport(ctx, actor, id);
  await inTransaction(ctx, (ctx) => repo.deleteReport(ctx.db, id));
}
