import {
  type CampaignEmailAudience,
  type CampaignEmailSkipReason,
  type CampaignMemberEntity,
  campaignMemberEntities,
} from '@relate/common';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { isSuppressed, marketingConsentOf } from '../consent/index.ts';
import { findVisibleContact } from '../contacts/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { findVisibleLead } from '../leads/index.ts';

export type Member = { id: number; entity: string; entityId: number; status: string };

/** A member as a send records it: the record it is mailed as, its address, and why it is skipped (null: mailed). */
export type Classified = {
  memberId: number;
  entity: string;
  entityId: number;
  email: string | null;
  skip: CampaignEmailSkipReason | null;
};

const recordKinds: readonly string[] = campaignMemberEntities;

/** The record a member stands for as the actor sees it (undefined when they do not), with its own address. */
async function recordOf(ctx: AppContext, actor: Actor, member: Member): Promise<{ email: string | null } | undefined> {
  if (member.entity === 'contacts') return findVisibleContact(ctx, actor, member.entityId);
  if (member.entity === 'leads') return findVisibleLead(ctx, actor, member.entityId);
  return findVisibleCustomer(ctx, actor, member.entityId);
}

/**
 * Why a member would not be mailed, or null when it is: a contact, lead or customer the sender sees, with an
 * address of its own (a company without one is not mailed at its contacts' — they are members of their own),
 * not unsubscribed from this campaign, whose address is not suppressed and who granted email consent (a
 * converted lead's is its contact's). An address already `taken` by a member mailed before it is mailed once;
 * the address of a member that will be mailed is added to `taken`.
 */
export async function classifyMember(
  ctx: AppContext,
  actor: Actor,
  member: Member,
  taken: Set<string>,
): Promise<Classified> {
  const result = (skip: CampaignEmailSkipReason | null, email: string | null = null): Classified => ({
    memberId: member.id,
    entity: member.entity,
    entityId: member.entityId,
    email,
    skip,
  });
  if (!recordKinds.includes(member.entity)) return result('notContact');
  if (member.status === 'unsubscribed') return result('unsubscribed');
  const record = await recordOf(ctx, actor, member);
  if (!record) return result('notVisible');
  const email = record.email?.trim() || null;
  if (!email) return result('noAddress');
  if (await isSuppressed(ctx.db, 'email', email)) return result('suppressed', email);
  const holder = { entity: member.entity as CampaignMemberEntity, id: member.entityId };
  if ((await marketingConsentOf(ctx.db, holder, 'email')) !== 'granted') return result('noConsent', email);
  if (taken.has(email.toLowerCase())) return result('duplicateAddress', email);
  taken.add(email.toLowerCase());
  return result(null, email);
}

/** Members counted: mailed and skipped by reason, in all and for each kind of record. */
export function tally(classified: Array<Pick<Classified, 'entity' | 'skip'>>): CampaignEmailAudience {
  const audience: CampaignEmailAudience = { recipients: 0, skipped: {}, byKind: {} };
  for (const c of classified) {
    const kind = (audience.byKind[c.entity as CampaignMemberEntity] ??= { recipients: 0, skipped: {} });
    if (c.skip) {
      audience.skipped[c.skip] = (audience.skipped[c.skip] ?? 0) + 1;
      kind.skipped[c.skip] = (kind.skipped[c.skip] ?? 0) + 1;
    } else {
      audience.recipients++;
      kind.recipients++;
    }
  }
  return audience;
}
