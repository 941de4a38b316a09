import { useState } from 'react';
import type { PageChange } from '../../../components/PagedTable';

/**
 * A customer tab's list opens on a short first page. Its label counts the records with the same query,
 * so the count and the first page are one request.
 */
export const firstTabPage = { page: 1, pageSize: 10 };

export function useTabPaging() {
  const [paging, setPaging] = useState(firstTabPage);
  return {
    ...paging,
    onPageChange: ({ page, pageSize }: PageChange) => setPaging({ page, pageSize }),
  };
}
