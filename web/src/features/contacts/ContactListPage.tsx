import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Contact } from '@relate/common';
import { Button, Input, Popconfirm, Space, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { BulkBar } from '../../components/BulkBar';
import { PagedTable } from '../../components/PagedTable';
import { useRowSelection } from '../../components/useRowSelection';
import { AddToCampaignButton } from '../campaigns/AddToCampaignButton';
import { AddToSegmentButton } from '../segments/AddToSegmentButton';
import { ScoreWithReasons } from '../scoring/ScoreReasonsPopover';
import { exportContacts } from './api';
import { ContactForm } from './ContactForm';
import { useContacts, useDeleteContact } from './queries';
import { useFiltersWithAddressSearch } from '../../components/useFiltersWithAddressSearch';
import { PhoneLink } from '../../components/PhoneLink';
import { usePageTitle } from '../../components/usePageTitle';
import { ListViews } from '../../components/ListViews';
import { stateListFilters, useListView } from '../../components/useListView';

export function ContactListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.contacts'));
  const { can } = useSession();
  const navigate = useNavigate();
  const [query, setQuery, addressQ] = useFiltersWithAddressSearch({
    page: 1,
    pageSize: 20,
    q: '',
    sort: undefined as string | undefined,
  });
  const [form, setForm] = useState<{ open: boolean; contact?: Contact }>({ open: false });
  const list = useContacts(query);
  const remove = useDeleteContact();
  // Only adding to a campaign acts on a selection of contacts.
  const { selected, setSelected, rowSelection } = useRowSelection<Contact>(can('campaigns.manage'));
  const columns: TableColumnsType<Contact> = [
    {
      title: t('contacts.fields.name'),
      dataIndex: 'name',
      sorter: true,
      render: (name, row) => <a onClick={() => setForm({ open: true, contact: row })}>{name}</a>,
    },
    {
      title: t('contacts.fields.customer'),
      dataIndex: 'customerName',
      sorter: true,
      render: (name, row) => <Link to={`/customers/${row.customerId}`}>{name}</Link>,
    },
    { title: t('contacts.fields.title'), dataIndex: 'title', responsive: ['md'] },
    {
      title: t('contacts.fields.mobile'),
      dataIndex: 'mobile',
      render: (mobile: string | null) => <PhoneLink number={mobile} empty={null} />,
    },
    { title: t('contacts.fields.email'), dataIndex: 'email', responsive: ['lg'] },
    {
      title: t('contacts.fields.score'),
      dataIndex: 'score',
      responsive: ['lg'],
      render: (score: number, row) => <ScoreWithReasons entity="contacts" id={row.id} score={score} />,
    },
    {
      title: t('customers.fields.updatedAt'),
      dataIndex: 'updatedAt',
      sorter: true,
      responsive: ['md'],
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: '',
      render: (_, row) =>
        can('contacts.delete') && (
          <Popconfirm
            title={t('common.deleteConfirm')}
            description={t('common.recycleBinHint')}
            onConfirm={() => remove.mutateAsync(row.id)}
          >
            <Button type="link" danger size="small">
              {t('common.delete')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  const listView = useListView('contacts', columns, stateListFilters(query, setQuery, { q: 'text' }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.contacts')}
        </Typography.Title>
        <Space wrap>
          <Input.Search
            key={query.q || addressQ}
            defaultValue={query.q || addressQ}
            allowClear
            placeholder={t('contacts.searchPlaceholder')}
            onSearch={(q) => setQuery({ ...query, q, page: 1 })}
            style={{ width: 240 }}
          />
          <ListViews view={listView} />
          {can('contacts.import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/imports/contacts')}>
              {t('imports.import')}
            </Button>
          )}
          {can('contacts.export') && (
            <Button icon={<DownloadOutlined />} onClick={() => exportContacts(query.q)}>
              {t('common.export')}
            </Button>
          )}
          {can('contacts.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true })}>
              {t('contacts.new')}
            </Button>
          )}
        </Space>
      </div>
      <BulkBar count={selected.length} onClear={() => setSelected([])}>
        <AddToCampaignButton entity="contacts" ids={selected} onAdded={() => setSelected([])} />
        <AddToSegmentButton entity="contacts" ids={selected} onAdded={() => setSelected([])} />
      </BulkBar>
      <PagedTable<Contact>
        list={list.data}
        page={query.page}
        pageSize={query.pageSize}
        loading={list.isFetching}
        empty={query.q ? t('common.noMatches') : t('contacts.empty')}
        {...listView.table}
        rowSelection={rowSelection}
        onPageChange={(change) => setQuery({ ...query, ...change })}
      />
      <ContactForm open={form.open} contact={form.contact} onClose={() => setForm({ open: false })} />
    </Space>
  );
}
