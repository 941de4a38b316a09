import { PlusOutlined } from '@ant-design/icons';
import type { PortalTicket } from '@relate/common';
import { Button, Empty, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { PortalPendingSurveys } from './PortalPendingSurveys';
import { usePortal } from './PortalSession';
import { usePortalTickets } from './queries';
import { statusColors, ticketTypeLabel } from './ticket-labels';
import { usePageTitle } from '../../components/usePageTitle';
import { ListTotal } from '../../components/ListTotal';

/** The company's service requests: open ones first by default, searchable, newest activity first. */
export function PortalTicketsPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.nav.tickets'));
  const { locale } = useSession();
  const { branding } = usePortal();
  const navigate = useNavigate();
  const [query, setQuery] = useState({
    page: 1,
    pageSize: 20,
    q: '',
    status: 'open' as 'open' | 'done' | '',
    mine: false,
  });
  const list = usePortalTickets({
    ...query,
    status: query.status || undefined,
    mine: query.mine || undefined,
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('portal.nav.tickets')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/tickets/new')}>
          {t('portal.newTicket')}
        </Button>
      </div>
      <PortalPendingSurveys />
      <Space wrap>
        <Segmented
          value={query.status}
          onChange={(status) => setQuery({ ...query, status: status as typeof query.status, page: 1 })}
          options={[
            { label: t('portal.openTickets'), value: 'open' },
            { label: t('portal.doneTickets'), value: 'done' },
            { label: t('portal.allTickets'), value: '' },
          ]}
        />
        <Segmented
          value={query.mine ? 'mine' : 'company'}
          onChange={(v) => setQuery({ ...query, mine: v === 'mine', page: 1 })}
          options={[
            { label: t('portal.companyTickets'), value: 'company' },
            { label: t('portal.myTickets'), value: 'mine' },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('portal.searchTickets')}
          onSearch={(q) => setQuery({ ...query, q, page: 1 })}
          style={{ width: 240 }}
        />
      </Space>
      <Table<PortalTicket>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={query.q ? t('common.noMatches') : t('portal.noTickets')} /> }}
        columns={[
          {
            title: t('tickets.fields.number'),
            dataIndex: 'number',
            render: (number, row) => <Link to={`/portal/tickets/${row.id}`}>{number}</Link>,
          },
          {
            title: t('tickets.fields.subject'),
            dataIndex: 'subject',
            render: (subject, row) => <Link to={`/portal/tickets/${row.id}`}>{subject}</Link>,
          },
          {
            title: t('tickets.fields.type'),
            dataIndex: 'type',
            responsive: ['md'],
            render: (type: string) => ticketTypeLabel(branding, type, locale),
          },
          {
            title: t('tickets.fields.status'),
            dataIndex: 'status',
            render: (status: string) => <Tag color={statusColors[status]}>{t(`tickets.statuses.${status}`)}</Tag>,
          },
          { title: t('portal.raisedBy'), dataIndex: 'contactName', responsive: ['lg'] },
          {
            title: t('portal.updatedAt'),
            dataIndex: 'updatedAt',
            responsive: ['md'],
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
        ]}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => <ListTotal total={total} capped={list.data?.totalCapped} />,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
      />
    </Space>
  );
}
