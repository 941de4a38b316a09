/**
 * The cursors lists hand out with their pages (`nextCursor`), remembered by list — its address and every
 * parameter but the page — and the page each leads to. Asking for that page again (next, or back to a page
 * seen before) sends its cursor, and the server reads the page on from the row before it instead of skipping
 * every earlier row; a page jumped to is read by its number. A cursor that no longer fits is ignored by the
 * server, so a stale one costs time, never a wrong page.
 */
type Query = Record<string, unknown>;

const remembered = new Map<string, string>();
const rememberedAtMost = 500;

function keyOf(url: string, query: Query, page: number): string {
  const rest = Object.entries(query)
    .filter(
      ([name, value]) => name !== 'page' && name !== 'cursor' && value !== undefined && value !== null && value !== '',
    )
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)])
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${url} ${JSON.stringify(rest)} ${page}`;
}

const pageOf = (query: Query) => Number(query.page ?? 1) || 1;

/** The query with the cursor remembered for its page, when there is one and it names none itself. */
export function withRememberedCursor<Q extends Query>(
  url: string,
  query: Q | undefined,
): (Q & { cursor?: unknown }) | undefined {
  if (!query || query.cursor || pageOf(query) < 2) return query;
  const cursor = remembered.get(keyOf(url, query, pageOf(query)));
  return cursor ? { ...query, cursor } : query;
}

/** Remembers a list page's `nextCursor` for the page after it. */
export function rememberCursor(url: string, query: Query | undefined, data: unknown): void {
  const next = (data as { nextCursor?: unknown } | null)?.nextCursor;
  if (typeof next !== 'string') return;
  remembered.set(keyOf(url, query ?? {}, pageOf(query ?? {}) + 1), next);
  if (remembered.size > rememberedAtMost) remembered.delete(remembered.keys().next().value!);
}
