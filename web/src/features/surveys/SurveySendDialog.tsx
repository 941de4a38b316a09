import { type Contact, type Page, type Survey, type SurveyInvitation, surveyChannels } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { App, Form, List, Modal, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useErrorReporter } from '../../components/forms';

/** Sends a survey to chosen contacts and shows each personal link (to pass on by SMS or by hand). */
export function SurveySendDialog({ survey, onClose }: { survey: Survey | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [search, setSearch] = useState('');
  const [sent, setSent] = useState<SurveyInvitation[] | null>(null);
  const [busy, setBusy] = useState(false);
  const contacts = useQuery({
    queryKey: ['contacts', 'pick', search],
    queryFn: () => api.get<Page<Contact>>('/api/v1/contacts', { q: search, pageSize: 20 }),
    enabled: survey !== null,
  });
  const close = () => {
    setSent(null);
    form.resetFields();
    onClose();
  };
  const send = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !survey) return;
    setBusy(true);
    try {
      const result = await api.post<SurveyInvitation[]>(`/api/v1/surveys/${survey.id}/send`, values);
      setSent(result);
      message.success(t('surveys.sentCount', { count: result.length }));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={survey !== null}
      title={t('surveys.sendTitle', { name: survey?.name ?? '' })}
      onCancel={close}
      onOk={sent ? close : () => void send()}
      okText={sent ? t('surveys.done') : t('surveys.send')}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      {sent ? (
        <List
          dataSource={sent}
          renderItem={(i) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <>
                    {i.contactName ?? '-'} {i.emailed && <Tag color="green">{t('surveys.emailed')}</Tag>}
                  </>
                }
                description={
                  <Typography.Paragraph copyable={{ text: i.url }} style={{ marginBottom: 0, wordBreak: 'break-all' }}>
                    {i.url}
                  </Typography.Paragraph>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ channel: 'email', contactIds: [] }}>
          <Form.Item name="channel" label={t('surveys.fields.channel')}>
            <Radio.Group options={surveyChannels.map((c) => ({ value: c, label: t(`surveys.channels.${c}`) }))} />
          </Form.Item>
          <Form.Item
            name="contactIds"
            label={t('surveys.fields.contacts')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              mode="multiple"
              showSearch
              filterOption={false}
              onSearch={setSearch}
              loading={contacts.isFetching}
              options={(contacts.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} · ${c.customerName ?? ''}${c.email ? ` · ${c.email}` : ''}`,
              }))}
              data-testid="survey-contacts"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
