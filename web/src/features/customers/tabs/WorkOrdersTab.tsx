import type { WorkOrder } from '@relate/common';
import { useTranslation } from 'react-i18next';
import { useWorkOrders } from '../../work-orders/queries';
import { workOrderColumns } from '../../work-orders/work-order-columns';
import { firstTabPage, useTabPaging } from './paging';
import { TabLabel } from './TabLabel';
import { TabTable } from './TabTable';

export function WorkOrdersTabLabel({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { data } = useWorkOrders({ customerId, ...firstTabPage });
  return <TabLabel title={t('workOrders.title')} list={data} />;
}

/** The customer's on-site work orders; a work order is made from its ticket, so the tab has no "new" of its own. */
export function WorkOrdersTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const paging = useTabPaging();
  const { data, isFetching } = useWorkOrders({ customerId, page: paging.page, pageSize: paging.pageSize });
  return (
    <TabTable<WorkOrder>
      paging={paging}
      list={data}
      loading={isFetching}
      empty={t('workOrders.none')}
      data-testid="customer-work-orders"
      columns={workOrderColumns(t, { withCustomer: false })}
    />
  );
}
