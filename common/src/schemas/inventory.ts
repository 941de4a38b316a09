import { z } from 'zod';
import { IsoDate, OptionalText, PageQuery, Id, RecordId } from './common.ts';
import { NonNegativeAmount } from './products.ts';

/** A stock quantity: up to three decimals, as on order lines. */
export const StockQuantity = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, 'invalidQuantity');
const PositiveStockQuantity = StockQuantity.refine((v) => Number(v) > 0, 'invalidQuantity');

export const WarehouseInput = z.object({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(100),
  address: OptionalText,
  isDefault: z.boolean().default(false),
  active: z.boolean().default(true),
});
export const WarehousePatch = z
  .object({
    code: WarehouseInput.shape.code,
    name: WarehouseInput.shape.name,
    address: OptionalText,
    isDefault: z.boolean(),
    active: z.boolean(),
  })
  .partial();
export const Warehouse = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  isDefault: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Warehouse = z.infer<typeof Warehouse>;

export const stockMovementKinds = ['in', 'out', 'transfer_in', 'transfer_out', 'adjust'] as const;
export type StockMovementKind = (typeof stockMovementKinds)[number];

/** Stock of one product: the company total and each warehouse. Cost figures are null without `inventory.costs`. */
export const StockLevel = z.object({
  productId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  unit: z.string().nullable(),
  reorderLevel: z.string().nullable(),
  onHand: z.string(),
  reserved: z.string(),
  /** On hand − reserved; negative when a stock-take found fewer units than are promised. */
  available: z.string(),
  low: z.boolean(),
  averageCost: z.string().nullable(),
  value: z.string().nullable(),
  warehouses: z.array(
    z.object({
      warehouseId: z.number(),
      warehouseName: z.string(),
      onHand: z.string(),
      reserved: z.string(),
      available: z.string(),
      value: z.string().nullable(),
    }),
  ),
});
export type StockLevel = z.infer<typeof StockLevel>;
export const StockQuery = PageQuery.extend({
  warehouseId: Id.optional(),
  lowOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const StockMovement = z.object({
  id: z.number(),
  productId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  warehouseId: z.number(),
  warehouseName: z.string(),
  kind: z.enum(stockMovementKinds),
  /** Signed: negative when stock leaves. */
  quantity: z.string(),
  value: z.string().nullable(),
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  reason: z.string().nullable(),
  createdBy: z.number().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type StockMovement = z.infer<typeof StockMovement>;
export const StockMovementQuery = PageQuery.extend({
  productId: Id.optional(),
  warehouseId: Id.optional(),
  kind: z.enum(stockMovementKinds).optional(),
  orderId: Id.optional(),
});

export const StockInInput = z.object({
  warehouseId: RecordId,
  productId: RecordId,
  quantity: PositiveStockQuantity,
  /** Cost of one unit of this receipt; the product's cost price when left out. */
  unitCost: NonNegativeAmount.nullish(),
  reason: OptionalText,
});
export const StockTransferInput = z
  .object({
    productId: RecordId,
    fromWarehouseId: RecordId,
    toWarehouseId: RecordId,
    quantity: PositiveStockQuantity,
    reason: OptionalText,
  })
  .refine((v) => v.fromWarehouseId !== v.toWarehouseId, { path: ['toWarehouseId'], message: 'sameWarehouse' });
/** A stock-take: the quantity counted replaces what the books say, and the difference is recorded with its reason. */
export const StockCountInput = z.object({
  warehouseId: RecordId,
  productId: RecordId,
  countedQuantity: StockQuantity,
  reason: z.string().trim().min(1).max(500),
});

export const MarginQuery = z.object({ from: IsoDate, to: IsoDate });
export const ProductMargin = z.object({
  productId: z.number().nullable(),
  productCode: z.string().nullable(),
  /** Null for lines entered without a product. */
  productName: z.string().nullable(),
  quantity: z.string(),
  revenue: z.string(),
  cost: z.string(),
  margin: z.string(),
  /** Margin as a percentage of revenue, two decimals; null when nothing was sold. */
  marginPercent: z.string().nullable(),
});
export type ProductMargin = z.infer<typeof ProductMargin>;
export const MarginReport = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  items: z.array(ProductMargin),
  totals: ProductMargin.omit({ productId: true, productCode: true, productName: true, quantity: true }),
});
export type MarginReport = z.infer<typeof MarginReport>;
