import { z } from 'zod';
import { IsoDate, OptionalLongText, OptionalText, PageQuery, Id, RecordId } from './common.ts';
import { NonNegativeAmount } from './products.ts';

export const contractStatuses = ['draft', 'pending_approval', 'in_force', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

const ContractFields = z.object({
  name: z.string().trim().min(1).max(200),
  customerId: RecordId,
  opportunityId: RecordId.nullish(),
  orderId: RecordId.nullish(),
  category: z.string().trim().max(50).nullish(),
  amount: NonNegativeAmount,
  currency: z.string().regex(/^[A-Z]{3}$/),
  signedOn: IsoDate.nullish(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  ourSignatory: OptionalText,
  customerSignatory: OptionalText,
  terms: OptionalLongText,
  /** Days before the end date when the owner is reminded to renew. */
  renewalRemindDays: z.number().int().min(0).max(365),
});
const endsAfterStart = (c: { startsOn?: string; endsOn?: string }) =>
  !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn;
export const ContractInput = ContractFields.extend({
  currency: ContractFields.shape.currency.optional(),
  renewalRemindDays: ContractFields.shape.renewalRemindDays.default(30),
}).refine(endsAfterStart, { path: ['endsOn'], message: 'endBeforeStart' });
export const ContractPatch = ContractFields.omit({ customerId: true })
  .partial()
  .refine(endsAfterStart, { path: ['endsOn'], message: 'endBeforeStart' });

export const Contract = z.object({
  id: z.number(),
  number: z.string(),
  name: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  opportunityId: z.number().nullable(),
  orderId: z.number().nullable(),
  previousId: z.number().nullable(),
  category: z.string().nullable(),
  amount: z.string(),
  currency: z.string(),
  signedOn: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  ourSignatory: z.string().nullable(),
  customerSignatory: z.string().nullable(),
  terms: z.string().nullable(),
  renewalRemindDays: z.number(),
  status: z.enum(contractStatuses),
  closeReason: z.string().nullable(),
  renewedById: z.number().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contract = z.infer<typeof Contract>;
export const ContractQuery = PageQuery.extend({
  customerId: Id.optional(),
  status: z.enum(contractStatuses).optional(),
  /** Contracts in force that end within this many days. */
  endingWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export const ContractRenewal = z.object({
  startsOn: IsoDate.optional(),
  endsOn: IsoDate,
  amount: NonNegativeAmount.optional(),
});
export const ContractTermination = z.object({ reason: z.string().trim().min(1).max(500) });
