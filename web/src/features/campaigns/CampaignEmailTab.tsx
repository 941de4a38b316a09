import { MailOutlined } from '@ant-design/icons';
import {
  type CampaignEmailAudience,
  type CampaignEmailSend,
  campaignEmailSkipReasons,
  campaignMemberEntities,
  maxEmailsPerSecond,
} from '@relate/common';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  InputNumber,
  Modal,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../components/forms';
import { useEmailTemplates } from '../email-templates/queries';
import { SegmentSelect } from '../segments/SegmentSelect';
import {
  useCampaignEmailAudience,
  useCampaignEmailSends,
  useChangeEmailSend,
  useSendTestEmail,
  useStartEmailSend,
} from './queries';

type Values = { templateId: number; segmentId?: number | null; perSecond: number };

function SkipList({
  skipped,
  empty = '0',
  testId = 'campaign-email-skip',
}: {
  skipped: CampaignEmailAudience['skipped'];
  empty?: string | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  const reasons = campaignEmailSkipReasons.filter((r) => skipped[r]);
  if (!reasons.length) return <>{empty}</>;
  return (
    <Space size={[4, 4]} wrap>
      {reasons.map((r) => (
        <Tag key={r} data-testid={`${testId}-${r}`}>
          {t(`campaigns.email.skip.${r}`)}: {skipped[r]}
        </Tag>
      ))}
    </Space>
  );
}

/** Each kind of member's part (contacts, leads, customers): how many receive it, and who is skipped and why. */
function KindList({ byKind }: { byKind: CampaignEmailAudience['byKind'] }) {
  const { t } = useTranslation();
  const kinds = campaignMemberEntities.filter((kind) => byKind[kind]);
  if (!kinds.length) return <>-</>;
  return (
    <Space direction="vertical" size={4}>
      {kinds.map((kind) => (
        <Space key={kind} size={[4, 4]} wrap data-testid={`campaign-email-kind-${kind}`}>
          <span>
            {t('campaigns.email.kindLine', {
              kind: t(`campaigns.members.entities.${kind}`),
              count: byKind[kind]!.recipients,
            })}
          </span>
          <SkipList skipped={byKind[kind]!.skipped} empty={null} testId={`campaign-email-${kind}-skip`} />
        </Space>
      ))}
    </Space>
  );
}

/** The dialog that starts a send: template, segment, throttle; a test to oneself; who will and will not receive it. */
function SendEmailDialog({ campaignId, open, onClose }: { campaignId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const templates = useEmailTemplates({ category: ['marketing'], pageSize: 100 }, open);
  const audience = useCampaignEmailAudience(campaignId);
  const start = useStartEmailSend(campaignId);
  const sendTest = useSendTestEmail(campaignId);
  const [counted, setCounted] = useState<CampaignEmailAudience | null>(null);

  const close = () => {
    form.resetFields();
    setCounted(null);
    onClose();
  };
  const check = async () => {
    try {
      const values = await form.validateFields();
      setCounted(await audience.mutateAsync({ templateId: values.templateId, segmentId: values.segmentId ?? null }));
    } catch (error) {
      if (!(error as { errorFields?: unknown }).errorFields) reportError(error);
    }
  };
  const test = async () => {
    try {
      const { templateId } = await form.validateFields(['templateId']);
      await sendTest.mutateAsync(templateId);
      message.success(t('campaigns.email.testSent'));
    } catch (error) {
      if (!(error as { errorFields?: unknown }).errorFields) reportError(error);
    }
  };
  const submit = async (values: Values) => {
    try {
      await start.mutateAsync({ ...values, segmentId: values.segmentId ?? null });
      message.success(t('campaigns.email.started'));
      close();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={open}
      title={t('campaigns.email.send')}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="test" onClick={() => void test()} loading={sendTest.isPending} data-testid="campaign-email-test">
          {t('campaigns.email.testToMe')}
        </Button>,
        counted ? (
          <Button
            key="send"
            type="primary"
            disabled={!counted.recipients}
            loading={start.isPending}
            onClick={() => form.submit()}
            data-testid="campaign-email-confirm"
          >
            {t('campaigns.email.confirm', { count: counted.recipients })}
          </Button>
        ) : (
          <Button
            key="check"
            type="primary"
            loading={audience.isPending}
            onClick={() => void check()}
            data-testid="campaign-email-check"
          >
            {t('campaigns.email.check')}
          </Button>
        ),
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ perSecond: 5 }}
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setCounted(null)}
      >
        <Form.Item name="templateId" label={t('campaigns.email.template')} rules={[{ required: true }]}>
          <Select
            data-testid="campaign-email-template"
            loading={templates.isFetching}
            options={(templates.data?.items ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="segmentId" label={t('campaigns.email.segment')} extra={t('campaigns.email.segmentHelp')}>
          <SegmentSelect data-testid="campaign-email-segment" />
        </Form.Item>
        <Form.Item name="perSecond" label={t('campaigns.email.perSecond')} rules={[{ required: true }]}>
          <InputNumber min={1} max={maxEmailsPerSecond} precision={0} />
        </Form.Item>
      </Form>
      {counted && (
        <Alert
          type={counted.recipients ? 'info' : 'warning'}
          data-testid="campaign-email-audience"
          message={t('campaigns.email.audience', { count: counted.recipients })}
          description={
            <Space direction="vertical">
              <span>{t('campaigns.email.skipped')}</span>
              <SkipList skipped={counted.skipped} />
              <KindList byKind={counted.byKind} />
            </Space>
          }
        />
      )}
    </Modal>
  );
}

function SendReport({
  campaignId,
  send,
  editable,
}: {
  campaignId: number;
  send: CampaignEmailSend;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const change = useChangeEmailSend(campaignId);
  const reportError = useErrorReporter();
  const act = (action: 'pause' | 'resume' | 'cancel') =>
    change.mutateAsync({ sendId: send.id, action }).catch(reportError);
  const { counts, tracking } = send;
  const toSend = counts.total - counts.skipped;
  const done = toSend ? Math.round(((counts.sent + counts.failed) / toSend) * 100) : 100;
  const live = send.status === 'queued' || send.status === 'sending';
  return (
    <Card
      size="small"
      data-testid={`campaign-email-send-${send.id}`}
      title={
        <Space>
          {send.templateName ?? `#${send.templateId}`}
          <Tag data-testid="campaign-email-status">{t(`campaigns.email.status.${send.status}`)}</Tag>
        </Space>
      }
      extra={
        editable && (
          <Space>
            {live && <Button onClick={() => void act('pause')}>{t('campaigns.email.pause')}</Button>}
            {send.status === 'paused' && (
              <Button onClick={() => void act('resume')}>{t('campaigns.email.resume')}</Button>
            )}
            {send.status === 'failed' && counts.queued > 0 && (
              <Button onClick={() => void act('resume')}>{t('campaigns.email.retry')}</Button>
            )}
            {(live || send.status === 'paused') && (
              <Button danger onClick={() => void act('cancel')}>
                {t('campaigns.email.cancel')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Progress percent={done} size="small" />
      <Row gutter={[16, 16]}>
        {(
          [
            ['queued', counts.queued],
            ['sent', counts.sent],
            ['failed', counts.failed],
            ['hardBounces', send.bounces.hard],
            ['softBounces', send.bounces.soft],
            ['opens', tracking.opens],
            ['uniqueOpens', tracking.uniqueOpens],
            ['clicks', tracking.clicks],
            ['uniqueClicks', tracking.uniqueClicks],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={6} lg={3} data-testid={`campaign-email-${key}`}>
            <Statistic title={t(`campaigns.email.figures.${key}`)} value={value} />
          </Col>
        ))}
      </Row>
      <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('campaigns.email.skipped')}>
          <SkipList skipped={send.skipped} />
        </Descriptions.Item>
        <Descriptions.Item label={t('campaigns.email.byKind')}>
          <KindList byKind={send.byKind} />
        </Descriptions.Item>
        <Descriptions.Item label={t('campaigns.email.startedBy')}>
          {send.createdByName ?? '-'} · {dayjs(send.createdAt).format('YYYY-MM-DD HH:mm')}
        </Descriptions.Item>
      </Descriptions>
      {tracking.links.length > 0 && (
        <Table
          size="small"
          rowKey="url"
          pagination={false}
          dataSource={tracking.links}
          columns={[
            { title: t('campaigns.email.link'), dataIndex: 'url', ellipsis: true },
            { title: t('campaigns.email.figures.clicks'), dataIndex: 'clicks', align: 'right' },
            { title: t('campaigns.email.figures.uniqueClicks'), dataIndex: 'uniqueClicks', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}

/** A campaign's email: the "Send email" action, and each send's progress, report and opens and clicks. */
export function CampaignEmailTab({ campaignId, editable }: { campaignId: number; editable: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { data } = useCampaignEmailSends(campaignId);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {editable && (
        <Button type="primary" icon={<MailOutlined />} onClick={() => setOpen(true)} data-testid="campaign-email-send">
          {t('campaigns.email.send')}
        </Button>
      )}
      {data?.length ? (
        data.map((send) => <SendReport key={send.id} campaignId={campaignId} send={send} editable={editable} />)
      ) : (
        <Empty description={t('campaigns.email.none')} />
      )}
      <SendEmailDialog campaignId={campaignId} open={open} onClose={() => setOpen(false)} />
    </Space>
  );
}
