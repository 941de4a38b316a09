import { PlusOutlined } from '@ant-design/icons';
import type { Customer, Opportunity } from '@relate/common';
import { Button, Empty, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { OpportunityForm } from './OpportunityForm';
import { useOpportunities } from './queries';
import { useStageLabel } from './StageLabel';

/** The opportunities of one customer, with a shortcut to open a new one for it. */
export function CustomerOpportunitiesTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const money = useMoney();
  const stageLabel = useStageLabel();
  const [creating, setCreating] = useState(false);
  const { data, isLoading } = useOpportunities({ customerId: customer.id, pageSize: 100 });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('opportunities.create') && (
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('opportunities.new')}
        </Button>
      )}
      <Table<Opportunity>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('opportunities.empty')} /> }}
        columns={[
          {
            title: t('opportunities.fields.name'),
            dataIndex: 'name',
            render: (v: string, o) => <Link to={`/opportunities/${o.id}`}>{v}</Link>,
          },
          {
            title: t('opportunities.fields.stage'),
            dataIndex: 'stageCode',
            render: (code: string) => <Tag>{stageLabel(code)}</Tag>,
          },
          {
            title: t('opportunities.fields.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: string | null, o) => money(v, o.currency),
          },
          {
            title: t('opportunities.fields.expectedCloseDate'),
            dataIndex: 'expectedCloseDate',
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '-'),
          },
          { title: t('opportunities.fields.owner'), dataIndex: 'ownerName' },
        ]}
      />
      <OpportunityForm
        open={creating}
        customer={{ id: customer.id, name: customer.name }}
        onClose={() => setCreating(false)}
      />
    </Space>
  );
}
