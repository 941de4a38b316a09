import { z } from 'zod';

/** The main lists that offer saved views, by their permission module (a view is shared with whoever may open it). */
export const savedViewEntities = [
  'customers',
  'contacts',
  'leads',
  'opportunities',
  'followups',
  'tasks',
  'quotes',
  'orders',
  'contracts',
  'tickets',
  'workOrders',
  'receipts',
  'products',
] as const;
export type SavedViewEntity = (typeof savedViewEntities)[number];

export const listDensities = ['default', 'compact'] as const;
export type ListDensity = (typeof listDensities)[number];

const viewFields = {
  name: z.string().trim().min(1).max(100),
  /** The list's filters, as its URL parameters. */
  query: z.record(z.string(), z.unknown()),
  /** The visible columns in their order (keys the list does not know are kept and ignored); null: the list's own. */
  columns: z.array(z.string().trim().min(1).max(100)).max(100).nullable(),
  /** The list's sort, as its `sort` parameter (e.g. `updatedAt:desc`). */
  sort: z.string().trim().max(100).nullable(),
  density: z.enum(listDensities).nullable(),
  /** Shown to everyone who may open the list; only its creator or a settings manager may change it. */
  shared: z.boolean(),
  /** The caller's own default view of the list (one per user and list). */
  isDefault: z.boolean(),
};

/**
 * A saved view of a list (named filters, sort, columns and density). Kept under its old name, "saved
 * filter", for the routes that already served filter sets.
 */
export const SavedFilterInput = z.object({
  entity: z.enum(savedViewEntities),
  name: viewFields.name,
  query: viewFields.query,
  columns: viewFields.columns.optional(),
  sort: viewFields.sort.optional(),
  density: viewFields.density.optional(),
  shared: viewFields.shared.default(false),
  isDefault: viewFields.isDefault.default(false),
});
export const SavedFilterPatch = z
  .object({
    name: viewFields.name,
    query: viewFields.query,
    columns: viewFields.columns,
    sort: viewFields.sort,
    density: viewFields.density,
    shared: viewFields.shared,
    isDefault: viewFields.isDefault,
  })
  .partial();
export const SavedFilter = z.object({
  id: z.number(),
  entity: z.enum(savedViewEntities),
  ...viewFields,
  columns: viewFields.columns,
  createdBy: z.number(),
  createdByName: z.string().nullable(),
  /** Whether the caller may change or delete it. */
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedFilter = z.infer<typeof SavedFilter>;
export const SavedFilterQuery = z.object({ entity: z.enum(savedViewEntities).optional() });
