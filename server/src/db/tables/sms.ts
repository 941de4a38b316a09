import type { Generated } from 'kysely';

/** An SMS template as registered with the provider (common/schemas/sms.ts). */
export type SmsTemplateTable = {
  id: Generated<number>;
  name: string;
  providerCode: string;
  signature: string;
  content: string;
  /** [{ name, maxLength }], in the order of Tencent's positional {1}, {2} … */
  variables: unknown;
  enabled: number;
  createdAt: string;
  updatedAt: string;
};

/** Every SMS sent from a record or received by a provider's reply callback; the throttle counts them by number. */
export type SmsMessageTable = {
  id: Generated<number>;
  direction: 'out' | 'in';
  /** The number, normalised (digits; a Chinese mobile without +86). */
  phone: string;
  content: string;
  templateId: number | null;
  provider: 'outbox' | 'aliyun' | 'tencent';
  providerMessageId: string | null;
  status: 'sending' | 'sent' | 'delivered' | 'failed' | 'received';
  error: string | null;
  contactId: number | null;
  customerId: number | null;
  userId: number | null;
  createdAt: string;
  statusAt: string | null;
};

/** What the local outbox provider “sent”: kept here and shown on an admin page instead. */
export type SmsOutboxTable = {
  id: Generated<number>;
  phone: string;
  signature: string;
  templateCode: string;
  params: unknown;
  content: string;
  messageId: string;
  createdAt: string;
};

/** A contact's consent on one channel, with where it came from and when. */
export type ContactConsentTable = {
  contactId: number;
  channel: 'email' | 'sms' | 'phone';
  state: 'granted' | 'withdrawn';
  source: string;
  changedAt: string;
  changedBy: number | null;
};

/** A customer's own consent, as a contact's (migration 0092). */
export type CustomerConsentTable = Omit<ContactConsentTable, 'contactId'> & { customerId: number };

/** An address no marketing goes to, whoever's it is. */
export type SuppressionTable = {
  id: Generated<number>;
  channel: 'email' | 'sms' | 'phone';
  /** Normalised: a lower-case email, or a number's digits (a Chinese mobile without +86). */
  address: string;
  reason: string;
  source: string | null;
  createdBy: number | null;
  createdAt: string;
};

export type SmsTables = {
  smsTemplates: SmsTemplateTable;
  smsMessages: SmsMessageTable;
  smsOutbox: SmsOutboxTable;
  contactConsents: ContactConsentTable;
  customerConsents: CustomerConsentTable;
  suppressions: SuppressionTable;
};
