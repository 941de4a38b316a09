import type { SavedReport } from '@relate/common';
import { describe, expect, it } from 'vitest';
import { folderPath, folderTree, matchesLibrary, parseLibrarySort, sortReports } from './saved-report-library';

let id = 0;
const report = (name: string, folder: string | null, extra: Partial<SavedReport> = {}): SavedReport => ({
  id: ++id,
  name,
  folder,
  definition: { source: 'customers', filters: [], groupBy: [], measures: [{ aggregate: 'count' }], limit: 500 },
  chart: 'bar',
  ownerId: 1,
  ownerName: 'admin',
  mine: true,
  sharedWithRoleIds: [],
  sharedWithDepartmentIds: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('saved reports library', () => {
  const reports = [
    report('月度销售', '销售/月报'),
    report('季度销售', '销售 / 季报'),
    report('客户级别', '销售'),
    report('工单积压', '服务'),
    report('杂项', null),
    report('空白文件夹', ' / '),
  ];

  it('builds the folder tree from the folder paths, counting each folder with those below it', () => {
    expect(folderTree(reports, 'zh-CN')).toEqual([
      { path: '服务', name: '服务', count: 1, children: [] },
      {
        path: '销售',
        name: '销售',
        count: 3,
        children: [
          { path: '销售/季报', name: '季报', count: 1, children: [] },
          { path: '销售/月报', name: '月报', count: 1, children: [] },
        ],
      },
    ]);
  });

  it('treats a blank folder as none', () => {
    expect(folderPath(' / ')).toBeNull();
    expect(folderPath(null)).toBeNull();
    expect(folderPath(' 销售 /月报 ')).toBe('销售/月报');
  });

  it('filters by folder (with those below it), by no folder, and by a part of the name in any case', () => {
    const names = (folder: string | null | undefined, q = '') =>
      reports.filter((r) => matchesLibrary(r, folder, q)).map((r) => r.name);
    expect(names(undefined)).toHaveLength(6);
    expect(names('销售')).toEqual(['月度销售', '季度销售', '客户级别']);
    expect(names('销售/季报')).toEqual(['季度销售']);
    expect(names(null)).toEqual(['杂项', '空白文件夹']);
    expect(names('销售', '销售')).toEqual(['月度销售', '季度销售']);
    expect(names('销')).toEqual([]);
    const english = [report('Pipeline by month', 'Sales')];
    expect(english.filter((r) => matchesLibrary(r, 'Sales', ' PIPELINE '))).toHaveLength(1);
  });

  it('sorts by name, owner or update time, ties by name', () => {
    const list = [
      report('b', null, { ownerName: 'zoe', updatedAt: '2026-03-01T00:00:00.000Z' }),
      report('a', null, { ownerName: 'zoe', updatedAt: '2026-01-01T00:00:00.000Z' }),
      report('c', null, { ownerName: 'amy', updatedAt: '2026-02-01T00:00:00.000Z' }),
    ];
    const names = (sort: string) => sortReports(list, parseLibrarySort(sort), 'en').map((r) => r.name);
    expect(names('name:asc')).toEqual(['a', 'b', 'c']);
    expect(names('name:desc')).toEqual(['c', 'b', 'a']);
    expect(names('ownerName:asc')).toEqual(['c', 'a', 'b']);
    expect(names('updatedAt:desc')).toEqual(['b', 'c', 'a']);
    expect(names('nonsense')).toEqual(['b', 'c', 'a']);
  });
});
