import { UploadOutlined } from '@ant-design/icons';
import type { ArticleSummary, PortalTicketDetail } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Select, Space, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { portalApi } from './portal-api';
import { usePortal } from './PortalSession';

/** A new service request: what kind, how urgent, what happened, with photos; FAQ answers are suggested while the subject is typed. */
export function PortalNewTicketPage() {
  const { t } = useTranslation();
  const { locale } = useSession();
  const { branding } = usePortal();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [subject, setSubject] = useState('');
  const suggestions = useQuery({
    queryKey: ['portal', 'kb', 'suggest', subject],
    queryFn: () => portalApi.get<ArticleSummary[]>('/api/portal/v1/kb/suggest', { q: subject, limit: 3 }),
    enabled: subject.trim().length >= 2,
  });
  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    try {
      const ticket = await portalApi.post<PortalTicketDetail>('/api/portal/v1/tickets', emptyToNull(values));
      for (const file of files) {
        const body = new FormData();
        body.append('file', file.originFileObj as File, file.name);
        await portalApi.post(`/api/portal/v1/tickets/${ticket.id}/attachments`, body);
      }
      void navigate(`/portal/tickets/${ticket.id}`, { replace: true });
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  const types = branding?.ticketTypes ?? [];
  return (
    <Card title={t('portal.newTicket')} style={{ maxWidth: 720, margin: '0 auto' }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          type: types.some((o) => o.code === 'consultation') ? 'consultation' : types[0]?.code,
          priority: 'normal',
        }}
      >
        <Space wrap style={{ width: '100%' }} size="middle">
          <Form.Item
            name="type"
            label={t('tickets.fields.type')}
            rules={[{ required: true, message: t('validation.required') }]}
            style={{ minWidth: 200 }}
          >
            <Select options={types.map((o) => ({ value: o.code, label: locale === 'en' ? o.labelEn : o.labelZh }))} />
          </Form.Item>
          <Form.Item name="priority" label={t('portal.urgency')} style={{ minWidth: 160 }}>
            <Select
              options={(['low', 'normal', 'high'] as const).map((p) => ({
                value: p,
                label: t(`tickets.priorities.${p}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="subject"
          label={t('tickets.fields.subject')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} onChange={(e) => setSubject(e.target.value)} />
        </Form.Item>
        {Boolean(suggestions.data?.length) && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('portal.maybeAnswered')}
            description={
              <List
                size="small"
                dataSource={suggestions.data}
                renderItem={(a) => (
                  <List.Item>
                    <Link to={`/portal/kb/${a.id}`} target="_blank">
                      {a.title}
                    </Link>
                  </List.Item>
                )}
              />
            }
          />
        )}
        <Form.Item name="description" label={t('portal.whatHappened')}>
          <Input.TextArea rows={6} maxLength={5000} />
        </Form.Item>
        <Form.Item label={t('tickets.attachments')}>
          <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
            <Button icon={<UploadOutlined />}>{t('portal.addFiles')}</Button>
          </Upload>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="portal-submit-ticket">
            {t('portal.submit')}
          </Button>
          <Button onClick={() => navigate('/portal')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
