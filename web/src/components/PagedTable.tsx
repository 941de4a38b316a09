import type { Page } from '@relate/common';
import { Empty, Table, type TableProps } from 'antd';
import { ListTotal } from './ListTotal';
import { pageAndSort } from './table-paging';

export type PageChange = ReturnType<typeof pageAndSort>;

/**
 * A list the server sends a page at a time: shows `list`'s rows and total, and hands each change of page,
 * page size or sort to `onPageChange`.
 */
export function PagedTable<T extends object>({
  list,
  page,
  pageSize,
  empty,
  onPageChange,
  onCountExactly,
  pageSizeOptions,
  ...table
}: Omit<TableProps<T>, 'dataSource' | 'pagination' | 'onChange' | 'locale'> & {
  list: Pick<Page<T>, 'items' | 'total' | 'totalCapped'> | undefined;
  page?: number;
  pageSize?: number;
  /** What an empty list says. */
  empty: string;
  onPageChange: (change: PageChange) => void;
  /** Offered under a long list counted only up to a cap. */
  onCountExactly?: () => void;
  pageSizeOptions?: number[];
}) {
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      scroll={{ x: 'max-content' }}
      {...table}
      dataSource={list?.items ?? []}
      locale={{ emptyText: <Empty description={empty} /> }}
      pagination={{
        current: page,
        pageSize,
        total: list?.total ?? 0,
        showSizeChanger: true,
        ...(pageSizeOptions && { pageSizeOptions }),
        showTotal: (total) => <ListTotal total={total} capped={list?.totalCapped} onCountExactly={onCountExactly} />,
      }}
      onChange={(pagination, _filters, sorter) => onPageChange(pageAndSort(pagination, sorter))}
    />
  );
}
