import { App, Button, Empty, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import type { RecycleEntity, RecycleItem } from './api';
import { usePurgeDeleted, useRecycleBin, useRestoreDeleted } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

export function RecycleBinPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.recycleBin'));
  const { message } = App.useApp();
  const [entity, setEntity] = useState<RecycleEntity>('customers');
  const [page, setPage] = useState(1);
  const list = useRecycleBin({ entity, page, pageSize: 20 });
  const restore = useRestoreDeleted();
  const purge = usePurgeDeleted();
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.recycleBin')}
      </Typography.Title>
      <Tabs
        activeKey={entity}
        onChange={(key) => (setEntity(key as RecycleEntity), setPage(1))}
        items={[
          { key: 'customers', label: t('nav.customers') },
          { key: 'contacts', label: t('nav.contacts') },
        ]}
      />
      <Table<RecycleItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('recycleBin.empty')} /> }}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        columns={[
          { title: t('recycleBin.name'), dataIndex: 'name' },
          {
            title: entity === 'customers' ? t('customers.fields.code') : t('contacts.fields.customer'),
            dataIndex: 'detail',
          },
          {
            title: t('recycleBin.deletedAt'),
            dataIndex: 'deletedAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          { title: t('recycleBin.deletedBy'), dataIndex: 'deletedByName' },
          {
            title: t('recycleBin.purgeAt'),
            dataIndex: 'purgeAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD'),
          },
          {
            title: '',
            render: (_, row) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  onClick={() => void act(() => restore.mutateAsync({ entity, id: row.id }), t('recycleBin.restored'))}
                >
                  {t('recycleBin.restore')}
                </Button>
                <Popconfirm
                  title={t('recycleBin.purgeConfirm')}
                  onConfirm={() => act(() => purge.mutateAsync({ entity, id: row.id }), t('recycleBin.purged'))}
                >
                  <Button type="link" size="small" danger>
                    {t('recycleBin.purge')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
