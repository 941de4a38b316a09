import { z } from 'zod';
import { PageQuery, RecordId } from './common.ts';

export const Pool = z.object({
  id: z.number(),
  name: z.string(),
  departmentId: z.number().nullable(),
  customerCount: z.number(),
});
export type Pool = z.infer<typeof Pool>;
export const PoolInput = z.object({ name: z.string().trim().min(1).max(100), departmentId: RecordId.nullish() });

export const PoolCustomer = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.string().nullable(),
  industry: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  lastFollowupAt: z.string().nullable(),
  enteredAt: z.string(),
});
export type PoolCustomer = z.infer<typeof PoolCustomer>;
export const PoolCustomerQuery = PageQuery.extend({ level: z.string().max(50).optional() });

export const ReleaseInput = z.object({ reason: z.string().trim().min(1).max(500), poolId: RecordId.optional() });
export const ClaimResult = z.object({ customerId: z.number(), claimsToday: z.number(), limitPerDay: z.number() });
