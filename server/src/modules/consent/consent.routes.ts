import {
  ConsentInput,
  ContactConsentList,
  IdParams,
  SuppressionInput,
  SuppressionList,
  SuppressionQuery,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './consent.service.ts';

export function consentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'consent';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/contacts/:id/consents',
      access: 'contacts.view',
      tag,
      summary: 'A contact’s marketing consent per channel (email, SMS, phone), with source, time and suppression',
      params: IdParams,
      response: ContactConsentList,
    },
    async ({ actor, params }) => ({ items: await service.contactConsents(ctx, actor, params.id) }),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/contacts/:id/consents',
      access: 'contacts.edit',
      tag,
      summary: 'Record a contact’s consent on a channel (granted or withdrawn) and where it came from; audited',
      params: IdParams,
      body: ConsentInput,
      response: ContactConsentList,
    },
    async ({ actor, params, body }) => ({ items: await service.setConsent(ctx, actor, params.id, body) }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers/:id/consents',
      access: 'customers.view',
      tag,
      summary:
        'A customer’s own marketing consent per channel (it is mailed at its own address), with source, time and suppression',
      params: IdParams,
      response: ContactConsentList,
    },
    async ({ actor, params }) => ({ items: await service.customerConsents(ctx, actor, params.id) }),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/customers/:id/consents',
      access: 'customers.edit',
      tag,
      summary: 'Record a customer’s consent on a channel (granted or withdrawn) and where it came from; audited',
      params: IdParams,
      body: ConsentInput,
      response: ContactConsentList,
    },
    async ({ actor, params, body }) => ({ items: await service.setCustomerConsent(ctx, actor, params.id, body) }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/suppressions',
      reads: 'replica',
      access: 'settings.manage',
      tag,
      summary: 'The global suppression list: addresses no marketing goes to',
      query: SuppressionQuery,
      response: SuppressionList,
    },
    async ({ query }) => service.listSuppressions(ctx, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/suppressions',
      access: 'settings.manage',
      tag,
      summary: 'Put an address on the suppression list (withdraws the consent of the contacts with it)',
      body: SuppressionInput,
      status: 204,
    },
    async ({ actor, body }) => service.addSuppression(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/suppressions/:id',
      access: 'settings.manage',
      tag,
      summary: 'Take an address off the suppression list',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.removeSuppression(ctx, actor, params.id),
  );
}
