import type { Generated } from 'kysely';

// Outbound call lists: lists, their entries, the attempts on them, and notes on instalments.

export type CallListTable = {
  id: Generated<number>;
  name: string;
  purpose: string;
  sourceKind: string;
  /** JSON: the source's settings. */
  sourceParams: string;
  script: string;
  surveyId: number | null;
  status: 'active' | 'paused' | 'closed';
  maxAttempts: number;
  retryMinutes: number;
  /** HH:mm in the company's time zone. */
  callingStart: string;
  callingEnd: string;
  assignment: 'even' | 'owner';
  /** JSON array of the agents entries are shared among. */
  agentIds: string;
  ownerId: number | null;
  departmentId: number | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type CallListEntryTable = {
  id: Generated<number>;
  listId: number;
  sourceKey: string;
  name: string;
  /** Normalised (digits, no +86). */
  phone: string | null;
  customerId: number | null;
  contactId: number | null;
  /** The lead called (a lead's entry also names the customer and contact it was converted to). */
  leadId: number | null;
  ticketId: number | null;
  instalmentId: number | null;
  recordOwnerId: number | null;
  /** JSON: the source's merge fields. */
  details: string;
  agentId: number | null;
  departmentId: number | null;
  status: 'open' | 'done' | 'exhausted' | 'skipped';
  skipReason: string | null;
  attempts: number;
  unansweredAttempts: number;
  lastOutcome: string | null;
  lastAttemptAt: string | null;
  nextCallAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CallAttemptTable = {
  id: Generated<number>;
  entryId: number;
  listId: number;
  agentId: number | null;
  callId: number | null;
  number: string | null;
  dialedAt: string | null;
  outcome: string | null;
  outcomeAt: string | null;
  reached: number | null;
  note: string | null;
  callbackAt: string | null;
  promiseDate: string | null;
  /** Minor units. */
  promiseAmount: number | null;
  talkSeconds: number | null;
  wrapUpSeconds: number | null;
  createdAt: string;
};

export type InstalmentNoteTable = {
  id: Generated<number>;
  instalmentId: number;
  body: string;
  promisedOn: string | null;
  /** Minor units. */
  promisedAmount: number | null;
  currency: string | null;
  callAttemptId: number | null;
  createdBy: number | null;
  createdAt: string;
};

export type CallListTables = {
  callLists: CallListTable;
  callListEntries: CallListEntryTable;
  callAttempts: CallAttemptTable;
  instalmentNotes: InstalmentNoteTable;
};
