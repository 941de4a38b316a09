import { createHash } from 'node:crypto';
import type { Page } from '@relate/common';

/**
 * A list's cursor: the page it leads to, the list, sort and filters it was read with, and the sort key of
 * the last row before that page. Opaque to clients (base64url JSON); a cursor that does not fit the
 * request — another page, page size, list, sort or filter, or one that does not decode — is ignored, and the page is
 * read by its number, so a stale cursor costs time, never a wrong page.
 */
type Cursor = { page: number; list: string; sort: string; filters: string; key: unknown[] };

type ListRequest = { page: number; sort?: string; cursor?: string };

/** The request's parameters but the page and the cursor (the page size included), in a stable order, hashed. */
function filtersOf(query: ListRequest): string {
  const filters = Object.entries(query)
    .filter(([name, value]) => !['page', 'cursor', 'count'].includes(name) && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 16);
}

/** The sort key the asked page starts after, when the request's cursor was made for this very page. */
export function cursorKey(list: string, query: ListRequest): unknown[] | undefined {
  if (!query.cursor) return undefined;
  let cursor: Partial<Cursor>;
  try {
    cursor = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    return undefined;
  }
  const fits =
    cursor !== null &&
    typeof cursor === 'object' &&
    cursor.page === query.page &&
    cursor.list === list &&
    cursor.sort === (query.sort ?? '') &&
    cursor.filters === filtersOf(query) &&
    Array.isArray(cursor.key);
  return fits ? cursor.key : undefined;
}

/** `nextCursor` for a page whose last row has this sort key (none after the last page). */
export function nextCursor(list: string, query: ListRequest, key: unknown[] | undefined): { nextCursor?: string } {
  if (!key) return {};
  const cursor: Cursor = { page: query.page + 1, list, sort: query.sort ?? '', filters: filtersOf(query), key };
  return { nextCursor: Buffer.from(JSON.stringify(cursor)).toString('base64url') };
}

/**
 * A list's response: its rows, its total (flagged when counted only up to the cap), the page, and the next
 * page's cursor when the list was read by keys (`nextKey` of the page's last row).
 */
export function pageResponse<T>(
  list: string,
  query: ListRequest & { pageSize: number },
  items: T[],
  result: { total: number; totalCapped?: boolean; nextKey?: unknown[] },
): Page<T> {
  return {
    items,
    total: result.total,
    ...(result.totalCapped ? { totalCapped: true } : {}),
    page: query.page,
    pageSize: query.pageSize,
    ...nextCursor(list, query, result.nextKey),
  };
}
