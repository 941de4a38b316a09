import type { TableColumnsType } from 'antd';
import { describe, expect, it } from 'vitest';
import { arrangeColumns, countActive, type ListFilters, stateListFilters } from './list-views';

type Row = { id: number; name: string; city: string; owner: string; industry: string };
const columns: TableColumnsType<Row> = [
  { key: 'tick', render: () => null },
  { title: 'Name', dataIndex: 'name' },
  { title: 'City', dataIndex: 'city' },
  { title: 'Owner', dataIndex: 'owner' },
  { title: 'Industry', dataIndex: 'industry', hidden: true },
  { key: 'actions', render: () => null },
];
const keysOf = (shown: TableColumnsType<Row>) => shown.map((c) => String(c.key ?? ('dataIndex' in c && c.dataIndex)));

describe('list view columns', () => {
  it('shows the list’s own columns until some are chosen, keeping the tick box first and the actions last', () => {
    const { shown, choice } = arrangeColumns(columns, null);
    expect(keysOf(shown)).toEqual(['tick', 'name', 'city', 'owner', 'actions']);
    expect(choice.map((c) => [c.key, c.visible])).toEqual([
      ['name', true],
      ['city', true],
      ['owner', true],
      ['industry', false],
    ]);
  });

  it('shows the chosen columns in their order, offered-but-hidden ones included, and ignores keys it does not know', () => {
    const { shown, choice, visibleKeys } = arrangeColumns(columns, ['industry', 'gone', 'name']);
    expect(keysOf(shown)).toEqual(['tick', 'industry', 'name', 'actions']);
    expect(shown.find((c) => 'dataIndex' in c && c.dataIndex === 'industry')?.hidden).toBe(false);
    expect(visibleKeys).toEqual(['industry', 'name']);
    expect(choice.filter((c) => !c.visible).map((c) => c.key)).toEqual(['city', 'owner']);
  });

  it('falls back to the list’s own columns when none of the chosen ones exist any more', () => {
    expect(keysOf(arrangeColumns(columns, ['gone']).shown)).toEqual(['tick', 'name', 'city', 'owner', 'actions']);
  });
});

describe('filters kept in a page’s state', () => {
  type Filters = { page: number; q?: string; status?: string; ownerId?: number[]; vip?: boolean; sort?: string };
  const fields = { q: 'text', status: 'text', ownerId: 'numbers', vip: 'boolean' } as const;
  const capture = (filters: Filters, initial: Partial<Filters> = {}) => {
    let next: Filters | undefined;
    const view: ListFilters = stateListFilters(filters, (f) => (next = f), fields, initial);
    return { view, next: () => next };
  };

  it('holds the set filters as text and reads them back', () => {
    const { view } = capture({ page: 3, q: '华东', ownerId: [4, 7], vip: true, sort: 'name:asc' });
    expect(view.query).toEqual({ q: '华东', ownerId: '4,7', vip: 'true' });
    expect(view.sort).toBe('name:asc');
    const applied = capture({ page: 3, status: 'closed' });
    applied.view.apply(view.query, view.sort);
    expect(applied.next()).toEqual({
      page: 1,
      q: '华东',
      status: undefined,
      ownerId: [4, 7],
      vip: true,
      sort: 'name:asc',
    });
  });

  it('leaves out what the list opens with, keeps a cleared one, and restores it where a view has none', () => {
    expect(capture({ page: 1, status: 'open' }, { status: 'open' }).view.query).toEqual({});
    expect(capture({ page: 1 }, { status: 'open' }).view.query).toEqual({ status: '' });
    const { view, next } = capture({ page: 1, status: 'closed' }, { status: 'open' });
    view.apply({ q: 'x' }, undefined);
    expect(next()).toMatchObject({ q: 'x', status: 'open' });
    view.apply({ status: '' }, undefined);
    expect(next()?.status).toBeUndefined();
  });

  it('counts the folded filters that hold a value', () => {
    expect(countActive({ a: 'x', b: '', c: [], d: ['y'], e: undefined, f: 0 }, ['a', 'b', 'c', 'd', 'e', 'f'])).toBe(3);
  });
});
