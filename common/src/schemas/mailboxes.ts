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
});
export type MailboxInput = z.infer<typeof MailboxInput>;

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
  createdAt: z.string(),
});
export type Mailbox = z.infer<typeof Mailbox>;
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
