import { BillingProfilesTab } from '../invoicing/BillingProfilesTab';
import { EditOutlined, MergeCellsOutlined, MessageOutlined, PlusOutlined } from '@ant-design/icons';
import type { Contact } from '@relate/common';
import { Button, Card, Descriptions, Empty, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { AttachmentList } from '../../components/AttachmentList';
import { useCustomFieldDescriptions } from '../../components/CustomFieldInputs';
import { DictionaryTag, useDictionaryLabel } from '../../components/dictionaries';
import { ContactForm } from '../contacts/ContactForm';
import { PortalAccessButton } from '../contacts/PortalAccessButton';
import { ConsentButton } from '../consent/ConsentButton';
import { SmsSendButton } from '../sms/SmsSendButton';
import { useCustomerContacts } from '../contacts/queries';
import { FollowupForm } from '../followups/FollowupForm';
import { CustomerOpportunitiesTab } from '../opportunities/CustomerOpportunitiesTab';
import { ReleaseButton } from '../pool/ReleaseButton';
import { CustomerForm } from './CustomerForm';
import { MergeDialog } from './MergeDialog';
import { QuotesTable } from '../quotes/QuotesTable';
import { ContactEmailsButton } from '../mailboxes/EmailEntry';
import { TimelineTab } from './TimelineTab';
import { AssetsTab, AssetsTabLabel } from './tabs/AssetsTab';
import { ContractsTab, ContractsTabLabel } from './tabs/ContractsTab';
import { OrdersTab, OrdersTabLabel } from './tabs/OrdersTab';
import { ReceivablesTab } from './tabs/ReceivablesTab';
import { ServiceContractsTab, ServiceContractsTabLabel } from './tabs/ServiceContractsTab';
import { TicketsTab, TicketsTabLabel } from './tabs/TicketsTab';
import { WorkOrdersTab, WorkOrdersTabLabel } from './tabs/WorkOrdersTab';
import { useCustomer, useDeleteCustomers } from './queries';
import { RecordNotFound } from '../../components/RecordNotFound';
import { RecordHeader } from '../../components/RecordHeader';
import { regionNames } from '../../components/region';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { PhoneLink } from '../../components/PhoneLink';
import { usePageTitle } from '../../components/usePageTitle';
import { CustomerFigures } from './CustomerFigures';
import { MembershipTab } from '../membership/MembershipTab';

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data: customer, isLoading, error } = useCustomer(id);
  usePageTitle(customer?.name, t('nav.customers'));
  const contacts = useCustomerContacts(id);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [loggingFollowup, setLoggingFollowup] = useState(false);
  const [contactForm, setContactForm] = useState<{ open: boolean; contact?: Contact }>({ open: false });
  const remove = useDeleteCustomers();
  const industry = useDictionaryLabel('industry');
  const source = useDictionaryLabel('customer_source');
  const credit = useDictionaryLabel('credit_level');
  const customFieldItems = useCustomFieldDescriptions('customers', customer?.customFields ?? {});

  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !customer) return <RecordNotFound error={error} backTo="/customers" />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <RecordHeader
          title={customer.name}
          tags={
            <>
              <Typography.Text type="secondary">{customer.code}</Typography.Text>
              <DictionaryTag type="customer_level" code={customer.level} />
              <DictionaryTag type="customer_stage" code={customer.stage} />
              {customer.tags.map((tag) => (
                <Tag key={tag}>{tag}</Tag>
              ))}
            </>
          }
          actions={
            <>
              {can('followups.create') && (
                <Button
                  type="primary"
                  icon={<MessageOutlined />}
                  onClick={() => setLoggingFollowup(true)}
                  data-testid="log-followup"
                >
                  {t('followups.new')}
                </Button>
              )}
              {can('customers.edit') && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
              )}
              {can('pool.release') && customer.ownerId !== null && <ReleaseButton customerId={id} />}
              {can('customers.edit') && can('customers.delete') && (
                <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
                  {t('customers.merge')}
                </Button>
              )}
              {can('customers.delete') && (
                <DeleteRecordButton
                  confirm={t('customers.deleteOneConfirm')}
                  hint={t('common.recycleBinHint')}
                  onDelete={() => remove.mutateAsync([id])}
                  deletedMessage={t('common.movedToRecycleBin')}
                  backTo="/customers"
                />
              )}
            </>
          }
        />
        <Descriptions style={{ marginTop: 16 }} size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('customers.fields.owner')}>{customer.ownerName ?? '-'}</Descriptions.Item>
          {'phone' in customer && (
            <Descriptions.Item label={t('customers.fields.phone')}>
              <PhoneLink number={customer.phone} />
            </Descriptions.Item>
          )}
          {'email' in customer && (
            <Descriptions.Item label={t('customers.fields.email')}>
              {customer.email ?? '-'}
              <ConsentButton record={{ entity: 'customers', id: customer.id }} name={customer.name} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('customers.fields.industry')}>
            {industry(customer.industry) || '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.source')}>{source(customer.source) || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.creditLevel')}>
            {credit(customer.creditLevel) || '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.region')}>{regionNames(customer) || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.address')}>{customer.address ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.website')}>{customer.website ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.createdAt')}>
            {dayjs(customer.createdAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.lastFollowupAt')}>
            {customer.lastFollowupAt ? dayjs(customer.lastFollowupAt).format('YYYY-MM-DD') : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.nextFollowupAt')}>
            <span data-testid="next-followup">
              {customer.nextFollowupAt ? dayjs(customer.nextFollowupAt).format('YYYY-MM-DD HH:mm') : '-'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.remark')}>{customer.remark ?? '-'}</Descriptions.Item>
          {customFieldItems}
        </Descriptions>
      </Card>
      <CustomerFigures customerId={id} />
      <Card>
        <Tabs
          items={[
            {
              key: 'contacts',
              label: `${t('nav.contacts')} (${contacts.data?.total ?? 0})`,
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {can('contacts.create') && (
                    <Button icon={<PlusOutlined />} onClick={() => setContactForm({ open: true })}>
                      {t('contacts.new')}
                    </Button>
                  )}
                  <Table<Contact>
                    rowKey="id"
                    size="small"
                    loading={contacts.isLoading}
                    dataSource={contacts.data?.items ?? []}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    locale={{ emptyText: <Empty description={t('contacts.emptyForCustomer')} /> }}
                    columns={[
                      {
                        title: t('contacts.fields.name'),
                        dataIndex: 'name',
                        render: (name, row) => (
                          <a onClick={() => setContactForm({ open: true, contact: row })}>
                            {name}
                            {row.isPrimary && (
                              <Tag color="blue" style={{ marginLeft: 8 }}>
                                {t('contacts.primary')}
                              </Tag>
                            )}
                          </a>
                        ),
                      },
                      { title: t('contacts.fields.title'), dataIndex: 'title' },
                      {
                        title: t('contacts.fields.mobile'),
                        dataIndex: 'mobile',
                        render: (mobile: string | null) => <PhoneLink number={mobile} empty={null} />,
                      },
                      { title: t('contacts.fields.email'), dataIndex: 'email' },
                      {
                        title: t('contacts.fields.decisionRole'),
                        dataIndex: 'decisionRole',
                        render: (code) => <DictionaryTag type="contact_role" code={code} />,
                      },
                      {
                        title: t('portalAccess.column'),
                        key: 'portal',
                        render: (_, row) => <PortalAccessButton contact={row} />,
                      },
                      {
                        title: t('timeline.emails'),
                        key: 'emails',
                        render: (_, row) => <ContactEmailsButton contact={row} />,
                      },
                      {
                        title: t('sms.column'),
                        key: 'sms',
                        render: (_, row) => (
                          <Space size={0} wrap>
                            <SmsSendButton contact={row} />
                            <ConsentButton record={{ entity: 'contacts', id: row.id }} name={row.name} />
                          </Space>
                        ),
                      },
                    ]}
                  />
                </Space>
              ),
            },
            {
              key: 'timeline',
              label: t('customers.timeline'),
              children: <TimelineTab customerId={id} email={'email' in customer ? customer.email : null} />,
            },
            ...(can('opportunities.view')
              ? [
                  {
                    key: 'opportunities',
                    label: t('nav.opportunities'),
                    children: <CustomerOpportunitiesTab customer={customer} />,
                  },
                ]
              : []),
            ...(can('quotes.view')
              ? [
                  {
                    key: 'quotes',
                    label: t('nav.quotes'),
                    children: (
                      <Space direction="vertical" style={{ width: '100%' }}>
                        {can('quotes.create') && (
                          <Button onClick={() => navigate(`/quotes/new?customerId=${id}`)}>{t('quotes.new')}</Button>
                        )}
                        <QuotesTable compact filters={{ page: 1, pageSize: 20, customerId: id }} />
                      </Space>
                    ),
                  },
                ]
              : []),
            ...(can('orders.view')
              ? [{ key: 'orders', label: <OrdersTabLabel customerId={id} />, children: <OrdersTab customerId={id} /> }]
              : []),
            ...(can('contracts.view')
              ? [
                  {
                    key: 'contracts',
                    label: <ContractsTabLabel customerId={id} />,
                    children: <ContractsTab customer={customer} />,
                  },
                ]
              : []),
            ...(can('orders.view') || can('receipts.view') || can('invoices.view')
              ? [{ key: 'receivables', label: t('nav.receivables'), children: <ReceivablesTab customerId={id} /> }]
              : []),
            ...(can('membership.view')
              ? [{ key: 'membership', label: t('membership.tab'), children: <MembershipTab customerId={id} /> }]
              : []),
            {
              key: 'billing-profiles',
              label: t('invoicing.profiles.tab'),
              children: <BillingProfilesTab customerId={id} editable={can('customers.edit')} />,
            },
            ...(can('tickets.view')
              ? [
                  {
                    key: 'tickets',
                    label: <TicketsTabLabel customerId={id} />,
                    children: <TicketsTab customer={customer} />,
                  },
                ]
              : []),
            ...(can('workOrders.view')
              ? [
                  {
                    key: 'work-orders',
                    label: <WorkOrdersTabLabel customerId={id} />,
                    children: <WorkOrdersTab customerId={id} />,
                  },
                ]
              : []),
            ...(can('assets.view')
              ? [
                  {
                    key: 'assets',
                    label: <AssetsTabLabel customerId={id} />,
                    children: <AssetsTab customer={customer} />,
                  },
                  {
                    key: 'service-contracts',
                    label: <ServiceContractsTabLabel customerId={id} />,
                    children: <ServiceContractsTab customer={customer} />,
                  },
                ]
              : []),
            {
              key: 'attachments',
              label: t('customers.attachments'),
              children: <AttachmentList entity="customers" id={id} editable={can('customers.edit')} />,
            },
          ]}
        />
      </Card>
      <CustomerForm open={editing} customer={customer} onClose={() => setEditing(false)} />
      <FollowupForm parent={{ customerId: id }} open={loggingFollowup} onClose={() => setLoggingFollowup(false)} />
      <MergeDialog open={merging} target={customer} onClose={() => setMerging(false)} />
      <ContactForm
        open={contactForm.open}
        contact={contactForm.contact}
        customer={{ id: customer.id, name: customer.name }}
        onClose={() => setContactForm({ open: false })}
      />
    </Space>
  );
}
