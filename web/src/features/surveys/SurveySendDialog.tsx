import { type Body, type Survey, type SurveyInvitation, type SurveySend, surveyChannels } from '@relate/common';
import { App, Form, List, Modal, Radio, Select, type SelectProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter, useRequired } from '../../components/forms';
import { useContacts } from '../contacts/queries';
import { useSendSurvey } from './queries';

/** Contacts found as you type, by name, customer or email; asks only while the dialog is open. */
function ContactsSelect(props: SelectProps<number[]>) {
  const [search, setSearch] = useState('');
  const contacts = useContacts({ q: search, pageSize: 20 });
  return (
    <Select
      {...props}
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setSearch}
      loading={contacts.isFetching}
      options={(contacts.data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.name} · ${c.customerName ?? ''}${c.email ? ` · ${c.email}` : ''}`,
      }))}
    />
  );
}

/** Sends a survey to chosen contacts and shows each personal link (to pass on by SMS or by hand). */
export function SurveySendDialog({ survey, onClose }: { survey: Survey | null; onClose: () => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<Body<typeof SurveySend>>();
  const reportError = useErrorReporter(form);
  const [sent, setSent] = useState<SurveyInvitation[] | null>(null);
  const sendSurvey = useSendSurvey();
  const close = () => {
    setSent(null);
    form.resetFields();
    onClose();
  };
  const send = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !survey) return;
    try {
      const result = await sendSurvey.mutateAsync({ id: survey.id, body: values });
      setSent(result);
      message.success(t('surveys.sentCount', { count: result.length }));
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={survey !== null}
      title={t('surveys.sendTitle', { name: survey?.name ?? '' })}
      onCancel={close}
      onOk={sent ? close : () => void send()}
      okText={sent ? t('surveys.done') : t('surveys.send')}
      confirmLoading={sendSurvey.isPending}
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
          <Form.Item name="contactIds" label={t('surveys.fields.contacts')} rules={required.value}>
            <ContactsSelect data-testid="survey-contacts" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
