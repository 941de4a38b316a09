import { z } from 'zod';

const host = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/, 'invalid');

/** An outgoing server of the mailbox's own; left out or null, the company's mail server is used. */
export const MailboxSmtpInput = z.object({
  host,
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  username: z.string().trim().max(200).nullish(),
  password: z.string().max(200).nullish(),
});

export const mailboxKinds = ['personal', 'shared'] as const;
export type MailboxKind = (typeof mailboxKinds)[number];

/** Picks a new ticket's category: the first rule whose keyword is in the subject (case-insensitive). */
export const CategoryRule = z.object({
  keyword: z.string().trim().min(1).max(100),
  category: z.string().trim().min(1).max(50),
});
export type CategoryRule = z.infer<typeof CategoryRule>;

/** A mailbox to read over IMAP: personal (its owner's own) or shared (sales@, service@: administrators only). */
export const MailboxInput = z.object({
  kind: z.enum(mailboxKinds).default('personal'),
  address: z.email().max(200),
  imapHost: host,
  imapPort: z.number().int().min(1).max(65535).default(993),
  /** TLS from the start (993); otherwise STARTTLS where the server offers it. */
  imapTls: z.boolean().default(true),
  imapUser: z.string().trim().min(1).max(200),
  /** Stored encrypted and never shown again. */
  password: z.string().min(1).max(200),
  smtp: MailboxSmtpInput.nullish(),
  /** Messages received before this day are not read (the backfill's start). */
  syncFrom: z.iso.date(),
  /** A shared mailbox only: each new thread in its inbox becomes a ticket. */
  serviceMailbox: z.boolean().default(false),
  categoryRules: z.array(CategoryRule).max(50).default([]),
});
export type MailboxInput = z.infer<typeof MailboxInput>;

/**
 * Changes a mailbox; what is left out stays. A blank or missing password keeps the stored one (it is
 * never shown); the IMAP sign-in is tested again before anything is saved.
 */
export const MailboxPatch = z.object({
  address: MailboxInput.shape.address.optional(),
  imapHost: host.optional(),
  imapPort: z.number().int().min(1).max(65535).optional(),
  imapTls: z.boolean().optional(),
  imapUser: MailboxInput.shape.imapUser.optional(),
  password: z.string().max(200).nullish(),
  /** Null: the company's outgoing server; an object without a password keeps the stored SMTP password. */
  smtp: MailboxSmtpInput.nullish(),
  syncFrom: z.iso.date().optional(),
  serviceMailbox: z.boolean().optional(),
  categoryRules: z.array(CategoryRule).max(50).optional(),
});
export type MailboxPatch = z.infer<typeof MailboxPatch>;

export const Mailbox = z.object({
  id: z.number(),
  kind: z.enum(mailboxKinds),
  address: z.string(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  imapHost: z.string(),
  imapPort: z.number(),
  imapTls: z.boolean(),
  imapUser: z.string(),
  passwordSet: z.boolean(),
  /** Whether outgoing mail goes through a server of its own (else the company's). */
  ownSmtp: z.boolean(),
  syncFrom: z.string(),
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Messages stored from this mailbox. */
  messageCount: z.number(),
  serviceMailbox: z.boolean(),
  categoryRules: z.array(CategoryRule),
  /** Whether a server instance keeps an IDLE connection to it (new mail read at once, not at the next poll). */
  idle: z.boolean(),
  createdAt: z.string(),
});
export type Mailbox = z.infer<typeof Mailbox>;

/** A mailbox the caller may send from: their own, and the shared ones. */
export const SendingMailbox = z.object({
  id: z.number(),
  kind: z.enum(mailboxKinds),
  address: z.string(),
  serviceMailbox: z.boolean(),
});
export const SendingMailboxList = z.object({ items: z.array(SendingMailbox) });
export type SendingMailbox = z.infer<typeof SendingMailbox>;
export const MailboxList = z.object({ items: z.array(Mailbox) });

export const emailDirections = ['in', 'out'] as const;

export const EmailAddress = z.object({ address: z.string(), name: z.string().nullable() });
export type EmailAddress = z.infer<typeof EmailAddress>;

/** An email on a record's timeline: who wrote to whom, about what, and its first words. */
export const EmailSummary = z.object({
  id: z.number(),
  subject: z.string(),
  from: EmailAddress.nullable(),
  to: z.array(EmailAddress),
  direction: z.enum(emailDirections),
  sentAt: z.string(),
  excerpt: z.string(),
  attachmentCount: z.number(),
  /** Who wrote it in the CRM; null when it was read from a mailbox. */
  sentByName: z.string().nullable().optional(),
  /** The ticket it belongs to, for a service mailbox's messages. */
  ticketId: z.number().nullable().optional(),
});
export type EmailSummary = z.infer<typeof EmailSummary>;

export const EmailLink = z.object({
  entity: z.enum(['customers', 'contacts', 'leads']),
  entityId: z.number(),
  name: z.string(),
});

export const EmailMessage = EmailSummary.extend({
  messageId: z.string(),
  threadKey: z.string(),
  cc: z.array(EmailAddress),
  text: z.string().nullable(),
  /** Sanitised: no scripts, styles, event handlers or remote content. */
  html: z.string().nullable(),
  attachments: z.array(z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), size: z.number() })),
  /** The records it was matched to that the caller may see. */
  links: z.array(EmailLink),
  /** The other messages of its thread that the caller may see, oldest first. */
  thread: z.array(EmailSummary),
});
export type EmailMessage = z.infer<typeof EmailMessage>;

