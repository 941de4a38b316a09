import type { ConsentInput, ContactConsent } from '@relate/common';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { consentsOfRecord, setConsentOfRecord } from '../consent/index.ts';
import { findVisibleLead } from './leads.service.ts';

/** A lead's marketing consent per channel, with source, time and suppression; 404 for a lead the caller does not see. */
export async function leadConsents(ctx: AppContext, actor: Actor, leadId: number): Promise<ContactConsent[]> {
  orNotFound(await findVisibleLead(ctx, actor, leadId));
  return consentsOfRecord(ctx, { entity: 'leads', id: leadId });
}

/** Records a lead's answer on a channel (asked on a call, at a fair); audited on the lead. */
export async function setLeadConsent(
  ctx: AppContext,
  actor: Actor,
  leadId: number,
  input: ConsentInput,
): Promise<ContactConsent[]> {
  orNotFound(await findVisibleLead(ctx, actor, leadId));
  return setConsentOfRecord(ctx, actor, { entity: 'leads', id: leadId }, input);
}
