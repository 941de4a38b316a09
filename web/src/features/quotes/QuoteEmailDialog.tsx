import type { Locale, QuoteDetail } from '@relate/common';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useErrorReporter, useRequired } from '../../components/forms';
import { useContact, useEmailQuote } from './queries';

type EmailValues = { to: string[]; cc?: string[]; subject?: string; message?: string; locale?: Locale };

/**
 * Emails the quote's PDF: to the quote's contact by default, with an optional subject and message.
 * Not a SaveDialog: the recipient is filled in when the contact has loaded, after the dialog opened.
 */
export function QuoteEmailDialog({ quote, open, onClose }: { quote: QuoteDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<EmailValues>();
  const reportError = useErrorReporter(form);
  const emailQuote = useEmailQuote();
  const contact = useContact(quote.contactId, open && can('contacts.view'));
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (contact.data?.email) form.setFieldsValue({ to: [contact.data.email] });
  }, [open, contact.data, form]);
  const send = async (values: EmailValues) => {
    try {
      await emailQuote.mutateAsync({
        id: quote.id,
        body: {
          to: values.to,
          cc: values.cc?.length ? values.cc : undefined,
          subject: values.subject || undefined,
          message: values.message || undefined,
          locale: values.locale,
        },
      });
      message.success(t('quotes.emailSent'));
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  const addresses = { mode: 'tags' as const, tokenSeparators: [',', ';', ' '], open: false, suffixIcon: null };
  return (
    <Modal
      open={open}
      title={t('quotes.email')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={emailQuote.isPending}
      okText={t('quotes.emailSend')}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'quote-email-send' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={send}>
        <Form.Item name="to" label={t('quotes.emailTo')} rules={required.value} extra={t('quotes.emailToHint')}>
          <Select {...addresses} aria-label={t('quotes.emailTo')} data-testid="quote-email-to" />
        </Form.Item>
        <Form.Item name="cc" label={t('quotes.emailCc')}>
          <Select {...addresses} aria-label={t('quotes.emailCc')} />
        </Form.Item>
        <Form.Item name="locale" label={t('quotes.emailLanguage')}>
          <Select
            allowClear
            placeholder={t('quotes.emailLanguageAuto')}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <Form.Item name="subject" label={t('quotes.emailSubject')}>
          <Input maxLength={200} placeholder={t('quotes.emailSubjectAuto')} />
        </Form.Item>
        <Form.Item name="message" label={t('quotes.emailMessage')}>
          <Input.TextArea rows={5} maxLength={5000} placeholder={t('quotes.emailMessageAuto')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