export const EmailAttachmentParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  attachmentId: z.coerce.number().int().positive().max(2_147_483_647),
});

export const emailRecordEntities = ['customers', 'contacts', 'leads'] as const;

const recipient = z.email().max(200);

/**
 * An email written in the CRM: sent through a mailbox (its own SMTP server, else the company's), kept
 * in its Sent folder, and shown on the record's timeline. `replyTo` names the message answered: its
 * thread is kept (In-Reply-To, References). Attachments come as base64.
 */
export const EmailCompose = z.object({
  mailboxId: z.number().int().positive(),
  to: z.array(recipient).min(1).max(50),
  cc: z.array(recipient).max(50).default([]),
  bcc: z.array(recipient).max(50).default([]),
  subject: z.string().trim().min(1).max(500),
  text: z.string().max(100_000),
  /** An HTML version besides the text (an email template rendered for the recipient); sent as multipart/alternative. */
  html: z.string().max(1_000_000).nullish(),
  replyTo: z.number().int().positive().nullish(),
  /** The record it is written from (also shown on its timeline when no recipient's address is on it). */
  entity: z.enum(emailRecordEntities).nullish(),
  entityId: z.number().int().positive().nullish(),
  attachments: z
    .array(
      z.object({
        fileName: z.string().trim().min(1).max(200),
        contentType: z.string().max(200).nullish(),
        /** The file's bytes in base64. */
        content: z.string().max(40_000_000),
      }),
    )
    .max(20)
    .default([]),
});
export type EmailCompose = z.infer<typeof EmailCompose>;

export const EmailSent = z.object({
  id: z.number(),
  messageId: z.string(),
  /** False when the message went out but could not be placed in the mailbox's Sent folder (the reason in `sentFolderError`). */
  savedToSent: z.boolean(),
  sentFolderError: z.string().nullable(),
});
export type EmailSent = z.infer<typeof EmailSent>;

export const EmailList = z.object({ items: z.array(EmailSummary) });

/**
 * A recent inbox message from an address no record has: read from the server when asked (such mail is
 * not kept in the CRM), for the mailbox's owner to log.
 */
export const UnmatchedEmail = z.object({
  uid: z.number(),
  from: EmailAddress.nullable(),
  subject: z.string(),
  sentAt: z.string(),
});
export const UnmatchedEmailList = z.object({ items: z.array(UnmatchedEmail) });
export const UnmatchedEmailParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  uid: z.coerce.number().int().positive().max(4_294_967_295),
});

/** "Log this email": a lead or a contact (of a customer) made from an unknown sender; the message goes on its timeline. */
export const EmailLogInput = z.discriminatedUnion('as', [
  z.object({
    as: z.literal('lead'),
    name: z.string().trim().min(1).max(100),
    company: z.string().trim().max(200).nullish(),
  }),
  z.object({
    as: z.literal('contact'),
    name: z.string().trim().min(1).max(100),
    customerId: z.number().int().positive(),
  }),
]);
export type EmailLogInput = z.infer<typeof EmailLogInput>;
