import { IdParams, PortalAccess, PortalInvitation, PortalInviteInput } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { originOf } from '../../platform/origin.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './portal-accounts.service.ts';

/** Staff side of the portal: inviting a contact, and turning their access off or on. */
export function portalAccessRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'portal';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/contacts/:id/portal-access',
      access: 'contacts.view',
      tag,
      summary: "A contact's portal access (404 when they have none)",
      params: IdParams,
      response: PortalAccess,
    },
    async ({ actor, params }) => service.getPortalAccess(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/contacts/:id/portal-access/invite',
      access: 'portal.manage',
      tag,
      summary: 'Invite a contact to the portal (again): a new link, emailed when mail is set up and returned',
      params: IdParams,
      body: PortalInviteInput,
      response: PortalInvitation,
    },
    async ({ actor, params, body, request }) =>
      service.invitePortalUser(ctx, actor, params.id, body, originOf(request, ctx.config)),
  );
  for (const [action, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    defineRoute(
      app,
      {
        method: 'POST',
        url: `/api/v1/contacts/:id/portal-access/${action}`,
        access: 'portal.manage',
        tag,
        summary: enabled
          ? 'Give a contact their portal access back'
          : "Turn a contact's portal access off and end their sessions",
        params: IdParams,
        response: PortalAccess,
      },
      async ({ actor, params }) => service.setPortalAccess(ctx, actor, params.id, enabled),
    );
  }
}
