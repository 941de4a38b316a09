import { PlusOutlined } from '@ant-design/icons';
import type { Asset, Page } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { AssetDialog } from './AssetDialog';

export function AssetsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<{ page: number; q?: string; underWarranty?: string }>({ page: 1 });
  const [editing, setEditing] = useState<Asset | null | undefined>(undefined);
  const { data, isFetching } = useQuery({
    queryKey: ['assets', filters],
    queryFn: () => api.get<Page<Asset>>('/api/v1/assets', { ...filters, pageSize: 20 }),
    placeholderData: (p) => p,
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {can('assets.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="asset-new">
            {t('assets.new')}
          </Button>
        )}
        <Input.Search
          allowClear
          placeholder={t('assets.searchPlaceholder')}
          onSearch={(q) => setFilters({ page: 1, q: q || undefined, underWarranty: filters.underWarranty })}
          style={{ width: 260 }}
        />
        <Segmented
          value={filters.underWarranty ?? 'all'}
          onChange={(v) => setFilters({ ...filters, page: 1, underWarranty: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: t('assets.all') },
            { value: 'true', label: t('assets.inWarranty') },
            { value: 'false', label: t('assets.outOfWarranty') },
          ]}
        />
      </Space>
      <Table<Asset>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assets.empty') }}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: (page) => setFilters({ ...filters, page }),
        }}
        columns={[
          { title: t('assets.fields.name'), dataIndex: 'name' },
          { title: t('assets.fields.serialNumber'), dataIndex: 'serialNumber', render: (v: string | null) => v ?? '-' },
          {
            title: t('assets.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, a) => <Link to={`/customers/${a.customerId}`}>{v}</Link>,
          },
          { title: t('assets.fields.location'), dataIndex: 'location', render: (v: string | null) => v ?? '-' },
          {
            title: t('assets.fields.warrantyEndsOn'),
            dataIndex: 'warrantyEndsOn',
            render: (v: string | null, a) => (v ? <Tag color={a.underWarranty ? 'green' : 'default'}>{v}</Tag> : '-'),
          },
          ...(can('assets.manage')
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, a: Asset) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(a)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('common.deleteConfirm')}
                        onConfirm={() =>
                          api
                            .delete(`/api/v1/assets/${a.id}`)
                            .then(() => queryClient.invalidateQueries({ queryKey: ['assets'] }))
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
      <AssetDialog asset={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}
