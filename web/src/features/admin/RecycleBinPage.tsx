import { useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';

type Item = {
  id: number;
  name: string;
  detail: string | null;
  deletedAt: string;
  deletedByName: string | null;
  purgeAt: string;
};
type Page = { items: Item[]; total: number };

export function RecycleBinPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [entity, setEntity] = useState<'customers' | 'contacts'>('customers');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['recycle-bin', entity, page],
    queryFn: () => api.get<Page>('/api/v1/recycle-bin', { entity, page, pageSize: 20 }),
  });
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
      void list.refetch();
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
        onChange={(key) => (setEntity(key as 'customers' | 'contacts'), setPage(1))}
        items={[
          { key: 'customers', label: t('nav.customers') },
          { key: 'contacts', label: t('nav.contacts') },
        ]}
      />
      <Table<Item>
        rowKey="id"
        loading={list.isLoading}
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
                  onClick={() =>
                    void act(
                      () => api.post(`/api/v1/recycle-bin/${entity}/${row.id}/restore`),
                      t('recycleBin.restored'),
                    )
                  }
                >
                  {t('recycleBin.restore')}
                </Button>
                <Popconfirm
                  title={t('recycleBin.purgeConfirm')}
                  onConfirm={() =>
                    act(() => api.delete(`/api/v1/recycle-bin/${entity}/${row.id}`), t('recycleBin.purged'))
                  }
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
