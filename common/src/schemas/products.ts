import { z } from 'zod';
import { Amount } from '../money.ts';
import { IdList, IsoDate, OptionalLongText, OptionalText, PageQuery, Id, RecordId } from './common.ts';

export const productStatuses = ['on_sale', 'discontinued'] as const;

/** A percentage such as "13" or "6.5" (at most two decimals), kept exact. */
export const Percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'invalidPercent')
  .refine((v) => Number(v) <= 100, 'invalidPercent');
export const NonNegativeAmount = Amount.refine((v) => !v.startsWith('-'), 'invalidAmount');

export const ProductCategoryInput = z.object({
  name: z.string().trim().min(1).max(100),
  parentId: RecordId.nullish(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export const ProductCategory = z.object({
  id: z.number(),
  name: z.string(),
  parentId: z.number().nullable(),
  sortOrder: z.number(),
  productCount: z.number(),
});
export type ProductCategory = z.infer<typeof ProductCategory>;

const ProductFields = z.object({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(200),
  categoryId: RecordId.nullish(),
  unit: z.string().trim().max(50).nullish(),
  specification: OptionalText,
  listPrice: NonNegativeAmount,
  costPrice: NonNegativeAmount.nullish(),
  taxRate: Percent,
  /** 税收分类编码: the 19-digit tax classification code its invoice lines carry. */
  taxCode: z
    .string()
    .trim()
    .regex(/^(\d{19})?$/, 'invalidTaxCode')
    .transform((v) => v || null)
    .nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  status: z.enum(productStatuses),
  description: OptionalLongText,
  trackStock: z.boolean(),
  /** Below this company-wide available quantity the stock keepers are alerted; empty: no alert. */
  reorderLevel: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,3})?$/, 'invalidQuantity')
    .nullish(),
});
export const ProductInput = ProductFields.extend({
  taxRate: ProductFields.shape.taxRate.default('13'),
  currency: ProductFields.shape.currency.optional(),
  status: ProductFields.shape.status.default('on_sale'),
  trackStock: ProductFields.shape.trackStock.default(false),
});
/** Without defaults: a field left out of a change stays as it is. */
export const ProductPatch = ProductFields.partial();

export const Product = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  unit: z.string().nullable(),
  specification: z.string().nullable(),
  listPrice: z.string(),
  costPrice: z.string().nullable(),
  taxRate: z.string(),
  taxCode: z.string().nullable(),
  currency: z.string(),
  status: z.enum(productStatuses),
  description: z.string().nullable(),
  trackStock: z.boolean(),
  reorderLevel: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof Product>;

export const productSortFields = ['code', 'name', 'listPrice', 'createdAt', 'updatedAt'] as const;
export const ProductQuery = PageQuery.extend({
  categoryId: Id.optional(),
  status: z.enum(productStatuses).optional(),
});
export type ProductQuery = z.infer<typeof ProductQuery>;

export const priceBookKinds = ['level', 'channel', 'region', 'customer', 'other'] as const;
export const PriceBookInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(priceBookKinds),
    /** For kind "level": the customer level (dictionary code) the prices apply to. */
    customerLevel: z.string().trim().max(50).nullish(),
    /** For kind "customer": the one customer whose negotiated prices these are. */
    customerId: RecordId.nullish(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    validFrom: IsoDate.nullish(),
    validTo: IsoDate.nullish(),
    active: z.boolean().default(true),
    description: OptionalText,
  })
  .refine((b) => !b.validFrom || !b.validTo || b.validFrom <= b.validTo, {
    path: ['validTo'],
    message: 'endBeforeStart',
  })
  .refine((b) => b.kind !== 'level' || Boolean(b.customerLevel), { path: ['customerLevel'], message: 'required' })
  .refine((b) => b.kind !== 'customer' || Boolean(b.customerId), { path: ['customerId'], message: 'required' });
export const PriceBook = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(priceBookKinds),
  customerLevel: z.string().nullable(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  currency: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  description: z.string().nullable(),
  entryCount: z.number(),
  updatedAt: z.string(),
});
export type PriceBook = z.infer<typeof PriceBook>;

export const PriceBookEntry = z.object({
  productId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  listPrice: z.string(),
  price: z.string(),
});
export type PriceBookEntry = z.infer<typeof PriceBookEntry>;
export const PriceBookEntriesInput = z.object({
  /** Sets these products' prices; a null price takes the product out of the book. */
  entries: z
    .array(z.object({ productId: RecordId, price: NonNegativeAmount.nullable() }))
    .min(1)
    .max(1000),
});

export const PriceQuery = z.object({ customerId: Id.optional(), productId: IdList, date: IsoDate.optional() });
/** The price a customer is offered for a product, and where it comes from. */
export const ResolvedPrice = z.object({
  productId: z.number(),
  listPrice: z.string(),
  price: z.string(),
  currency: z.string(),
  priceBookId: z.number().nullable(),
  priceBookName: z.string().nullable(),
});
export type ResolvedPrice = z.infer<typeof ResolvedPrice>;
