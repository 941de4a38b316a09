import {
  defaultLoyaltySettings,
  fromMinorUnits,
  LoyaltySettings,
  type LoyaltySetup,
  type MemberLevel,
  type MemberLevelInput,
  multiplierFromBp,
  multiplierToBp,
  toMinorUnits,
} from '@relate/common';
import type { Selectable } from 'kysely';
import type { MemberLevelTable } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { fromBasisPoints, toBasisPoints } from '../../platform/percent.ts';
import { getSettings, readOwnRowSetting, writeOwnRowSetting } from '../settings/index.ts';
import * as repo from './levels.repository.ts';

const settingKey = 'loyalty';

function toLevel(row: Selectable<MemberLevelTable> & { members?: number | null }): MemberLevel {
  return {
    id: row.id,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    discountPercent: fromBasisPoints(row.discountBp),
    multiplier: multiplierFromBp(row.multiplierBp),
    minSpend: fromMinorUnits(Number(row.minSpend)),
    sortOrder: row.sortOrder,
    members: Number(row.members ?? 0),
  };
}

/** The member levels, lowest spend first. */
export async function listMemberLevels(ctx: AppContext): Promise<MemberLevel[]> {
  return (await repo.listLevels(ctx.db)).map(toLevel);
}

function levelValues(input: MemberLevelInput) {
  return {
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    discountBp: toBasisPoints(input.discountPercent),
    multiplierBp: multiplierToBp(input.multiplier),
    minSpend: toMinorUnits(input.minSpend),
    sortOrder: input.sortOrder ?? 0,
  };
}

export async function createMemberLevel(ctx: AppContext, actor: Actor, input: MemberLevelInput): Promise<MemberLevel> {
  const values = levelValues(input);
  return inTransaction(ctx, async (ctx) => {
    if (await repo.findLevelAtSpend(ctx.db, values.minSpend)) throw fieldError('minSpend', 'levelSpendTaken');
    const now = nowIso();
    const row = await repo.insertLevel(ctx.db, {
      ...values,
      createdBy: actor.userId,
      updatedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'memberLevels',
      entityId: row.id,
      detail: { nameZh: row.nameZh, minSpend: input.minSpend },
    });
    return toLevel(row);
  });
}

/** Changes a level (the whole level is sent); members move to it or away from it at the next nightly review. */
export async function updateMemberLevel(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: MemberLevelInput,
): Promise<MemberLevel> {
  const values = levelValues(input);
  return inTransaction(ctx, async (ctx) => {
    const before = await repo.findLevel(ctx.db, id);
    if (!before) throw notFound();
    if (await repo.findLevelAtSpend(ctx.db, values.minSpend, id)) throw fieldError('minSpend', 'levelSpendTaken');
    const row = await repo.updateLevel(ctx.db, id, { ...values, updatedBy: actor.userId, updatedAt: nowIso() });
    const changes = diffFields(toLevel(before), toLevel(row), [
      'nameZh',
      'nameEn',
      'discountPercent',
      'multiplier',
      'minSpend',
      'sortOrder',
    ]);
    if (changes.length)
      await writeAudit(ctx.db, actor, { action: 'update', entity: 'memberLevels', entityId: id, changes });
    return toLevel(row);
  });
}

/** Deletes a level no member is, or ever was, at (409 otherwise: their history names it). */
export async function deleteMemberLevel(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const before = await repo.findLevel(ctx.db, id);
    if (!before) throw notFound();
    if (await repo.levelInUse(ctx.db, id)) throw new AppError('CONFLICT', 'memberLevelInUse');
    await repo.deleteLevel(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'memberLevels',
      entityId: id,
      detail: { nameZh: before.nameZh },
    });
  });
}

/** The loyalty rules: the stored ones over the defaults; a stored value that no longer reads gives way to them. */
export async function readLoyaltySettings(ctx: AppContext): Promise<LoyaltySettings> {
  const stored = await readOwnRowSetting<Record<string, unknown>>(ctx.db, settingKey);
  const parsed = LoyaltySettings.safeParse({ ...defaultLoyaltySettings, ...(stored ?? {}) });
  return parsed.success ? parsed.data : defaultLoyaltySettings;
}

export async function getLoyaltySetup(ctx: AppContext): Promise<LoyaltySetup> {
  const [settings, { defaultCurrency }] = await Promise.all([readLoyaltySettings(ctx), getSettings(ctx.db)]);
  return { ...settings, currency: defaultCurrency };
}

/** Replaces the loyalty rules; what changed is audited. */
export async function updateLoyaltySettings(
  ctx: AppContext,
  actor: Actor,
  input: LoyaltySettings,
): Promise<LoyaltySetup> {
  await inTransaction(ctx, async (ctx) => {
    const before = await readLoyaltySettings(ctx);
    await writeOwnRowSetting(ctx.db, settingKey, input);
    const changes = diffFields(before, input, Object.keys(input));
    if (changes.length) await writeAudit(ctx.db, actor, { action: 'update', entity: 'settings', changes });
  });
  return getLoyaltySetup(ctx);
}
