import { z } from 'zod';
import { IsoDate, OptionalLongText, OptionalText, PageQuery, Id, RecordId } from './common.ts';

/** An installed product at a customer (installed base): what it is, where, and until when it is under warranty. */
export const AssetInput = z.object({
  customerId: RecordId,
  productId: RecordId.nullish(),
  name: z.string().trim().min(1).max(200),
  serialNumber: z.string().trim().max(100).nullish(),
  purchasedOn: IsoDate.nullish(),
  orderId: RecordId.nullish(),
  warrantyEndsOn: IsoDate.nullish(),
  location: OptionalText,
  notes: OptionalLongText,
});
export const AssetPatch = AssetInput.omit({ customerId: true }).partial();
export const Asset = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  productId: z.number().nullable(),
  productCode: z.string().nullable(),
  name: z.string(),
  serialNumber: z.string().nullable(),
  purchasedOn: z.string().nullable(),
  orderId: z.number().nullable(),
  warrantyEndsOn: z.string().nullable(),
  underWarranty: z.boolean(),
  location: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Asset = z.infer<typeof Asset>;
export const AssetQuery = PageQuery.extend({
  customerId: Id.optional(),
  underWarranty: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** A service contract (entitlement): what is covered, for how long, how many visits or hours, and how fast we answer. */
export const ServiceContractInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    customerId: RecordId,
    contractId: RecordId.nullish(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    visitsIncluded: z.number().int().min(0).max(100_000).nullish(),
    /** Hours of work included, in whole minutes. */
    minutesIncluded: z.number().int().min(0).max(10_000_000).nullish(),
    /** The response-time promise in business minutes: tighter than the SLA policy, it wins. */
    responseMinutes: z.number().int().min(1).max(100_000).nullish(),
    /** Empty: every asset of the customer. */
    assetIds: z.array(RecordId).max(500).default([]),
    notes: OptionalLongText,
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'endBeforeStart' });
export const ServiceContract = z.object({
  id: z.number(),
  name: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  contractId: z.number().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(['upcoming', 'active', 'expired']),
  visitsIncluded: z.number().nullable(),
  visitsUsed: z.number(),
  minutesIncluded: z.number().nullable(),
  minutesUsed: z.number(),
  responseMinutes: z.number().nullable(),
  assetIds: z.array(z.number()),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceContract = z.infer<typeof ServiceContract>;
export const ServiceContractQuery = PageQuery.extend({ customerId: Id.optional(), activeOn: IsoDate.optional() });

/** Work done on a ticket, counted against its service contract. */
export const UsageInput = z
  .object({
    visits: z.number().int().min(0).max(100),
    minutes: z.number().int().min(0).max(100_000),
    note: OptionalText,
  })
  .refine((v) => v.visits > 0 || v.minutes > 0, { path: ['minutes'], message: 'nothingUsed' });
export const TicketCoverage = z.object({
  asset: Asset.nullable(),
  underWarranty: z.boolean(),
  serviceContract: ServiceContract.nullable(),
});
export type TicketCoverage = z.infer<typeof TicketCoverage>;
