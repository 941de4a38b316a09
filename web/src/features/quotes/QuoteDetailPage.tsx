import {
  CheckOutlined,
  CloseOutlined,
  EditOutlined,
  MailOutlined,
  SendOutlined,
  ShoppingCartOutlined,
} from '@ant-design/icons';
import type { QuoteLine } from '@relate/common';
import { App, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { DocumentApproval } from '../approvals/DocumentApproval';
import { useOrderFromQuote } from '../orders/queries';
import { quotesApi } from './api';
import { useDeleteQuote, useQuote, useSetQuoteStatus } from './queries';
import { QuoteEmailDialog } from './QuoteEmailDialog';
import { QuoteStatusTag } from './QuoteStatusTag';
import { RecordNotFound } from '../../components/RecordNotFound';
import { RecordHeader } from '../../components/RecordHeader';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { priceColumns, quantityColumn } from './line-columns';
import { usePageTitle } from '../../components/usePageTitle';
import { PdfButton } from '../../components/PdfButton';

export function QuoteDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const money = useMoney();
  const id = Number(useParams().id);
  const { data: q, isLoading, error } = useQuote(id);
  usePageTitle(q?.number, t('nav.quotes'));
  const setStatus = useSetQuoteStatus();
  const deleteQuote = useDeleteQuote();
  const orderFromQuote = useOrderFromQuote();
  const [emailing, setEmailing] = useState(false);

  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !q) return <RecordNotFound error={error} backTo="/quotes" />;
  const act = async (status: 'sent' | 'accepted' | 'rejected') => {
    try {
      await setStatus.mutateAsync({ id, status });
      message.success(t(`quotes.statuses.${status}`));
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };
  const editable = can('quotes.edit') && q.isLatest && (q.status === 'draft' || q.status === 'sent');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <RecordHeader
          title={q.title}
          tags={
            <>
              <Typography.Text type="secondary">
                {q.number} · v{q.version}
              </Typography.Text>
              <QuoteStatusTag status={q.status} />
              <Link to={`/customers/${q.customerId}`}>{q.customerName}</Link>
              {q.opportunityId && <Link to={`/opportunities/${q.opportunityId}`}>{q.opportunityName}</Link>}
            </>
          }
          actions={
            <>
              <PdfButton download={(locale) => quotesApi.downloadPdf(id, locale)} testId="quote-pdf" />
              {can('quotes.edit') && q.approvalStatus !== 'pending' && (
                <Button icon={<MailOutlined />} onClick={() => setEmailing(true)} data-testid="quote-email">
                  {t('quotes.email')}
                </Button>
              )}
              {editable && q.approvalStatus !== 'pending' && (
                <Button icon={<EditOutlined />} onClick={() => navigate(`/quotes/${id}/edit`)} data-testid="quote-edit">
                  {q.status === 'sent' ? t('quotes.revise') : t('common.edit')}
                </Button>
              )}
              {can('quotes.edit') && q.isLatest && q.status === 'draft' && q.approvalStatus !== 'pending' && (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  onClick={() => void act('sent')}
                  data-testid="quote-send"
                >
                  {t('quotes.send')}
                </Button>
              )}
              {can('quotes.edit') && q.isLatest && q.status === 'sent' && (
                <>
                  <Button
                    type="primary"
                    icon={<CheckOutlined />}
                    onClick={() => void act('accepted')}
                    data-testid="quote-accept"
                  >
                    {t('quotes.accept')}
                  </Button>
                  <Popconfirm title={t('quotes.rejectConfirm')} onConfirm={() => void act('rejected')}>
                    <Button danger icon={<CloseOutlined />}>
                      {t('quotes.reject')}
                    </Button>
                  </Popconfirm>
                </>
              )}
              {can('orders.create') && q.status === 'accepted' && (
                <Button
                  type="primary"
                  icon={<ShoppingCartOutlined />}
                  data-testid="quote-to-order"
                  onClick={async () => {
                    try {
                      const order = await orderFromQuote.mutateAsync(q.id);
                      void navigate(`/orders/${order.id}`);
                    } catch (e) {
                      message.error((e as ApiError).message);
                    }
                  }}
                >
                  {t('orders.fromQuote')}
                </Button>
              )}
              {can('quotes.delete') && (
                <DeleteRecordButton
                  confirm={t('quotes.deleteConfirm')}
                  onDelete={() => deleteQuote.mutateAsync(id)}
                  deletedMessage={t('common.deleted')}
                  backTo="/quotes"
                />
              )}
            </>
          }
        />
        {!q.isLatest && (
          <Typography.Paragraph type="warning" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('quotes.olderVersion')}
          </Typography.Paragraph>
        )}
        {q.isLatest && (q.status === 'draft' || q.approvalStatus) && (
          <div style={{ marginTop: 16 }}>
            <DocumentApproval
              documentType="quote"
              documentId={q.id}
              canSubmit={can('quotes.edit') && q.status === 'draft'}
            />
          </div>
        )}
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('quotes.fields.contact')}>{q.contactName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('quotes.fields.validUntil')}>{q.validUntil ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('quotes.fields.owner')}>{q.ownerName ?? '-'}</Descriptions.Item>
          {q.sentAt && (
            <Descriptions.Item label={t('quotes.fields.sentAt')}>
              {dayjs(q.sentAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
          )}
          {q.decidedAt && (
            <Descriptions.Item label={t('quotes.fields.decidedAt')}>
              {dayjs(q.decidedAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('quotes.lines.title')}>
        <Table<QuoteLine>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={q.lines}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '#', dataIndex: 'position', width: 40 },
            {
              title: t('quotes.lines.name'),
              dataIndex: 'name',
              render: (v: string, l) => (
                <Space direction="vertical" size={0}>
                  <span>{l.productCode ? `${l.productCode} · ${v}` : v}</span>
                  {l.description && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {l.description}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            quantityColumn<QuoteLine>(t),
            ...priceColumns<QuoteLine>(t, money, q.currency),
          ]}
          summary={() => (
            <>
              {(['subtotal', 'discount', 'tax', 'pointsAmount', 'total'] as const)
                .filter((key) => key !== 'pointsAmount' || q.pointsRedeemed > 0)
                .map((key) => (
                  <Table.Summary.Row key={key}>
                    <Table.Summary.Cell index={0} colSpan={6} align="right">
                      <Typography.Text strong={key === 'total'}>
                        {t(`quotes.fields.${key}`)}
                        {key === 'discount' && q.discountPercent !== '0' ? ` (${q.discountPercent}%)` : ''}
                        {key === 'pointsAmount' ? ` (${q.pointsRedeemed})` : ''}
                      </Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <Typography.Text strong={key === 'total'} data-testid={`quote-${key}`}>
                        {money(key === 'discount' || key === 'pointsAmount' ? `-${q[key]}` : q[key], q.currency)}
                      </Typography.Text>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ))}
            </>
          )}
        />
        {q.terms && (
          <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>
            <Typography.Text strong>{t('quotes.fields.terms')}: </Typography.Text>
            {q.terms}
          </Typography.Paragraph>
        )}
      </Card>
      {q.versions.length > 1 && (
        <Card title={t('quotes.versions')}>
          <Timeline
            items={q.versions.map((v) => ({
              key: v.id,
              color: v.id === q.id ? 'blue' : 'gray',
              children: (
                <Space>
                  <Link to={`/quotes/${v.id}`}>v{v.version}</Link>
                  <QuoteStatusTag status={v.status} />
                  {money(v.total, q.currency)}
                  <Typography.Text type="secondary">{dayjs(v.updatedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                </Space>
              ),
            }))}
          />
        </Card>
      )}
      <QuoteEmailDialog quote={q} open={emailing} onClose={() => setEmailing(false)} />
    </Space>
  );
}
