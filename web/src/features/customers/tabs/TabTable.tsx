import type { ComponentProps } from 'react';
import { PagedTable } from '../../../components/PagedTable';
import type { useTabPaging } from './paging';

/** A customer tab's list: compact, a short page at a time (see paging.ts). */
export function TabTable<T extends object>({
  paging,
  ...table
}: Omit<ComponentProps<typeof PagedTable<T>>, 'size' | 'page' | 'pageSize' | 'onPageChange'> & {
  paging: ReturnType<typeof useTabPaging>;
}) {
  return (
    <PagedTable<T>
      size="small"
      page={paging.page}
      pageSize={paging.pageSize}
      onPageChange={paging.onPageChange}
      {...table}
    />
  );
}
