import { Attachment, IdParams } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './attachments.service.ts';
import { uploadedFile } from '../../platform/upload.ts';

export function attachmentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'attachments';
  const holders = [
    ['customers', 'customers', 'a customer', 'customers.view'],
    ['followups', 'followups', 'a follow-up', 'followups.view'],
    ['contracts', 'contracts', 'a contract', 'contracts.view'],
    ['tickets', 'tickets', 'a ticket', 'tickets.view'],
    ['workOrders', 'work-orders', 'a work order (photos from the site)', 'workOrders.view'],
    ['kbArticles', 'kb/articles', 'a knowledge-base article', 'knowledge.view'],
    ['campaigns', 'campaigns', 'a campaign (its collateral)', 'campaigns.view'],
    ['invoices', 'invoices', 'an invoice (its PDF or OFD file)', 'invoices.view'],
  ] as const;
  for (const [entity, path, label, viewPermission] of holders) {
    defineRoute(
      app,
      {
        method: 'GET',
        url: `/api/v1/${path}/:id/attachments`,
        access: viewPermission,
        tag,
        summary: `The attachments of ${label}`,
        params: IdParams,
        response: z.array(Attachment),
      },
      async ({ actor, params }) => service.listAttachments(ctx, actor, entity, params.id),
    );
    defineRoute(
      app,
      {
        method: 'POST',
        url: `/api/v1/${path}/:id/attachments`,
        access: 'authenticated',
        tag,
        summary: `Upload an attachment to ${label} (multipart field \`file\`)`,
        params: IdParams,
        consumes: 'multipart/form-data',
        response: Attachment,
        status: 201,
      },
      async ({ actor, params, request }) => {
        return service.uploadAttachment(ctx, actor, entity, params.id, await uploadedFile(request));
      },
    );
  }
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/attachments/:id/download',
      access: 'authenticated',
      tag,
      summary: 'Download an attachment',
      params: IdParams,
      produces: 'application/octet-stream',
    },
    async ({ actor, params, reply }) => {
      const { attachment, stream } = await service.openAttachment(ctx, actor, params.id);
      return service.sendAttachment(reply, attachment, stream);
    },
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/attachments/:id',
      access: 'authenticated',
      tag,
      summary: 'Delete an attachment',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteAttachment(ctx, actor, params.id),
  );
}
