import type { Generated } from 'kysely';
import type { Owned, Timestamps } from './columns.ts';

// Campaigns (市场活动), their cost lines, promoted products and members (migration 0066).
// Money in minor units of the default currency.

export type CampaignTable = Timestamps &
  Owned & {
    id: Generated<number>;
    name: string;
    /** A code of the campaign_type dictionary. */
    type: string;
    status: string;
    parentId: number | null;
    startDate: string | null;
    endDate: string | null;
    budget: number | null;
    expectedRevenue: number | null;
    expectedResponse: number | null;
    description: string | null;
  };

export type CampaignProductTable = { campaignId: number; productId: number };

export type CampaignCostTable = {
  id: Generated<number>;
  campaignId: number;
  date: string;
  item: string;
  amount: number;
  supplier: string | null;
  createdBy: number | null;
  createdAt: string;
};

export type CampaignMemberTable = {
  id: Generated<number>;
  campaignId: number;
  /** leads, contacts or customers. */
  entity: string;
  entityId: number;
  status: string;
  /** list, import, segment or form. */
  source: string;
  firstAt: string | null;
  lastAt: string | null;
  createdBy: number | null;
  createdAt: string;
};

// Campaign email sends, their recipients and the opens and clicks recorded (migration 0080).
export type CampaignEmailSendTable = {
  id: Generated<number>;
  campaignId: number;
  templateId: number;
  segmentId: number | null;
  /** queued, sending, paused, cancelled, done. */
  status: string;
  perSecond: number;
  origin: string;
  createdBy: number;
  createdAt: string;
  finishedAt: string | null;
};

export type CampaignEmailRecipientTable = {
  id: Generated<number>;
  sendId: number;
  memberId: number;
  /** The record it was mailed as: contacts, leads or customers (migration 0091); null for a few older rows. */
  entity: string | null;
  entityId: number | null;
  email: string | null;
  /** queued, sending (claimed: the message may have gone), sent, failed, skipped. */
  status: string;
  skipReason: string | null;
  messageId: string | null;
  error: string | null;
  claimedAt: string | null;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  /** JSON: the links of the message as sent, in order (a click names one by its index). */
  links: string | null;
  /** When a delivery report said the message bounced. */
  bouncedAt: string | null;
  /** hard (permanent) or soft (transient). */
  bounceKind: string | null;
  /** The report's enhanced status code, e.g. 5.1.1. */
  bounceStatus: string | null;
  /** What the receiving server said. */
  bounceDetail: string | null;
};

export type CampaignEmailEventTable = {
  id: Generated<number>;
  recipientId: number;
  sendId: number;
  kind: string;
  link: number | null;
  at: string;
};

export type CampaignTables = {
  campaignEmailSends: CampaignEmailSendTable;
  campaignEmailRecipients: CampaignEmailRecipientTable;
  campaignEmailEvents: CampaignEmailEventTable;
  campaigns: CampaignTable;
  campaignProducts: CampaignProductTable;
  campaignCosts: CampaignCostTable;
  campaignMembers: CampaignMemberTable;
};
