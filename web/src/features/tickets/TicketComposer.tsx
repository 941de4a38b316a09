import type { TicketDetail } from '@relate/common';
import { App, Button, Form, Input, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter, useRequired } from '../../components/forms';
import { useAddTicketMessage, useCannedAnswers } from './queries';

/** Writes a reply to the customer or an internal note; a canned answer, found as you type, fills the text for this ticket. */
export function TicketComposer({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const addMessage = useAddTicketMessage();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [q, setQ] = useState('');
  const answers = useCannedAnswers({
    q: q || undefined,
    category: ticket.category ?? undefined,
    ticketId: ticket.id,
  });
  const send = async (values: { body: string }) => {
    try {
      await addMessage.mutateAsync({ id: ticket.id, body: { kind, body: values.body } });
      form.resetFields();
      message.success(t(kind === 'reply' ? 'tickets.replySent' : 'tickets.noteAdded'));
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={send}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented
          value={kind}
          onChange={(v) => setKind(v as 'reply' | 'note')}
          options={[
            { value: 'reply', label: t('tickets.kinds.reply') },
            { value: 'note', label: t('tickets.kinds.note') },
          ]}
          data-testid="composer-kind"
        />
        <Select<number>
          showSearch={{ filterOption: false, onSearch: setQ }}
          value={null as unknown as number}
          placeholder={t('tickets.cannedAnswer')}
          style={{ width: 280 }}
          options={(answers.data ?? []).map((a) => ({ value: a.id, label: a.title }))}
          onChange={(id) => {
            const answer = answers.data?.find((a) => a.id === id);
            if (answer)
              form.setFieldsValue({ body: [form.getFieldValue('body'), answer.body].filter(Boolean).join('\n') });
          }}
          data-testid="canned-answer"
        />
      </Space>
      <Form.Item name="body" rules={required.text}>
        <Input.TextArea
          rows={4}
          maxLength={20000}
          placeholder={t(kind === 'reply' ? 'tickets.replyPlaceholder' : 'tickets.notePlaceholder')}
          style={kind === 'note' ? { background: '#fffbe6' } : undefined}
          data-testid="composer-body"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={addMessage.isPending} data-testid="composer-send">
        {t(kind === 'reply' ? 'tickets.sendReply' : 'tickets.addNote')}
      </Button>
    </Form>
  );
}
