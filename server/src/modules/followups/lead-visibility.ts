import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';

/**
 * Whether the caller may see a lead, for a follow-up about it. The leads module registers it at
 * start-up (app.ts): follow-ups do not import leads, which moves follow-ups when a lead is converted.
 */
export type LeadVisibility = (ctx: AppContext, actor: Actor, leadId: number) => Promise<boolean>;

let leadVisibility: LeadVisibility | null = null;

export function registerLeadVisibility(check: LeadVisibility): void {
  leadVisibility = check;
}

export function isLeadVisible(ctx: AppContext, actor: Actor, leadId: number): Promise<boolean> {
  if (!leadVisibility) throw new Error('No lead visibility is registered (see app.ts).');
  return leadVisibility(ctx, actor, leadId);
}
