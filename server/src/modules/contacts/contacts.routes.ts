import {
  Contact,
  ContactInput,
  ContactPatch,
  ContactQuery,
  IdParams,
  pageOf,
  UpcomingAnniversariesQuery,
  UpcomingAnniversary,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './contacts.service.ts';

export function contactsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'contacts';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/contacts',
      reads: 'replica',
      access: 'contacts.view',
      tag,
      summary: 'List contacts in your data scope',
      query: ContactQuery,
      response: pageOf(Contact),
    },
    async ({ actor, query }) => service.listContacts(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/contacts/anniversaries/upcoming',
      access: 'contacts.view',
      tag,
      summary: 'Anniversaries coming up in the next days',
      query: UpcomingAnniversariesQuery,
      response: z.array(UpcomingAnniversary),
    },
    async ({ actor, query }) => service.upcomingAnniversaries(ctx, actor, query.days),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/contacts/:id',
      access: 'contacts.view',
      tag,
      summary: 'One contact',
      params: IdParams,
      response: Contact,
    },
    async ({ actor, params }) => service.getContact(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/contacts',
      access: 'contacts.create',
      tag,
      summary: 'Create a contact',
      body: ContactInput,
      response: Contact,
      status: 201,
    },
    async ({ actor, body }) => service.createContact(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/contacts/:id',
      access: 'contacts.edit',
      tag,
      summary: 'Change a contact',
      params: IdParams,
      body: ContactPatch,
      response: Contact,
    },
    async ({ actor, params, body }) => service.updateContact(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/contacts/:id',
      access: 'contacts.delete',
      tag,
      summary: 'Move a contact to the recycle bin',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteContact(ctx, actor, params.id),
  );
}
