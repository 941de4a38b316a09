import { EmailAttachmentParams, EmailMessage, IdParams, Mailbox, MailboxInput, MailboxList } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { sendAttachment } from '../attachments/index.ts';
import * as service from './mailboxes.service.ts';

export function mailboxesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'mailboxes';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/mailboxes',
      access: 'authenticated',
      tag,
      summary: 'My mailboxes (and the shared ones, for administrators) with their sync state',
      response: MailboxList,
    },
    async ({ actor }) => ({ items: await service.listMailboxes(ctx, actor) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/mailboxes',
      access: 'authenticated',
      tag,
      summary: 'Connect a mailbox: signs in to its IMAP server first; the password is never shown again',
      body: MailboxInput,
      response: Mailbox,
      status: 201,
    },
    async ({ actor, body }) => service.createMailbox(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/mailboxes/:id',
      access: 'authenticated',
      tag,
      summary: 'Disconnect a mailbox (its messages stay on the timelines)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteMailbox(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/mailboxes/:id/sync',
      access: 'authenticated',
      tag,
      summary: 'Read the mailbox’s new messages now',
      params: IdParams,
      response: Mailbox,
    },
    async ({ actor, params }) => service.requestSync(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/email-messages/:id',
      access: 'authenticated',
      tag,
      summary: 'An email, for the owner of its mailbox and those who may see a record it is about',
      params: IdParams,
      response: EmailMessage,
    },
    async ({ actor, params }) => service.getEmailMessage(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/email-messages/:id/attachments/:attachmentId',
      access: 'authenticated',
      tag,
      summary: 'Download a file attached to an email',
      params: EmailAttachmentParams,
      produces: 'application/octet-stream',
    },
    async ({ actor, params, reply }) => {
      const { attachment, stream } = await service.openEmailAttachment(ctx, actor, params.id, params.attachmentId);
      return sendAttachment(reply, attachment, stream);
    },
  );
}
