/**
 * The pages of a list scrolled through on a phone, each read after the one before by its cursor: kept by
 * number while they follow on from each other. A page that does not follow the ones held (the first page
 * again after a change of filter or order, or a page jumped to) starts the list afresh.
 */
export type ScrolledPages<T> = ReadonlyMap<number, readonly T[]>;

export function withPage<T>(pages: ScrolledPages<T>, page: number, items: readonly T[]): ScrolledPages<T> {
  if (page > 1 && (pages.has(page - 1) || pages.has(page))) return new Map(pages).set(page, items);
  return new Map([[page, items]]);
}

/** The rows of the pages held, in page order, each row once (a row that moved between two reads is shown where it was first read). */
export function rowsOf<T extends { id: unknown }>(pages: ScrolledPages<T>): T[] {
  const seen = new Set<unknown>();
  return [...pages.keys()]
    .sort((a, b) => a - b)
    .flatMap((page) => pages.get(page)!)
    .filter((row) => !seen.has(row.id) && seen.add(row.id));
}

/** Whether rows follow the last page held. */
export function hasMore(list: {
  page: number;
  pageSize: number;
  items: readonly unknown[];
  total: number;
  totalCapped?: boolean;
  nextCursor?: string;
}): boolean {
  if (list.nextCursor) return true;
  return list.items.length === list.pageSize && (list.totalCapped === true || list.page * list.pageSize < list.total);
}
