import { describe, expect, it } from 'vitest';
import { rememberCursor, withRememberedCursor } from './list-cursors';

describe('list cursors in the web app', () => {
  it('sends the cursor a page handed out when the page after it is asked for, and only then', () => {
    const url = '/api/v1/customers';
    const filters = { sort: 'name:asc', pageSize: 50, level: ['A', 'B'] };
    rememberCursor(url, { ...filters, page: 3 }, { items: [], nextCursor: 'after-page-3' });
    expect(withRememberedCursor(url, { ...filters, page: 4 })).toEqual({ ...filters, page: 4, cursor: 'after-page-3' });
    // Filters in another order are the same list; another filter, size, page or list is not.
    expect(withRememberedCursor(url, { level: ['A', 'B'], pageSize: 50, sort: 'name:asc', page: 4 })?.cursor).toBe(
      'after-page-3',
    );
    for (const other of [
      { ...filters, page: 5 },
      { ...filters, page: 4, level: ['A'] },
      { ...filters, page: 4, pageSize: 20 },
      { ...filters, page: 4, q: '腾' },
    ])
      expect(withRememberedCursor(url, other)?.cursor).toBeUndefined();
    expect(withRememberedCursor('/api/v1/contacts', { ...filters, page: 4 })?.cursor).toBeUndefined();
    // A page without a cursor hands none on; a query naming its own cursor keeps it.
    rememberCursor(url, { ...filters, page: 4 }, { items: [] });
    expect(withRememberedCursor(url, { ...filters, page: 5 })?.cursor).toBeUndefined();
    expect(withRememberedCursor(url, { ...filters, page: 4, cursor: 'mine' })?.cursor).toBe('mine');
  });

  it('remembers the first page as page 1 when the query names no page', () => {
    rememberCursor('/api/v1/leads', {}, { nextCursor: 'after-page-1' });
    expect(withRememberedCursor('/api/v1/leads', { page: 2 })?.cursor).toBe('after-page-1');
  });
});
