import { invoiceRequestStatuses, type InvoiceRequest } from '@relate/common';
import { Card, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/usePageTitle';
import { InvoiceRequestTable } from './InvoiceRequestTable';
import { useInvoiceRequests } from './queries';

/** Invoice requests (开票申请) in the caller's scope: finance registers the approved ones as issued. */
export function InvoiceRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.invoiceRequests'));
  const [status, setStatus] = useState<InvoiceRequest['status'] | 'all'>('approved');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const { data, isFetching } = useInvoiceRequests({
    status: status === 'all' ? undefined : status,
    page,
    pageSize,
  });
  return (
    <Card
      title={t('nav.invoiceRequests')}
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage(1);
          }}
          options={[
            ...invoiceRequestStatuses.map((s) => ({ value: s, label: t(`invoicing.requests.statuses.${s}`) })),
            { value: 'all', label: t('invoicing.requests.all') },
          ]}
        />
      }
    >
      <InvoiceRequestTable
        items={data?.items ?? []}
        loading={isFetching}
        showCustomer
        pagination={{ current: page, pageSize, total: data?.total ?? 0, onChange: setPage }}
      />
    </Card>
  );
}
