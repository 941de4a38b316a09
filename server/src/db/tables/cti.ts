import type { Generated } from 'kysely';

// Telephony (CTI): PBX and cloud call-center connections, agents' seats and calls.

export type CtiConnectionTable = {
  id: Generated<number>;
  name: string;
  kind: 'asterisk' | 'freeswitch' | 'cloud';
  enabled: number;
  /** JSON: host, port, username, dialContext, recordingBaseUrl, dialUrl, dialMethod, dialBody, areaCode. */
  settings: string;
  /** AES-256-GCM (platform/secret-box.ts), never sent to a client. */
  secretSealed: string | null;
  status: string | null;
  /** The server instance holding the connection open, and when it last renewed its hold. */
  heldBy: string | null;
  heldAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type CallSeatTable = {
  userId: number;
  connectionId: number | null;
  extension: string | null;
  state: 'available' | 'on_call' | 'after_call' | 'away' | 'offline';
  stateSince: string;
  wrapUpUntil: string | null;
  /** JSON array of queue skills. */
  skills: string;
  lastCallEndedAt: string | null;
};

export type CallTable = {
  id: Generated<number>;
  connectionId: number | null;
  externalId: string;
  direction: 'inbound' | 'outbound';
  state: 'queued' | 'ringing' | 'talking' | 'held' | 'ended';
  fromNumber: string;
  toNumber: string;
  peerNumber: string;
  ownerId: number | null;
  departmentId: number | null;
  extension: string | null;
  queue: string | null;
  /** 0 for a customer at the first level of customer_level (VIP), more for the others; the ACD's order. */
  levelRank: number;
  ringAt: string;
  answerAt: string | null;
  endAt: string | null;
  talkSeconds: number | null;
  result: string | null;
  notes: string | null;
  recordingUrl: string | null;
  recordingPath: string | null;
  customerId: number | null;
  contactId: number | null;
  leadId: number | null;
  ticketId: number | null;
  /** JSON: the PBX's channel names of the call (caller, agent), for hang-up and transfer. */
  channels: string;
  wrappedUpAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CtiTables = {
  ctiConnections: CtiConnectionTable;
  callSeats: CallSeatTable;
  calls: CallTable;
};
