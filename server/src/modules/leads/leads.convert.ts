import type { LeadConvertInput } from '@relate/common';
import type { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { markLeadMembershipsConverted } from '../campaigns/index.ts';
import { carryLeadConsent } from '../consent/index.ts';
import { insertContact, contactOfCustomer } from '../contacts/index.ts';
import { insertCustomer, findVisibleCustomer } from '../customers/index.ts';
import { moveLeadFollowups, refreshFollowupDates } from '../followups/index.ts';
import { createOpportunity } from '../opportunities/index.ts';
import * as repo from './leads.repository.ts';
import { leadScope } from './leads.service.ts';
import { updatedStamps } from '../../platform/stamps.ts';

export type LeadConversion = {
  leadId: number;
  customerId: number;
  contactId: number | null;
  opportunityId: number | null;
  customerCreated: boolean;
};

/**
 * Turns a lead into a customer (new, or one the caller can see), a contact and, if asked, an opportunity
 * on that customer; copies its data, moves its follow-ups onto the customer's timeline and marks it
 * converted — all or nothing.
 */
export async function convertLead(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof LeadConvertInput>,
): Promise<LeadConversion> {
  const scope = await leadScope(ctx, actor);
  return inTransaction(ctx, async (ctx) => {
    const lead = orNotFound(await repo.findLead(ctx.db, scope, id));
    if (lead.status === 'converted') throw fieldError('id', 'leadAlreadyConverted');

    let customerId: number;
    const customerCreated = !input.customerId;
    if (input.customerId) {
      const existing = await findVisibleCustomer(ctx, actor, input.customerId);
      if (!existing) throw fieldError('customerId', 'notFoundOrHidden');
      customerId = existing.id;
    } else {
      if (!can(actor, 'customers.create')) throw forbidden();
      customerId = await insertCustomer(ctx, actor, {
        name: input.customerName ?? lead.company ?? lead.name,
        type: lead.company ? 'company' : 'individual',
        industry: lead.industry,
        source: lead.source,
        country: lead.country,
        province: lead.province,
        city: lead.city,
        district: lead.district,
        divisionCode: lead.divisionCode,
        address: lead.address,
        phone: lead.company ? lead.phone : (lead.mobile ?? lead.phone),
        email: lead.company ? null : lead.email,
        remark: lead.remark,
        ownerId: input.ownerId ?? lead.ownerId ?? actor.userId,
      });
    }

    let contactId: number | null = null;
    if (input.contactId) {
      const contact = await contactOfCustomer(ctx.db, input.contactId, customerId);
      if (!contact) throw fieldError('contactId', 'contactNotOfCustomer');
      contactId = contact.id;
    } else if (input.createContact) {
      if (!can(actor, 'contacts.create')) throw forbidden();
      contactId = await insertContact(ctx, actor, {
        customerId,
        name: lead.name,
        title: lead.title,
        mobile: lead.mobile,
        phone: lead.phone,
        email: lead.email,
        wechat: lead.wechat,
        isPrimary: customerCreated,
      });
    }

    if (contactId) await carryLeadConsent(ctx.db, actor, lead.id, contactId);

    let opportunityId: number | null = null;
    if (input.createOpportunity && input.opportunity) {
      if (!can(actor, 'opportunities.create')) throw forbidden();
      const opportunity = await createOpportunity(ctx, actor, {
        ...input.opportunity,
        customerId,
        source: lead.source,
        campaignId: lead.campaignId,
        ownerId: input.ownerId ?? lead.ownerId ?? actor.userId,
        contacts: contactId ? [{ contactId }] : [],
      }).catch((error: unknown) => {
        // The opportunity's own fields answer under `opportunity.` so the form can point at them.
        if (!(error instanceof AppError) || !error.fields) throw error;
        const fields = Object.fromEntries(
          Object.entries(error.fields).map(([field, message]) => [`opportunity.${field}`, message]),
        );
        throw new AppError(error.code, error.messageKey, fields, error.params);
      });
      opportunityId = opportunity.id;
    }

    const now = nowIso();
    await moveLeadFollowups(ctx.db, lead.id, customerId, contactId);
    await refreshFollowupDates(ctx.db, 'customers', customerId);
    await repo.updateLead(ctx.db, lead.id, {
      status: 'converted',
      convertedCustomerId: customerId,
      convertedContactId: contactId,
      convertedOpportunityId: opportunityId,
      convertedAt: now,
      ...updatedStamps(actor, now),
    });
    await markLeadMembershipsConverted(ctx.db, lead.id);
    await writeAudit(ctx.db, actor, {
      action: 'convert',
      entity: 'leads',
      entityId: lead.id,
      changes: [{ field: 'status', old: lead.status, new: 'converted' }],
      detail: { customerId, contactId, opportunityId, customerCreated },
    });
    return { leadId: lead.id, customerId, contactId, opportunityId, customerCreated };
  });
}
