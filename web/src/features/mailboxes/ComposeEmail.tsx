import { PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Spin, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useErrorReporter, useRequired } from '../../components/forms';
import { TemplatePicker } from '../email-templates/TemplatePicker';
import { useSendEmail, useSendingMailboxes } from './queries';

type Values = { mailboxId: number; to: string[]; cc: string[]; bcc: string[]; subject: string; text: string };

export type ComposeDefaults = {
  to?: string[];
  cc?: string[];
  subject?: string;
  /** The message answered: the reply keeps its thread. */
  replyTo?: number;
  /** The record it is written from: it shows on its timeline. */
  record?: { entity: 'customers' | 'contacts' | 'leads'; id: number };
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A "write email" button and its dialog. */
export function ComposeEmailButton({ defaults, label }: { defaults: ComposeDefaults; label?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SendOutlined />} onClick={() => setOpen(true)} data-testid="compose-email">
        {label ?? t('mailboxes.compose.write')}
      </Button>
      {open && <ComposeEmail defaults={defaults} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Writes an email from one of my mailboxes (or a shared one): sent through its own outgoing server or the
 * company's, kept in its Sent folder and shown on the timelines of the record and its recipients.
 */
export function ComposeEmail({ defaults, onClose }: { defaults: ComposeDefaults; onClose: () => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const mailboxes = useSendingMailboxes();
  const send = useSendEmail();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { can } = useSession();
  /** The HTML of the template inserted, sent beside the text until the text is edited by hand. */
  const [html, setHtml] = useState<{ name: string; html: string } | null>(null);
  const items = useMemo(() => mailboxes.data?.items ?? [], [mailboxes.data]);
  const addresses = [
    {
      validator: (_: unknown, value: string[] | undefined) =>
        (value ?? []).every((a) => emailPattern.test(a))
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.email'))),
    },
  ];
  const submit = async (values: Values) => {
    try {
      const attachments = await Promise.all(
        files.map(async (f) => ({
          fileName: f.name,
          contentType: f.type || null,
          content: await base64Of(f.originFileObj as File),
        })),
      );
      const sent = await send.mutateAsync({
        mailboxId: values.mailboxId,
        to: values.to,
        cc: values.cc ?? [],
        bcc: values.bcc ?? [],
        subject: values.subject,
        text: values.text ?? '',
        html: html?.html ?? null,
        replyTo: defaults.replyTo ?? null,
        entity: defaults.record?.entity ?? null,
        entityId: defaults.record?.id ?? null,
        attachments,
      });
      if (sent.savedToSent) message.success(t('mailboxes.compose.sent'));
      else message.warning(t('mailboxes.compose.sentNotSaved', { reason: sent.sentFolderError ?? '' }));
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={defaults.replyTo ? t('mailboxes.compose.reply') : t('mailboxes.compose.write')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('mailboxes.compose.send')}
      okButtonProps={{ disabled: !items.length, ...({ 'data-testid': 'compose-send' } as Record<string, string>) }}
      confirmLoading={send.isPending}
      destroyOnHidden
    >
      {mailboxes.isLoading ? (
        <Spin />
      ) : !items.length ? (
        <Alert type="info" showIcon message={t('mailboxes.compose.noMailbox')} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          onValuesChange={(changed: Partial<Values>) => {
            if ('text' in changed) setHtml(null);
          }}
          initialValues={{
            mailboxId: items[0]?.id,
            to: defaults.to ?? [],
            cc: defaults.cc ?? [],
            bcc: [],
            subject: defaults.subject ?? '',
            text: '',
          }}
        >
          <Form.Item name="mailboxId" label={t('mailboxes.compose.from')} rules={required.value}>
            <Select
              options={items.map((m) => ({
                value: m.id,
                label: `${m.address}${m.kind === 'shared' ? ` (${t('mailboxes.kinds.shared')})` : ''}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="to" label={t('mailboxes.to')} rules={[...required.value, ...addresses]}>
            <Select mode="tags" tokenSeparators={[',', ';', ' ']} open={false} data-testid="compose-to" />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="cc" label={t('mailboxes.cc')} rules={addresses} style={{ flex: 1 }}>
              <Select mode="tags" tokenSeparators={[',', ';', ' ']} open={false} />
            </Form.Item>
            <Form.Item name="bcc" label={t('mailboxes.bcc')} rules={addresses} style={{ flex: 1 }}>
              <Select mode="tags" tokenSeparators={[',', ';', ' ']} open={false} />
            </Form.Item>
          </Space.Compact>
          {can('emailTemplates.view') && (
            <Form.Item label={t('emailTemplates.insert')}>
              <Space wrap>
                <TemplatePicker
                  record={defaults.record}
                  onRendered={(name, rendered) => {
                    form.setFieldsValue({ subject: rendered.subject, text: rendered.text });
                    setHtml({ name, html: rendered.html });
                  }}
                />
                {html && (
                  <Tag color="blue" closable onClose={() => setHtml(null)} data-testid="compose-html">
                    {t('emailTemplates.formatted', { name: html.name })}
                  </Tag>
                )}
              </Space>
            </Form.Item>
          )}
          <Form.Item name="subject" label={t('mailboxes.compose.subject')} rules={required.value}>
            <Input maxLength={500} data-testid="compose-subject" />
          </Form.Item>
          <Form.Item
            name="text"
            label={t('mailboxes.compose.body')}
            extra={html ? t('emailTemplates.formattedHint') : undefined}
          >
            <Input.TextArea rows={10} data-testid="compose-body" />
          </Form.Item>
          <Upload
            multiple
            fileList={files}
            beforeUpload={(file) => {
              setFiles((list) => [...list, Object.assign(file, { originFileObj: file }) as unknown as UploadFile]);
              return false;
            }}
            onRemove={(file) => setFiles((list) => list.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<PaperClipOutlined />}>{t('mailboxes.compose.attach')}</Button>
          </Upload>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('mailboxes.compose.hint')}
          </Typography.Paragraph>
        </Form>
      )}
    </Modal>
  );
}
