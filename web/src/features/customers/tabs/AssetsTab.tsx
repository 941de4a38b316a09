import type { Asset } from '@relate/common';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { NewButton } from '../../../components/NewButton';
import { useSaveDialog } from '../../../components/SaveDialog';
import { AssetDialog } from '../../assets/AssetDialog';
import { useAssets } from '../../assets/queries';
import { firstTabPage, useTabPaging } from './paging';
import { TabLabel } from './TabLabel';
import { TabTable } from './TabTable';

export function AssetsTabLabel({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { data } = useAssets({ customerId, ...firstTabPage });
  return <TabLabel title={t('assets.tabs.assets')} list={data} />;
}

/** The customer's installed base, with a new asset for the customer. */
export function AssetsTab({ customer }: { customer: { id: number; name: string } }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const dialog = useSaveDialog<Asset>();
  const paging = useTabPaging();
  const { data, isFetching } = useAssets({ customerId: customer.id, page: paging.page, pageSize: paging.pageSize });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('assets.manage') && <NewButton onClick={dialog.openNew}>{t('assets.new')}</NewButton>}
      <TabTable<Asset>
        paging={paging}
        list={data}
        loading={isFetching}
        empty={t('assets.empty')}
        columns={[
          { title: t('assets.fields.name'), dataIndex: 'name' },
          { title: t('assets.fields.serialNumber'), dataIndex: 'serialNumber', render: (v: string | null) => v ?? '-' },
          { title: t('assets.fields.purchasedOn'), dataIndex: 'purchasedOn', render: (v: string | null) => v ?? '-' },
          {
            title: t('assets.fields.warrantyEndsOn'),
            dataIndex: 'warrantyEndsOn',
            render: (v: string | null, a) => (v ? <Tag color={a.underWarranty ? 'green' : 'default'}>{v}</Tag> : '-'),
          },
          { title: t('assets.fields.location'), dataIndex: 'location', render: (v: string | null) => v ?? '-' },
        ]}
      />
      <AssetDialog dialog={dialog} customer={customer} />
    </Space>
  );
}
