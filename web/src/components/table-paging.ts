import type { TableProps } from 'antd';

type TableChange<T> = Parameters<NonNullable<TableProps<T>['onChange']>>;

/** A paged, sortable table's change as a list's filters: the page, its size and the sort as `field:asc|desc`. */
export function pageAndSort<T>(pagination: TableChange<T>[0], sorter: TableChange<T>[2]) {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  return {
    page: pagination.current ?? 1,
    pageSize: pagination.pageSize ?? 20,
    sort: s?.order ? `${String(s.field)}:${s.order === 'ascend' ? 'asc' : 'desc'}` : undefined,
  };
}
