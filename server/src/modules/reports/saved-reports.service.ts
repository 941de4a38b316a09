import { ReportDefinition, type SavedReport, SavedReportInput, type SavedReportPatch } from '@relate/common';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import * as repo from './saved-reports.repository.ts';
import { mayReportOn } from './reports.service.ts';

type Row = Awaited<ReturnType<typeof repo.listVisibleReports>>[number];

function toSaved(actor: Actor, row: Row, shares: Awaited<ReturnType<typeof repo.sharesOf>>): SavedReport {
  const own = shares.filter((s) => s.reportId === row.id);
  return {
    id: row.id,
    name: row.name,
    folder: row.folder,
    definition: ReportDefinition.parse(readJson(row.definition, {})),
    chart: row.chart as SavedReport['chart'],
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    mine: row.ownerId === actor.userId,
    sharedWithRoleIds: own.flatMap((s) => (s.roleId === null ? [] : [s.roleId])),
    sharedWithDepartmentIds: own.flatMap((s) => (s.departmentId === null ? [] : [s.departmentId])),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const viewerOf = (actor: Actor): repo.ReportViewer => ({
  userId: actor.userId,
  roleIds: actor.roleIds,
  departmentId: actor.departmentId,
});

/** The saved reports the caller sees, whose source they may report on. */
export async function listSavedReports(ctx: AppContext, actor: Actor): Promise<SavedReport[]> {
  const rows = await repo.listVisibleReports(ctx.db, viewerOf(actor));
  const shares = await repo.sharesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows
    .map((row) => toSaved(actor, row, shares))
    .filter((report) => mayReportOn(actor, report.definition.source));
}

async function visibleReport(ctx: AppContext, actor: Actor, id: number): Promise<SavedReport> {
  const [row] = await repo.listVisibleReports(ctx.db, viewerOf(actor), id);
  if (!row) throw notFound();
  return toSaved(actor, row, await repo.sharesOf(ctx.db, [id]));
}

export async function getSavedReport(ctx: AppContext, actor: Actor, id: number): Promise<SavedReport> {
  return visibleReport(ctx, actor, id);
}

/** A report's source must be one the caller may report on; its shares must name roles and departments that exist. */
async function checkInput(ctx: AppContext, actor: Actor, input: ReturnType<typeof SavedReportInput.parse>) {
  if (!mayReportOn(actor, input.definition.source)) throw fieldError('definition.source', 'reportSourceForbidden');
  const found = await repo.existingTargets(ctx.db, input.sharedWithRoleIds, input.sharedWithDepartmentIds);
  if (found.roleIds.length !== new Set(input.sharedWithRoleIds).size)
    throw fieldError('sharedWithRoleIds', 'reportShareUnknown');
  if (found.departmentIds.length !== new Set(input.sharedWithDepartmentIds).size)
    throw fieldError('sharedWithDepartmentIds', 'reportShareUnknown');
  return found;
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
    await repo.replaceShares(ctx.db, id, targets.roleIds, targets.departmentIds);
    return id;
  });
  return visibleReport(ctx, actor, id);
}

/** Only its owner changes or deletes a report; those it is shared with may read it (403), others not see it (404). */
async function ownReport(ctx: AppContext, actor: Actor, id: number): Promise<SavedReport> {
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
    await repo.replaceShares(ctx.db, id, targets.roleIds, targets.departmentIds);
  });
  return visibleReport(ctx, actor, id);
}

export async function deleteSavedReport(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await ownReport(ctx, actor, id);
  await inTransaction(ctx, (ctx) => repo.deleteReport(ctx.db, id));
}
