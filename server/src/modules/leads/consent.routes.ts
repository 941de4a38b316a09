import { ConsentInput, ContactConsentList, IdParams } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { leadConsents, setLeadConsent } from './consent.service.ts';

export function leadConsentRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/leads/:id/consents',
      access: 'leads.view',
      tag: 'consent',
      summary: 'A lead’s marketing consent per channel (email, SMS, phone), with source, time and suppression',
      params: IdParams,
      response: ContactConsentList,
    },
    async ({ actor, params }) => ({ items: await leadConsents(ctx, actor, params.id) }),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/leads/:id/consents',
      access: 'leads.edit',
      tag: 'consent',
      summary: 'Record a lead’s consent on a channel (granted or withdrawn) and where it came from; audited',
      params: IdParams,
      body: ConsentInput,
      response: ContactConsentList,
    },
    async ({ actor, params, body }) => ({ items: await setLeadConsent(ctx, actor, params.id, body) }),
  );
}
