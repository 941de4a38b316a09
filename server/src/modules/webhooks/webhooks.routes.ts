import {
  IdParams,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookInput,
  WebhookPatch,
  WebhookWithSecret,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './webhooks.service.ts';

/** Outgoing webhooks and group robots (设置 › Webhooks), for those who manage the settings. */
export function webhooksRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'webhooks';
  const access = 'settings.manage';
  defineRoute(
    app,
    { method: 'GET', url: '/api/v1/webhooks', access, tag, summary: 'Outgoing webhooks', response: z.array(Webhook) },
    async () => service.listWebhooks(ctx),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/webhooks',
      access,
      tag,
      summary: 'Add a webhook (a generic one answers its signing secret, this once)',
      body: WebhookInput,
      response: WebhookWithSecret,
      status: 201,
    },
    async ({ actor, body }) => service.createWebhook(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/webhooks/:id',
      access,
      tag,
      summary: 'One webhook',
      params: IdParams,
      response: Webhook,
    },
    async ({ params }) => service.getWebhook(ctx, params.id),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/webhooks/:id',
      access,
      tag,
      summary: 'Change a webhook',
      params: IdParams,
      body: WebhookPatch,
      response: Webhook,
    },
    async ({ actor, params, body }) => service.updateWebhook(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/webhooks/:id',
      access,
      tag,
      summary: 'Delete a webhook',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteWebhook(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/webhooks/:id/secret',
      access,
      tag,
      summary: 'Replace a generic webhook’s signing secret (answered this once)',
      params: IdParams,
      response: WebhookWithSecret,
    },
    async ({ actor, params }) => service.rotateSecret(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/webhooks/:id/test',
      access,
      tag,
      summary: 'Send a test event (ping) now and answer how the receiver replied',
      params: IdParams,
      response: WebhookDelivery,
    },
    async ({ actor, params }) => service.testWebhook(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/webhooks/:id/deliveries',
      reads: 'replica',
      access,
      tag,
      summary: 'A webhook’s deliveries, newest first',
      params: IdParams,
      query: WebhookDeliveryQuery,
      response: WebhookDeliveryPage,
    },
    async ({ params, query }) => service.listDeliveries(ctx, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/webhooks/deliveries/:id/resend',
      access,
      tag,
      summary: 'Send a delivery again (as a new delivery)',
      params: IdParams,
      response: WebhookDelivery,
      status: 201,
    },
    async ({ actor, params }) => service.resendDelivery(ctx, actor, params.id),
  );
}
