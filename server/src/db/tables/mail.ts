import type { Generated } from 'kysely';

// Email: mailboxes read over IMAP, the messages stored from them and the records they were matched to.

export type MailboxTable = {
  id: Generated<number>;
  kind: 'personal' | 'shared';
  /** The user whose personal mailbox it is; null for a shared one. */
  ownerId: number | null;
  address: string;
  imapHost: string;
  imapPort: number;
  imapTls: number;
  imapUser: string;
  /** AES-256-GCM (platform/secret-box.ts), never sent to a client. */
  imapPasswordSealed: string;
  /** JSON of an outgoing server of its own (its password sealed); null: the company's. */
  smtp: string | null;
  syncFrom: string;
  lastSyncedAt: string | null;
  lastError: string | null;
  /** Which instance is syncing it and since when (one sync at a time per mailbox). */
  syncLockedBy: string | null;
  syncLockedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  /** A shared mailbox whose new threads become tickets (migration 0064). */
  serviceMailbox: Generated<number>;
  /** JSON array of { keyword, category }: the first whose keyword is in a new ticket's subject gives its category. */
  categoryRules: Generated<string>;
  /** Which instance keeps an IDLE connection to it, refreshed while it does. */
  idleHeldBy: string | null;
  idleHeldAt: string | null;
};

/** How far each folder of a mailbox has been read: its UIDVALIDITY and the last UID stored. */
export type MailboxFolderTable = {
  mailboxId: number;
  path: string;
  uidValidity: string;
  lastUid: number;
  updatedAt: string;
};

export type EmailMessageTable = {
  id: Generated<number>;
  /** The normalised Message-ID (or a digest of the headers when it has none): one row per message in the company. */
  messageKey: string;
  /** The first mailbox it was read from. */
  mailboxId: number;
  threadKey: string;
  inReplyTo: string | null;
  /** JSON array of message keys. */
  references: string;
  /** The Message-ID as its mailer wrote it, without angle brackets (null: none, or stored before it was kept). */
  messageId: Generated<string | null>;
  /** JSON array of the References as written (null: stored before they were kept). */
  referenceIds: Generated<string | null>;
  fromAddress: string | null;
  fromName: string | null;
  /** JSON arrays of { address, name }. */
  toList: string;
  ccList: string;
  subject: string;
  sentAt: string;
  direction: 'in' | 'out';
  text: string | null;
  html: string | null;
  excerpt: string;
  attachmentCount: number;
  createdAt: string;
  /** The user who wrote it in the CRM (compose, reply, a ticket's answer); null when read from a mailbox. */
  sentBy: Generated<number | null>;
  /** The ticket it belongs to (a service mailbox's thread). */
  ticketId: Generated<number | null>;
};

/** Every mailbox a message was found in, with its UID there (a personal mailbox's owner sees its messages). */
export type EmailMessageMailboxTable = { messageId: number; mailboxId: number; folder: string; uid: number };

export type EmailMessageLinkTable = {
  messageId: number;
  entity: 'customers' | 'contacts' | 'leads';
  entityId: number;
  /** The customer whose timeline shows it: the customer itself, or a contact's customer. */
  customerId: number | null;
  address: string;
};

export type MailTables = {
  mailboxes: MailboxTable;
  mailboxFolders: MailboxFolderTable;
  emailMessages: EmailMessageTable;
  emailMessageMailboxes: EmailMessageMailboxTable;
  emailMessageLinks: EmailMessageLinkTable;
};
