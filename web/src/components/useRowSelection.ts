import type { TableProps } from 'antd';
import { useState } from 'react';

/**
 * The rows ticked for a bulk action, kept across pages; `rowSelection` (for the table) is given only when the
 * user may act on them, so that no tick boxes show otherwise.
 */
export function useRowSelection<T extends { id: number }>(enabled: boolean) {
  const [selected, setSelected] = useState<number[]>([]);
  const rowSelection: TableProps<T>['rowSelection'] = enabled
    ? {
        selectedRowKeys: selected,
        preserveSelectedRowKeys: true,
        onChange: (keys) => setSelected(keys as number[]),
      }
    : undefined;
  return { selected, setSelected, rowSelection };
}
