import type { Asset } from '@relate/common';
import { Input, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useSaveDialog } from '../../components/SaveDialog';
import { AssetDialog } from './AssetDialog';
import { editDeleteColumn } from '../../components/EditDeleteActions';
import { NewButton } from '../../components/NewButton';
import { useAssets, useDeleteAsset } from './queries';

export function AssetsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [filters, setFilters] = useState<{ page: number; q?: string; underWarranty?: boolean }>({ page: 1 });
  const dialog = useSaveDialog<Asset>();
  const deleteAsset = useDeleteAsset();
  const { data, isFetching } = useAssets({ ...filters, pageSize: 20 });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {can('assets.manage') && (
          <NewButton onClick={dialog.openNew} data-testid="asset-new">
            {t('assets.new')}
          </NewButton>
        )}
        <Input.Search
          allowClear
          placeholder={t('assets.searchPlaceholder')}
          onSearch={(q) => setFilters({ page: 1, q: q || undefined, underWarranty: filters.underWarranty })}
          style={{ width: 260 }}
        />
        <Segmented
          value={filters.underWarranty === undefined ? 'all' : String(filters.underWarranty)}
          onChange={(v) => setFilters({ ...filters, page: 1, underWarranty: v === 'all' ? undefined : v === 'true' })}
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
            ? [editDeleteColumn<Asset>({ onEdit: dialog.openEdit, onDelete: (a) => deleteAsset.mutateAsync(a.id) })]
            : []),
        ]}
      />
      <AssetDialog dialog={dialog} />
    </>
  );
}
