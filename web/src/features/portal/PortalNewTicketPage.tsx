import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, List, Select, Space, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { emptyToNull, useErrorReporter, useRequired } from '../../components/forms';
import { usePortal } from './PortalSession';
import { useCreatePortalTicket, usePortalArticleSuggestions } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

type TicketValues = { type: string; priority: 'low' | 'normal' | 'high'; subject: string; description?: string };

/** A new service request: what kind, how urgent, what happened, with photos; FAQ answers are suggested while the subject is typed. */
export function PortalNewTicketPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.newTicket'), t('portal.nav.tickets'));
  const required = useRequired();
  const { locale } = useSession();
  const { branding } = usePortal();
  const navigate = useNavigate();
  const [form] = Form.useForm<TicketValues>();
  const reportError = useErrorReporter(form);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [subject, setSubject] = useState('');
  const suggestions = usePortalArticleSuggestions(subject);
  const createTicket = useCreatePortalTicket();
  const submit = async (values: TicketValues) => {
    try {
      const ticket = await createTicket.mutateAsync({
        body: emptyToNull(values),
        files: files.map((file) => file.originFileObj as File),
      });
      void navigate(`/portal/tickets/${ticket.id}`, { replace: true });
    } catch (error) {
      reportError(error);
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
          <Form.Item name="type" label={t('tickets.fields.type')} rules={required.value} style={{ minWidth: 200 }}>
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
        <Form.Item name="subject" label={t('tickets.fields.subject')} rules={required.text}>
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
          <Button type="primary" htmlType="submit" loading={createTicket.isPending} data-testid="portal-submit-ticket">
            {t('portal.submit')}
          </Button>
          <Button onClick={() => navigate('/portal')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
