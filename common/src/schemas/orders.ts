import { z } from 'zod';
import { EnumList, Id, IdList, IsoDate, OptionalText, PageQuery, RecordId } from './common.ts';
import { DocumentFields, DocumentHead, DocumentTotals, LineItem } from './line-items.ts';

export const orderStatuses = [
  'draft',
  'pending_approval',
  'approved',
  'partially_delivered',
  'delivered',
  'completed',
  'cancelled',
  'terminated',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];
/** An order sold (won): approved onwards, not cancelled or terminated. */
export const soldOrderStatuses = [
  'approved',
  'partially_delivered',
  'delivered',
  'completed',
] as const satisfies readonly OrderStatus[];

const OrderFields = DocumentFields.extend({
  requestedDeliveryDate: IsoDate.nullish(),
  shippingAddress: OptionalText,
  /** Where tracked products are reserved and shipped from; the default warehouse when empty. */
  warehouseId: RecordId.nullish(),
});
export const OrderInput = OrderFields.extend({ currency: OrderFields.shape.currency.optional() });
export const OrderPatch = OrderFields.omit({ customerId: true }).partial();

/** cost and margin: of what was delivered so far, in the company currency; null without `inventory.costs`. */
export const OrderLine = LineItem.extend({
  delivered: z.string(),
  remaining: z.string(),
  cost: z.string().nullable(),
  margin: z.string().nullable(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Delivery = z.object({
  id: z.number(),
  number: z.string(),
  deliveredOn: z.string(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  recipient: z.string().nullable(),
  notes: z.string().nullable(),
  lines: z.array(z.object({ orderLineId: z.number(), name: z.string(), quantity: z.string() })),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;

export const Order = z.object({
  id: z.number(),
  number: z.string(),
  ...DocumentHead.shape,
  quoteId: z.number().nullable(),
  quoteNumber: z.string().nullable(),
  currency: z.string(),
  status: z.enum(orderStatuses),
  discountPercent: z.string(),
  ...DocumentTotals.shape,
  requestedDeliveryDate: z.string().nullable(),
  shippingAddress: z.string().nullable(),
  warehouseId: z.number().nullable(),
  warehouseName: z.string().nullable(),
  terms: z.string().nullable(),
  notes: z.string().nullable(),
  closeReason: z.string().nullable(),
  approvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof Order>;
export const OrderDetail = Order.extend({ lines: z.array(OrderLine), deliveries: z.array(Delivery) });
export type OrderDetail = z.infer<typeof OrderDetail>;

export const OrderQuery = PageQuery.extend({
  status: EnumList(orderStatuses),
  customerId: Id.optional(),
  opportunityId: Id.optional(),
  quoteId: Id.optional(),
  ownerId: IdList,
});

export const DeliveryInput = z.object({
  deliveredOn: IsoDate,
  carrier: OptionalText,
  trackingNumber: OptionalText,
  recipient: OptionalText,
  notes: OptionalText,
  lines: z
    .array(
      z.object({
        orderLineId: RecordId,
        quantity: z
          .string()
          .trim()
          .regex(/^\d{1,9}(\.\d{1,3})?$/, 'invalidQuantity')
          .refine((v) => Number(v) > 0, 'invalidQuantity'),
      }),
    )
    .min(1)
    .max(500),
});
export const OrderClose = z.object({ reason: z.string().trim().min(1).max(500) });
