import { z } from 'zod';
import { Amount } from '../money.ts';
import {
  CsvList,
  EnumList,
  IdList,
  OptionalLongText,
  OptionalText,
  PageQuery,
  RecordId,
  RequiredName,
} from './common.ts';

/** A campaign's life: planned → active → completed, or cancelled from planned or active. */
export const campaignStatuses = ['planned', 'active', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const campaignStatusMoves: Record<CampaignStatus, readonly CampaignStatus[]> = {
  planned: ['active', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const CampaignInput = z.object({
  name: RequiredName,
  /** A code of the `campaign_type` dictionary (email, SMS, event, seminar, online ads …). */
  type: z.string().trim().min(1).max(50),
  status: z.enum(campaignStatuses).optional(),
  parentId: RecordId.nullish(),
  startDate: z.iso.date().nullish(),
  endDate: z.iso.date().nullish(),
  ownerId: RecordId.optional(),
  budget: Amount.nullish(),
  expectedRevenue: Amount.nullish(),
  expectedResponse: z.number().int().min(0).max(100_000_000).nullish(),
  productIds: z.array(RecordId).max(100).optional(),
  description: OptionalLongText,
});
export type CampaignInput = z.infer<typeof CampaignInput>;
export const CampaignPatch = CampaignInput.partial();

export const Campaign = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  status: z.enum(campaignStatuses),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  budget: z.string().nullable(),
  expectedRevenue: z.string().nullable(),
  expectedResponse: z.number().nullable(),
  description: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;

/**
 * What a campaign achieved, with every campaign below it: counted and summed by the database over all rows.
 * Money in the default currency's decimal strings; `roi` is (received − cost) ÷ cost in percent with two
 * decimals, null when nothing was spent; `costPerLead` null when there is no lead.
 */
export const CampaignFigures = z.object({
  /** The currency of the amounts: the company's; costs are kept in it. */
  currency: z.string(),
  /** Won opportunities in other currencies, whose amounts are not added in. */
  wonInOtherCurrencies: z.number(),
  members: z.number(),
  responses: z.number(),
  leads: z.number(),
  convertedLeads: z.number(),
  opportunities: z.number(),
  wonOpportunities: z.number(),
  wonAmount: z.string(),
  received: z.string(),
  cost: z.string(),
  costPerLead: z.string().nullable(),
  roi: z.string().nullable(),
  childCount: z.number(),
});
export type CampaignFigures = z.infer<typeof CampaignFigures>;

export const CampaignDetail = Campaign.extend({
  products: z.array(z.object({ id: z.number(), name: z.string() })),
  figures: CampaignFigures,
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const campaignSortFields = [
  'name',
  'startDate',
  'endDate',
  'budget',
  'status',
  'createdAt',
  'updatedAt',
] as const;

export const CampaignQuery = PageQuery.extend({
  status: EnumList(campaignStatuses),
  type: CsvList,
  ownerId: IdList,
  parentId: z.coerce.number().int().positive().optional(),
  /** Only campaigns with no parent (the top of each hierarchy). */
  topLevel: z.enum(['true', 'false']).optional(),
});
export type CampaignQuery = z.infer<typeof CampaignQuery>;

export const CampaignCostInput = z.object({
  date: z.iso.date(),
  item: z.string().trim().min(1).max(200),
  amount: Amount,
  supplier: OptionalText,
});
export const CampaignCost = z.object({
  id: z.number(),
  campaignId: z.number(),
  date: z.string(),
  item: z.string(),
  amount: z.string(),
  supplier: z.string().nullable(),
  createdAt: z.string(),
});
export type CampaignCost = z.infer<typeof CampaignCost>;

export const campaignMemberEntities = ['leads', 'contacts', 'customers'] as const;
export type CampaignMemberEntity = (typeof campaignMemberEntities)[number];
export const campaignMemberStatuses = [
  'planned',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'responded',
  'converted',
  'bounced',
  'unsubscribed',
] as const;
export type CampaignMemberStatus = (typeof campaignMemberStatuses)[number];
/** Statuses that count as a response to the campaign. */
export const campaignResponseStatuses = ['responded', 'converted'] as const;
export const campaignMemberSources = ['list', 'import', 'segment', 'form'] as const;

/** Adds records the caller sees to a campaign (a list's selection); records already in it are left as they are. */
export const CampaignMembersInput = z.object({
  entity: z.enum(campaignMemberEntities),
  ids: z.array(RecordId).min(1).max(1000),
  status: z.enum(campaignMemberStatuses).optional(),
});
export const CampaignMembersResult = z.object({ added: z.number(), alreadyMembers: z.number() });

export const CampaignMemberPatch = z.object({ status: z.enum(campaignMemberStatuses) });

export const CampaignMember = z.object({
  id: z.number(),
  campaignId: z.number(),
  entity: z.enum(campaignMemberEntities),
  entityId: z.number(),
  name: z.string(),
  status: z.enum(campaignMemberStatuses),
  source: z.enum(campaignMemberSources),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CampaignMember = z.infer<typeof CampaignMember>;

export const CampaignMemberQuery = PageQuery.extend({
  entity: EnumList(campaignMemberEntities),
  status: EnumList(campaignMemberStatuses),
});

/** Which campaigns a record was a member of (an opportunity: its lead's, its customer's and its contacts'). */
export const CampaignMembershipQuery = z.object({
  entity: z.enum([...campaignMemberEntities, 'opportunities']),
  id: z.coerce.number().int().positive().max(2_147_483_647),
});
export const CampaignMembership = z.object({
  campaignId: z.number(),
  campaignName: z.string(),
  entity: z.enum(campaignMemberEntities),
  entityId: z.number(),
  status: z.enum(campaignMemberStatuses),
  lastAt: z.string().nullable(),
});
export type CampaignMembership = z.infer<typeof CampaignMembership>;
