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

export type CampaignTables = {
  campaigns: CampaignTable;
  campaignProducts: CampaignProductTable;
  campaignCosts: CampaignCostTable;
  campaignMembers: CampaignMemberTable;
};
