import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Radio,
  Rate,
  Result,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { useErrorReporter, useRequired } from '../../components/forms';
import { portalTicketsApi } from './api';
import { usePortal } from './PortalSession';
import { usePortalTicket, useRatePortalTicket, useReplyToPortalTicket, useUploadPortalTicketFile } from './queries';
import { statusColors, ticketTypeLabel } from './ticket-labels';
import { usePageTitle } from '../../components/usePageTitle';

/** One service request as the customer follows it: status, the conversation with the service team, files, a reply box and the rating. */
export function PortalTicketPage() {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const { locale } = useSession();
  const { branding } = usePortal();
  const id = Number(useParams().id);
  const ticket = usePortalTicket(id);
  usePageTitle(ticket.data?.number, t('portal.nav.tickets'));
  const sendReply = useReplyToPortalTicket(id);
  const sendRating = useRatePortalTicket(id);
  const uploadFile = useUploadPortalTicketFile(id);
  const [replyForm] = Form.useForm();
  const [rateForm] = Form.useForm();
  const reportReply = useErrorReporter(replyForm);
  const reportRating = useErrorReporter(rateForm);
  const busy = sendReply.isPending || sendRating.isPending;
  if (ticket.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (ticket.error instanceof ApiError && ticket.error.status === 404)
    return <Result status="404" title={t('common.notFound')} />;
  const data = ticket.data;
  if (!data) return null;

  const reply = async (values: { body: string }) => {
    try {
      await sendReply.mutateAsync(values);
      replyForm.resetFields();
      message.success(t('portal.replySent'));
    } catch (error) {
      reportReply(error);
    }
  };
  const rate = async (values: { solved: boolean; score: number; comment?: string }) => {
    try {
      await sendRating.mutateAsync(values);
      message.success(t('portal.thanksForRating'));
    } catch (error) {
      reportRating(error);
    }
  };
  const upload = async (file: File) => {
    try {
      await uploadFile.mutateAsync(file);
    } catch (error) {
      reportReply(error);
    }
    return false;
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>{data.number}</span>
            <span>{data.subject}</span>
          </Space>
        }
        extra={
          <Tag color={statusColors[data.status]} data-testid="portal-ticket-status">
            {t(`tickets.statuses.${data.status}`)}
          </Tag>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('tickets.fields.type')}>
            {ticketTypeLabel(branding, data.type, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.fields.priority')}>
            {t(`tickets.priorities.${data.priority}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.raisedBy')}>{data.contactName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('portal.handledBy')}>
            {data.assigneeName ?? t('portal.notYetAssigned')}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>
            {dayjs(data.createdAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
          {data.resolution && (
            <Descriptions.Item label={t('tickets.fields.resolution')}>{data.resolution}</Descriptions.Item>
          )}
          {data.satisfactionScore !== null && (
            <Descriptions.Item label={t('portal.yourRating')}>
              <Rate disabled value={data.satisfactionScore} /> {data.satisfactionComment}
            </Descriptions.Item>
          )}
        </Descriptions>
        {data.description && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>
            {data.description}
          </Typography.Paragraph>
        )}
        <Space wrap>
          {data.attachments.map((a) => (
            <a key={a.id} href={portalTicketsApi.fileUrl(a.id)}>
              <PaperClipOutlined /> {a.fileName}
            </a>
          ))}
          {data.status !== 'closed' && (
            <Upload showUploadList={false} beforeUpload={(file) => upload(file)}>
              <Button size="small" icon={<UploadOutlined />}>
                {t('portal.addFiles')}
              </Button>
            </Upload>
          )}
        </Space>
      </Card>

      {data.canRate && (
        <Card title={t('portal.rateTitle')} data-testid="portal-rating">
          <Form form={rateForm} layout="vertical" onFinish={rate} initialValues={{ solved: true }}>
            <Form.Item name="solved" label={t('portal.wasItSolved')}>
              <Radio.Group
                options={[
                  { label: t('common.yes'), value: true },
                  { label: t('common.no'), value: false },
                ]}
              />
            </Form.Item>
            <Form.Item name="score" label={t('portal.howSatisfied')} rules={required.value}>
              <Rate />
            </Form.Item>
            <Form.Item name="comment" label={t('portal.comment')}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('portal.sendRating')}
            </Button>
          </Form>
        </Card>
      )}

      <Card title={t('tickets.conversation')}>
        {data.messages.length ? (
          <Timeline
            items={data.messages.map((m) => ({
              color: m.kind === 'customer' ? 'gray' : 'blue',
              children: (
                <div data-testid="portal-message">
                  <Typography.Text strong>
                    {m.kind === 'customer'
                      ? (m.authorName ?? t('portal.you'))
                      : t('portal.serviceTeam', { name: m.authorName ?? '' })}
                  </Typography.Text>{' '}
                  <Typography.Text type="secondary">{dayjs(m.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                    {m.body}
                  </Typography.Paragraph>
                </div>
              ),
            }))}
          />
        ) : (
          <Empty description={t('portal.noMessages')} />
        )}
        {data.status !== 'closed' && (
          <Form form={replyForm} onFinish={reply} layout="vertical">
            <Form.Item name="body" rules={required.text}>
              <Input.TextArea
                rows={3}
                maxLength={20000}
                placeholder={t('portal.replyPlaceholder')}
                aria-label={t('portal.replyPlaceholder')}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('portal.sendReply')}
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}
