import {
  EmailAttachmentParams,
  EmailCompose,
  EmailList,
  EmailLogInput,
  EmailMessage,
  EmailSent,
  IdParams,
  Mailbox,
  MailboxInput,
  MailboxList,
  MailboxPatch,
  SendingMailboxList,
  UnmatchedEmailList,
  UnmatchedEmailParams,
} from '@relate/common';
import { z } from 'zod';
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
      method: 'PATCH',
      url: '/api/v1/mailboxes/:id',
      access: 'authenticated',
      tag,
      summary:
        'Change a mailbox: signs in to its IMAP server with the new values first; a blank password keeps the stored one',
      params: IdParams,
      body: MailboxPatch,
      response: Mailbox,
    },
    async ({ actor, params, body }) => service.updateMailbox(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/mailboxes/sending',
      access: 'authenticated',
      tag,
      summary: 'The mailboxes the caller may send email from: their own and the shared ones',
      response: SendingMailboxList,
    },
    async ({ actor }) => ({ items: await service.sendingMailboxes(ctx, actor) }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/mailboxes/:id/unmatched',
      access: 'authenticated',
      tag,
      summary: 'Recent inbox messages from addresses no record has (read from the server, not kept), to log',
      params: IdParams,
      response: UnmatchedEmailList,
    },
    async ({ actor, params }) => ({ items: await service.unmatchedEmails(ctx, actor, params.id) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/mailboxes/:id/unmatched/:uid/log',
      access: 'authenticated',
      tag,
      summary:
        'Log an email from an unknown sender: makes a lead or a contact of them and keeps the message on its timeline',
      params: UnmatchedEmailParams,
      body: EmailLogInput,
      response: z.object({
        entity: z.enum(['leads', 'contacts']),
        entityId: z.number(),
        emailId: z.number().nullable(),
      }),
      status: 201,
    },
    async ({ actor, params, body }) => service.logUnmatchedEmail(ctx, actor, params.id, params.uid, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/email-messages',
      access: 'authenticated',
      tag,
      summary:
        'Write an email (or a reply, keeping its thread) from a mailbox: sent, placed in its Sent folder and shown on the records’ timelines',
      body: EmailCompose,
      response: EmailSent,
      status: 201,
      bodyLimit: 64 * 1024 * 1024,
    },
    async ({ actor, body }) => service.composeEmail(ctx, actor, body),
  );
  for (const entity of ['leads', 'contacts'] as const)
    defineRoute(
      app,
      {
        method: 'GET',
        url: `/api/v1/${entity}/:id/emails`,
        access: 'authenticated',
        tag,
        summary: `The emails of a ${entity === 'leads' ? 'lead' : 'contact'}, newest first`,
        params: IdParams,
        response: EmailList,
      },
      async ({ actor, params }) => ({ items: await service.emailsOfRecord(ctx, actor, entity, params.id) }),
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
