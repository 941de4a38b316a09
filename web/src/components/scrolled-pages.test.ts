import { describe, expect, it } from 'vitest';
import { hasMore, rowsOf, type ScrolledPages, withPage } from './scrolled-pages';

const rows = (...ids: number[]) => ids.map((id) => ({ id }));

describe('pages scrolled through', () => {
  it('adds each page that follows the ones held, and starts afresh on one that does not', () => {
    let pages: ScrolledPages<{ id: number }> = new Map();
    pages = withPage(pages, 1, rows(1, 2));
    pages = withPage(pages, 2, rows(3, 4));
    pages = withPage(pages, 3, rows(5));
    expect(rowsOf(pages).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    // A page read again (after an edit) replaces its rows where they were.
    pages = withPage(pages, 2, rows(3, 9));
    expect(rowsOf(pages).map((r) => r.id)).toEqual([1, 2, 3, 9, 5]);
    // The first page again (a new filter or order) or a page jumped to starts the list afresh.
    expect(rowsOf(withPage(pages, 1, rows(7))).map((r) => r.id)).toEqual([7]);
    expect(rowsOf(withPage(pages, 6, rows(8))).map((r) => r.id)).toEqual([8]);
  });

  it('shows a row that moved from one page to the next once', () => {
    const pages = withPage(withPage(new Map(), 1, rows(1, 2)), 2, rows(2, 3));
    expect(rowsOf(pages).map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('knows whether rows follow from the cursor, the count or a full page of a long list', () => {
    const page = { page: 2, pageSize: 2, items: rows(3, 4), total: 5 };
    expect(hasMore(page)).toBe(true);
    expect(hasMore({ ...page, total: 4 })).toBe(false);
    expect(hasMore({ ...page, items: rows(3) })).toBe(false);
    expect(hasMore({ ...page, total: 4, totalCapped: true })).toBe(true);
    expect(hasMore({ ...page, total: 4, nextCursor: 'x' })).toBe(true);
  });
});
