import { z } from 'zod';
import { EnumList } from './common.ts';

/** What the global search finds, in the order its groups are shown. */
export const searchTypes = [
  'customers',
  'contacts',
  'leads',
  'opportunities',
  'quotes',
  'orders',
  'contracts',
  'tickets',
  'articles',
] as const;
export type SearchType = (typeof searchTypes)[number];

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  /** Only these kinds (comma separated or repeated); every kind the caller may open by default. */
  types: EnumList(searchTypes),
  /** Records shown per kind; `total` counts them all. */
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchItem = z.object({
  id: z.number(),
  type: z.enum(searchTypes),
  title: z.string(),
  /** The facts that tell two similar records apart: code or number, customer, owner, city. */
  subtitle: z.string(),
  /** The record's page in the app. */
  url: z.string(),
  /** The record's status or stage code (translated by the client), where it has one. */
  status: z.string().nullable(),
});
export type SearchItem = z.infer<typeof SearchItem>;

export const SearchGroup = z.object({
  type: z.enum(searchTypes),
  total: z.number().int(),
  /** There are at least `total` matches: a search found in much of a long list is not counted to the end. */
  totalCapped: z.boolean().optional(),
  items: z.array(SearchItem),
});
export type SearchGroup = z.infer<typeof SearchGroup>;

/** Groups in the order of `searchTypes`, only of kinds with a match. */
export const SearchResult = z.object({ groups: z.array(SearchGroup) });
export type SearchResult = z.infer<typeof SearchResult>;
