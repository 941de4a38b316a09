import { Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDictionaryLabel } from '../../components/dictionaries';
import type { UpcomingAnniversary } from './api';
import { useUpcomingAnniversaries } from './queries';
import { lunarLabel } from '../calendar/lunar-label';
import { usePageTitle } from '../../components/usePageTitle';

export function AnniversariesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.anniversaries'));
  const [days, setDays] = useState(30);
  const typeLabel = useDictionaryLabel('anniversary_type');
  const list = useUpcomingAnniversaries(days);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.anniversaries')}
        </Typography.Title>
        <Segmented
          value={days}
          onChange={(v) => setDays(Number(v))}
          options={[7, 30, 90].map((d) => ({ value: d, label: t('anniversaries.nextDays', { count: d }) }))}
        />
      </div>
      <Table<UpcomingAnniversary>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('anniversaries.empty')} /> }}
        columns={[
          {
            title: t('anniversaries.when'),
            dataIndex: 'nextDate',
            render: (d: string, row) => (
              <Space>
                {row.lunar ? `${lunarLabel(t, row.lunar)} · ${d}` : d}
                <Tag color={row.daysLeft <= 3 ? 'red' : 'blue'}>
                  {row.daysLeft === 0 ? t('anniversaries.today') : t('anniversaries.inDays', { count: row.daysLeft })}
                </Tag>
              </Space>
            ),
          },
          { title: t('anniversaries.type'), dataIndex: 'type', render: (type: string) => typeLabel(type) },
          { title: t('contacts.fields.name'), dataIndex: 'contactName' },
          {
            title: t('contacts.fields.customer'),
            dataIndex: 'customerName',
            render: (name, row) => <Link to={`/customers/${row.customerId}`}>{name}</Link>,
          },
        ]}
      />
    </Space>
  );
}
