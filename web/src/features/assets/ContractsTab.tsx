import { PlusOutlined } from '@ant-design/icons';
import type { Page, ServiceContract } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { Allowance } from './shared';
import { ContractDialog } from './ContractDialog';

export function ContractsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<ServiceContract | null | undefined>(undefined);
  const { data, isFetching } = useQuery({
    queryKey: ['service-contracts', page],
    queryFn: () => api.get<Page<ServiceContract>>('/api/v1/service-contracts', { page, pageSize: 20 }),
    placeholderData: (p) => p,
  });
  const colors = { upcoming: 'blue', active: 'green', expired: 'default' } as const;
  return (
    <>
      {can('assets.manage') && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 16 }} onClick={() => setEditing(null)}>
          {t('assets.newContract')}
        </Button>
      )}
      <Table<ServiceContract>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assets.noContracts') }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('assets.fields.contractName'), dataIndex: 'name' },
          {
            title: t('assets.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, c) => <Link to={`/customers/${c.customerId}`}>{v}</Link>,
          },
          { title: t('assets.fields.period'), key: 'period', render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
          {
            title: t('assets.fields.status'),
            dataIndex: 'status',
            render: (s: ServiceContract['status']) => <Tag color={colors[s]}>{t(`assets.statuses.${s}`)}</Tag>,
          },
          {
            title: t('assets.fields.visitsIncluded'),
            key: 'visits',
            render: (_, c) => (
              <Allowance used={c.visitsUsed} included={c.visitsIncluded} unit={t('assets.visitsUnit')} />
            ),
          },
          {
            title: t('assets.fields.hoursIncluded'),
            key: 'hours',
            render: (_, c) => (
              <Allowance
                used={Math.round((c.minutesUsed / 60) * 10) / 10}
                included={c.minutesIncluded === null ? null : c.minutesIncluded / 60}
                unit="h"
              />
            ),
          },
          {
            title: t('assets.fields.responseMinutes'),
            dataIndex: 'responseMinutes',
            render: (v: number | null) => v ?? '-',
          },
          ...(can('assets.manage')
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, c: ServiceContract) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(c)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('common.deleteConfirm')}
                        onConfirm={() =>
                          api
                            .delete(`/api/v1/service-contracts/${c.id}`)
                            .then(() => queryClient.invalidateQueries({ queryKey: ['service-contracts'] }))
                        }
                      >
                        <Button size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ContractDialog contract={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}
