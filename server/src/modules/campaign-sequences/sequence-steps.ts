import { isMobile, type SequenceSkipReason, type SequenceStepSettings } from '@relate/common';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { memberEngagement } from '../campaign-emails/index.ts';
import { marketingConsentOf } from '../consent/index.ts';
import { findVisibleContact } from '../contacts/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { findVisibleLead } from '../leads/index.ts';
import { repliedToMessages } from '../mailboxes/index.ts';
import { scoreOf } from '../scoring/index.ts';
import { setStaticMembership } from '../segments/index.ts';
import { createTask } from '../tasks/index.ts';
import type { MemberRow } from './campaign-sequences.repository.ts';

/** What a step did for a member: its work (done, with a branch's way), nothing (skipped, why) or failed (why). */
export type StepResult =
  | { status: 'done'; outcome?: 'yes' | 'no' }
  | { status: 'skipped'; reason: SequenceSkipReason }
  | { status: 'failed'; reason: string };

/** What the steps of one sequence act with: its starter's rights, its campaign and the names its texts use. */
export type SequenceActing = {
  actor: Actor;
  campaignId: number;
  campaignName: string;
  ownerNames: Map<number, string>;
};

const dayMs = 86_400_000;

/** Fills a text's merge fields for a member: {{name}}, {{customer}}, {{owner}}, {{campaign}}. */
export function mergeText(text: string, member: MemberRow, acting: SequenceActing): string {
  const values: Record<string, string> = {
    name: member.name ?? '',
    customer: member.customerName ?? '',
    owner: (member.ownerId && acting.ownerNames.get(member.ownerId)) || '',
    campaign: acting.campaignName,
  };
  return text.replace(/\{\{\s*(name|customer|owner|campaign)\s*\}\}/g, (_, field: string) => values[field] ?? '');
}

/**
 * The number a member is texted at: its mobile, else its phone when that is a mobile number (written in the
 * phone field, or a customer's own — a person's). Null when it has none.
 */
export function smsNumberOf(member: Pick<MemberRow, 'mobile' | 'phone'>): string | null {
  const mobile = member.mobile?.trim();
  if (mobile) return mobile;
  const phone = member.phone?.trim();
  return phone && isMobile(phone) ? phone : null;
}

/**
 * Why an SMS of the sequence does not go to a member, or null when it may: a contact, lead or customer the
 * starter sees, with a mobile number (`smsNumberOf`), who granted SMS consent (a converted lead's is its
 * contact's); a suppressed number is refused by the send itself.
 */
export async function smsRefusal(
  ctx: AppContext,
  acting: SequenceActing,
  member: MemberRow,
): Promise<SequenceSkipReason | null> {
  const visible =
    member.entity === 'contacts'
      ? await findVisibleContact(ctx, acting.actor, member.entityId)
      : member.entity === 'leads'
        ? await findVisibleLead(ctx, acting.actor, member.entityId)
        : member.entity === 'customers'
          ? await findVisibleCustomer(ctx, acting.actor, member.entityId)
          : undefined;
  if (!visible) return 'notVisible';
  if (!smsNumberOf(member)) return 'noAddress';
  const holder = { entity: member.entity as 'contacts' | 'leads' | 'customers', id: member.entityId };
  return (await marketingConsentOf(ctx, holder, 'sms')) === 'granted' ? null : 'noConsent';
}

/** Whether a member meets a branch's condition, read on the caller's handle. */
export async function meetsCondition(
  ctx: AppContext,
  step: Extract<SequenceStepSettings, { kind: 'branch' }>,
  member: MemberRow,
): Promise<boolean> {
  if (step.condition === 'score') {
    if (member.entity !== 'contacts' && member.entity !== 'leads') return false;
    return (await scoreOf(ctx.db, member.entity, member.entityId)) >= (step.minScore ?? 0);
  }
  const engagement = await memberEngagement(ctx.db, member.campaignId, member.id);
  if (step.condition === 'opened') return engagement.opened;
  if (step.condition === 'clicked') return engagement.clicked;
  if (member.entity !== 'contacts' && member.entity !== 'leads' && member.entity !== 'customers') return false;
  return repliedToMessages(ctx.db, member.entity, member.entityId, engagement.messageIds);
}

/** A task for the member's owner, given by the starter, about the member's lead or customer. */
export async function taskForOwner(
  ctx: AppContext,
  acting: SequenceActing,
  step: Extract<SequenceStepSettings, { kind: 'task' }>,
  member: MemberRow,
  now: Date,
): Promise<StepResult> {
  if (!member.ownerId) return { status: 'skipped', reason: 'noOwner' };
  const related =
    member.entity === 'leads'
      ? { relatedEntity: 'leads' as const, relatedId: member.entityId }
      : member.customerId
        ? { relatedEntity: 'customers' as const, relatedId: member.customerId }
        : {};
  await createTask(ctx, acting.actor, {
    subject: mergeText(step.title, member, acting).slice(0, 200) || step.title,
    type: 'todo',
    priority: step.priority,
    dueAt: new Date(now.getTime() + step.dueDays * dayMs).toISOString(),
    assigneeId: member.ownerId,
    recurrence: 'none',
    notes: `${acting.campaignName} · ${member.name ?? ''}`.slice(0, 5000),
    ...related,
  });
  return { status: 'done' };
}

/** Puts the member into a static segment of its kind, or takes it out. */
export async function changeSegment(
  ctx: AppContext,
  acting: SequenceActing,
  step: Extract<SequenceStepSettings, { kind: 'segment' }>,
  member: MemberRow,
  segmentEntity: string | undefined,
): Promise<StepResult> {
  if (segmentEntity !== member.entity) return { status: 'skipped', reason: 'otherEntity' };
  await setStaticMembership(
    ctx,
    acting.actor,
    step.segmentId,
    member.entity as 'leads' | 'contacts' | 'customers',
    member.entityId,
    step.action === 'add',
  );
  return { status: 'done' };
}
