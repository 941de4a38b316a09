import { z } from 'zod';
import { Amount } from '../money.ts';
import { CsvList, IdList, OptionalText, PageQuery, RequiredName, Id, RecordId } from './common.ts';

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];
/** Fields a stage may require before an opportunity enters it. */
export const stageRequirableFields = ['amount', 'expectedCloseDate', 'contacts', 'products', 'nextStep'] as const;

export const PipelineStage = z.object({
  id: z.number(),
  code: z.string(),
  probability: z.number(),
  kind: z.enum(stageKinds),
  sortOrder: z.number(),
  requiredFields: z.array(z.enum(stageRequirableFields)),
});
export type PipelineStage = z.infer<typeof PipelineStage>;

export const Pipeline = z.object({
  id: z.number(),
  name: z.string(),
  nameEn: z.string().nullable(),
  isDefault: z.boolean(),
  sortOrder: z.number(),
  stages: z.array(PipelineStage),
});
export type Pipeline = z.infer<typeof Pipeline>;

const StageInput = z.object({
  id: RecordId.optional(),
  code: z.string().trim().min(1).max(50),
  probability: z.number().int().min(0).max(100),
  kind: z.enum(stageKinds).default('open'),
  requiredFields: z.array(z.enum(stageRequirableFields)).max(10).default([]),
});
export const PipelineInput = z.object({
  name: z.string().trim().min(1).max(100),
  nameEn: OptionalText,
  isDefault: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10000).optional(),
  /** In board order; stages left out are removed (only when no opportunity uses them). */
  stages: z.array(StageInput).min(2).max(20),
});

export const OpportunityContactInput = z.object({ contactId: RecordId, role: z.string().trim().max(50).nullish() });
export const CompetitorInput = z.object({
  name: z.string().trim().min(1).max(200),
  strengths: OptionalText,
  price: Amount.nullish(),
});
export const ProductLineInput = z.object({
  productId: RecordId.nullish(),
  productName: z.string().trim().min(1).max(200),
  quantity: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,3})?$/, 'invalidQuantity'),
  unitPrice: Amount,
});

export const OpportunityInput = z.object({
  name: RequiredName,
  customerId: RecordId,
  pipelineId: RecordId.optional(),
  stageId: RecordId.optional(),
  amount: Amount.nullish(),
  currency: z.string().trim().length(3).toUpperCase().optional(),
  expectedCloseDate: z.iso.date().nullish(),
  probability: z.number().int().min(0).max(100).nullish(),
  source: z.string().trim().max(50).nullish(),
  /** The campaign it came from (first touch). */
  campaignId: RecordId.nullish(),
  lostReason: OptionalText,
  nextStep: OptionalText,
  ownerId: RecordId.optional(),
  contacts: z.array(OpportunityContactInput).max(50).optional(),
  competitors: z.array(CompetitorInput).max(20).optional(),
  products: z.array(ProductLineInput).max(200).optional(),
});
export type OpportunityInput = z.infer<typeof OpportunityInput>;
export const OpportunityPatch = OpportunityInput.partial();

export const Opportunity = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  pipelineId: z.number(),
  stageId: z.number(),
  stageCode: z.string(),
  status: z.enum(stageKinds),
  amount: z.string().nullable(),
  currency: z.string(),
  weightedAmount: z.string().nullable(),
  expectedCloseDate: z.string().nullable(),
  probability: z.number(),
  source: z.string().nullable(),
  campaignId: z.number().nullable(),
  lostReason: z.string().nullable(),
  nextStep: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.number().nullable(),
  stageEnteredAt: z.string(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const OpportunityDetail = Opportunity.extend({
  contacts: z.array(z.object({ contactId: z.number(), name: z.string(), role: z.string().nullable() })),
  competitors: z.array(
    z.object({ id: z.number(), name: z.string(), strengths: z.string().nullable(), price: z.string().nullable() }),
  ),
  products: z.array(
    z.object({
      id: z.number(),
      productId: z.number().nullable(),
      productName: z.string(),
      quantity: z.string(),
      unitPrice: z.string(),
      total: z.string(),
    }),
  ),
  stageHistory: z.array(
    z.object({
      fromStageId: z.number().nullable(),
      toStageId: z.number(),
      changedAt: z.string(),
      changedByName: z.string().nullable(),
      secondsInPrevious: z.number().nullable(),
    }),
  ),
});
export type OpportunityDetail = z.infer<typeof OpportunityDetail>;

export const opportunitySortFields = [
  'code',
  'name',
  'amount',
  'expectedCloseDate',
  'probability',
  'createdAt',
  'updatedAt',
] as const;

export const OpportunityQuery = PageQuery.extend({
  customerId: Id.optional(),
  pipelineId: Id.optional(),
  stageId: IdList,
  status: CsvList,
  ownerId: IdList,
  departmentId: IdList,
  closeFrom: z.iso.date().optional(),
  closeTo: z.iso.date().optional(),
});
export type OpportunityQuery = z.infer<typeof OpportunityQuery>;

export const BoardQuery = z.object({
  ownerId: IdList,
  departmentId: IdList,
  q: z.string().trim().max(100).optional(),
  cardsPerStage: z.coerce.number().int().min(1).max(100).default(20),
});
export const BoardColumn = z.object({
  stage: PipelineStage,
  count: z.number(),
  amount: z.string(),
  weightedAmount: z.string(),
  cards: z.array(Opportunity),
});
export const Board = z.object({ pipeline: Pipeline, columns: z.array(BoardColumn) });
export type Board = z.infer<typeof Board>;

export const ForecastQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  period: z.enum(['month', 'quarter']).default('month'),
  ownerId: Id.optional(),
  departmentId: Id.optional(),
});
export const ForecastRow = z.object({
  period: z.string(),
  committed: z.string(),
  weighted: z.string(),
  bestCase: z.string(),
  pipeline: z.string(),
  wonCount: z.number(),
  openCount: z.number(),
});
export const Forecast = z.object({ currency: z.string(), rows: z.array(ForecastRow) });
