import { type CampaignCost, type CampaignCostInput, fromMinorUnits, type Page, toMinorUnits } from '@relate/common';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { CampaignCostTable } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { pageWindow } from '../../platform/list-query.ts';
import { findVisibleCampaign } from './campaigns.service.ts';
import * as repo from './costs.repository.ts';

const toCost = (row: Selectable<CampaignCostTable>): CampaignCost => ({
  id: row.id,
  campaignId: row.campaignId,
  date: row.date,
  item: row.item,
  amount: fromMinorUnits(Number(row.amount)),
  supplier: row.supplier,
  createdAt: row.createdAt,
});

/** A page of a campaign's cost lines, the latest first (their sum is the campaign's actual cost, in its figures). */
export async function listCampaignCosts(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  page: { page: number; pageSize: number },
): Promise<Page<CampaignCost>> {
  await findVisibleCampaign(ctx, actor, campaignId);
  const { rows, total } = await repo.costsPage(ctx.db, campaignId, pageWindow(page.page, page.pageSize));
  return { items: rows.map(toCost), total, page: page.page, pageSize: page.pageSize };
}

export async function addCampaignCost(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: z.output<typeof CampaignCostInput>,
): Promise<CampaignCost> {
  await findVisibleCampaign(ctx, actor, campaignId);
  return inTransaction(ctx, async (ctx) => {
    const id = await repo.insertCost(ctx.db, {
      campaignId,
      date: input.date,
      item: input.item,
      amount: toMinorUnits(input.amount),
      supplier: input.supplier ?? null,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    await writeAudit(ctx.db, actor, {
      action: 'addCost',
      entity: 'campaigns',
      entityId: campaignId,
      detail: { costId: id, item: input.item, amount: input.amount },
    });
    return toCost(orNotFound(await repo.findCost(ctx.db, campaignId, id)));
  });
}

export async function deleteCampaignCost(ctx: AppContext, actor: Actor, campaignId: number, costId: number) {
  await findVisibleCampaign(ctx, actor, campaignId);
  await inTransaction(ctx, async (ctx) => {
    const cost = orNotFound(await repo.findCost(ctx.db, campaignId, costId));
    await repo.deleteCost(ctx.db, costId);
    await writeAudit(ctx.db, actor, {
      action: 'deleteCost',
      entity: 'campaigns',
      entityId: campaignId,
      detail: { costId, item: cost.item, amount: fromMinorUnits(Number(cost.amount)) },
    });
  });
}
