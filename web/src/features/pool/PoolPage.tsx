import type { PoolCustomer } from '@relate/common';
import { App, Button, Card, Empty, Input, Segmented, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { DictionaryTag } from '../../components/dictionaries';
import { useErrorReporter } from '../../components/forms';
import { useClaimCustomer, usePoolCustomers, usePools } from './queries';
import { usePageTitle } from '../../components/usePageTitle';
import { ListTotal } from '../../components/ListTotal';

/** The public pools open to the caller and the customers waiting in them, each a click away from being claimed. */
export function PoolPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.pool'));
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const reportError = useErrorReporter();
  const pools = usePools();
  const [poolId, setPoolId] = useState<number | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const current = poolId ?? pools.data?.[0]?.id;
  const customers = usePoolCustomers(current, { q, page, pageSize: 20 });
  const claim = useClaimCustomer();
  const claimCustomer = async (id: number) => {
    try {
      const result = await claim.mutateAsync(id);
      message.success(
        result.limitPerDay
          ? t('pool.claimedWithLimit', { count: result.claimsToday, max: result.limitPerDay })
          : t('pool.claimed'),
      );
      void navigate(`/customers/${id}`);
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <Card title={t('nav.pool')}>
      <Space wrap style={{ marginBottom: 16 }}>
        {(pools.data?.length ?? 0) > 1 && (
          <Segmented
            value={current}
            onChange={(v) => {
              setPoolId(Number(v));
              setPage(1);
            }}
            options={(pools.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.customerCount})` }))}
          />
        )}
        <Input.Search
          allowClear
          placeholder={t('pool.searchPlaceholder')}
          onSearch={(v) => {
            setQ(v || undefined);
            setPage(1);
          }}
          style={{ width: 240 }}
        />
      </Space>
      <Table<PoolCustomer>
        rowKey="id"
        size="middle"
        loading={customers.isFetching}
        dataSource={customers.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('pool.empty')} /> }}
        columns={[
          { title: t('customers.fields.code'), dataIndex: 'code', responsive: ['md'] },
          { title: t('customers.fields.name'), dataIndex: 'name' },
          {
            title: t('customers.fields.level'),
            dataIndex: 'level',
            render: (code: string | null) => <DictionaryTag type="customer_level" code={code} />,
          },
          {
            title: t('customers.fields.industry'),
            dataIndex: 'industry',
            responsive: ['lg'],
            render: (code: string | null) => <DictionaryTag type="industry" code={code} />,
          },
          {
            title: t('customers.fields.city'),
            key: 'region',
            responsive: ['md'],
            render: (_, c) => [c.province, c.city].filter(Boolean).join(' / '),
          },
          { title: t('pool.enteredAt'), dataIndex: 'enteredAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
          {
            title: '',
            key: 'claim',
            render: (_, c) =>
              can('pool.claim') && (
                <Button
                  size="small"
                  type="primary"
                  loading={claim.isPending && claim.variables === c.id}
                  onClick={() => void claimCustomer(c.id)}
                  data-testid={`claim-${c.id}`}
                >
                  {t('pool.claim')}
                </Button>
              ),
          },
        ]}
        pagination={{
          current: page,
          pageSize: 20,
          total: customers.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => <ListTotal total={total} capped={customers.data?.totalCapped} />,
        }}
      />
    </Card>
  );
}
