import type { BillingProfile, BillingProfileInput } from '@relate/common';
import type { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import * as repo from './billing-profiles.repository.ts';

function toProfile(r: repo.BillingProfileRow): BillingProfile {
  return {
    id: r.id,
    customerId: r.customerId,
    title: r.title,
    taxId: r.taxId,
    address: r.address,
    phone: r.phone,
    bankName: r.bankName,
    bankAccount: r.bankAccount,
    isDefault: Boolean(r.isDefault),
    updatedAt: r.updatedAt,
  };
}

async function visibleCustomer(ctx: AppContext, actor: Actor, customerId: number) {
  return orNotFound(await findVisibleCustomer(ctx, actor, customerId));
}

/** A profile of a customer the caller sees; changing it needs customers.edit (checked after it is found). */
async function profileInScope(ctx: AppContext, actor: Actor, id: number, change: boolean) {
  const profile = await repo.findProfile(ctx.db, id);
  if (!profile) throw notFound();
  await visibleCustomer(ctx, actor, profile.customerId);
  if (change && !can(actor, 'customers.edit')) throw forbidden();
  return profile;
}

/** The billing profiles (开票信息) of a customer the caller sees, the default first. */
export async function listBillingProfiles(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
): Promise<BillingProfile[]> {
  await visibleCustomer(ctx, actor, customerId);
  return (await repo.listProfiles(ctx.db, customerId)).map(toProfile);
}

/** A profile the caller may use for a customer they see (an invoice request is made out to it). */
export async function findBillingProfile(ctx: AppContext, actor: Actor, id: number): Promise<BillingProfile | null> {
  const profile = await repo.findProfile(ctx.db, id);
  if (!profile || !(await findVisibleCustomer(ctx, actor, profile.customerId))) return null;
  return toProfile(profile);
}

/** Adds a billing profile; the customer's first one, or one marked so, is the default. */
export async function createBillingProfile(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  input: z.output<typeof BillingProfileInput>,
): Promise<BillingProfile> {
  await visibleCustomer(ctx, actor, customerId);
  if (!can(actor, 'customers.edit')) throw forbidden();
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const first = (await repo.countProfiles(ctx.db, customerId)) === 0;
    const id = await repo.insertProfile(ctx.db, {
      customerId,
      title: input.title,
      taxId: input.taxId ?? null,
      address: input.address ?? null,
      phone: input.phone ?? null,
      bankName: input.bankName ?? null,
      bankAccount: input.bankAccount ?? null,
      isDefault: 0,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    if (first || input.isDefault) await repo.setDefault(ctx.db, customerId, id);
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'customers',
      entityId: customerId,
      detail: { billingProfile: input.title, taxId: input.taxId ?? null },
    });
    return id;
  });
  return toProfile(orNotFound(await repo.findProfile(ctx.db, id)));
}

export async function updateBillingProfile(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof BillingProfileInput>,
): Promise<BillingProfile> {
  const before = await profileInScope(ctx, actor, id, true);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateProfile(ctx.db, id, {
      title: input.title,
      taxId: input.taxId ?? null,
      address: input.address ?? null,
      phone: input.phone ?? null,
      bankName: input.bankName ?? null,
      bankAccount: input.bankAccount ?? null,
      updatedAt: nowIso(),
    });
    if (input.isDefault) await repo.setDefault(ctx.db, before.customerId, id);
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'customers',
      entityId: before.customerId,
      detail: { billingProfile: input.title, before: before.title, taxId: input.taxId ?? null },
    });
  });
  return toProfile(orNotFound(await repo.findProfile(ctx.db, id)));
}

/** Removes a profile; requests made out to it keep their copy of its details. */
export async function deleteBillingProfile(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const profile = await profileInScope(ctx, actor, id, true);
  await inTransaction(ctx, async (ctx) => {
    await repo.deleteProfile(ctx.db, id);
    if (profile.isDefault) await repo.defaultOldest(ctx.db, profile.customerId);
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'customers',
      entityId: profile.customerId,
      detail: { billingProfileRemoved: profile.title },
    });
  });
}
