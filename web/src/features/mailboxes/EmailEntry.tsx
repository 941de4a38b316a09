import { MailOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import type { EmailAddress, EmailSummary } from '@relate/common';
import { Button, Drawer, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ComposeEmail, ComposeEmailButton } from './ComposeEmail';
import { useDownloadEmailAttachment, useEmailMessage, useRecordEmails } from './queries';

const who = (a: EmailAddress | null) => (a ? (a.name ? `${a.name} <${a.address}>` : a.address) : '-');

/** An email on a timeline: subject, from → to, its first words; a click opens the message. */
export function EmailEntry({ email }: { email: EmailSummary }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div data-testid="timeline-email">
      <Space wrap size={4}>
        <Tag icon={<MailOutlined />} color={email.direction === 'out' ? 'blue' : 'green'}>
          {t(`mailboxes.direction.${email.direction}`)}
        </Tag>
        <Typography.Link strong onClick={() => setOpen(true)}>
          {email.subject || t('mailboxes.noSubject')}
        </Typography.Link>
        {email.attachmentCount > 0 && <PaperClipOutlined aria-label={t('mailboxes.attachments')} />}
        {email.sentByName && <Typography.Text type="secondary">{email.sentByName}</Typography.Text>}
        {email.ticketId ? (
          <Link to={`/tickets/${email.ticketId}`}>
            <Tag>{t('timeline.record.tickets')}</Tag>
          </Link>
        ) : null}
      </Space>
      <div>
        <Typography.Text type="secondary">
          {who(email.from)} → {email.to.map(who).join(', ')} · {dayjs(email.sentAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      </div>
      {email.excerpt && <Typography.Paragraph style={{ marginBottom: 0 }}>{email.excerpt}</Typography.Paragraph>}
      {open && <EmailDrawer id={email.id} onClose={() => setOpen(false)} />}
    </div>
  );
}

/** The whole message: headers, its sanitised HTML (or text), attachments, and the rest of its thread. */
export function EmailDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(id);
  const message = useEmailMessage(shown);
  const downloadAttachment = useDownloadEmailAttachment();
  const data = message.data;
  const [replying, setReplying] = useState(false);
  const replyDefaults = data
    ? {
        replyTo: data.id,
        to: data.direction === 'in' && data.from ? [data.from.address] : data.to.map((a) => a.address),
        subject: /^re:/i.test(data.subject) ? data.subject : `Re: ${data.subject}`,
      }
    : null;
  return (
    <Drawer
      open
      width={720}
      onClose={onClose}
      title={data?.subject || t('mailboxes.noSubject')}
      destroyOnHidden
      extra={
        data && (
          <Button icon={<RollbackOutlined />} onClick={() => setReplying(true)} data-testid="email-reply">
            {t('mailboxes.compose.reply')}
          </Button>
        )
      }
    >
      {replying && replyDefaults && <ComposeEmail defaults={replyDefaults} onClose={() => setReplying(false)} />}
      {message.isLoading ? (
        <Spin />
      ) : !data ? (
        <Empty description={t('common.notFound')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="email-drawer">
          <Typography.Text>
            {t('mailboxes.from')}: {who(data.from)}
          </Typography.Text>
          <Typography.Text>
            {t('mailboxes.to')}: {data.to.map(who).join(', ')}
          </Typography.Text>
          {data.cc.length > 0 && (
            <Typography.Text>
              {t('mailboxes.cc')}: {data.cc.map(who).join(', ')}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{dayjs(data.sentAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
          {data.links.length > 0 && (
            <Space wrap>
              {data.links.map((l) => (
                <Tag key={`${l.entity}-${l.entityId}`}>
                  {t(`timeline.record.${l.entity}`)} {l.name}
                </Tag>
              ))}
            </Space>
          )}
          {data.html ? (
            // Sanitised on the server when stored: no scripts, styles, handlers or remote images.
            <div
              data-testid="email-body"
              style={{ border: '1px solid #f0f0f0', padding: 12, overflowX: 'auto' }}
              dangerouslySetInnerHTML={{ __html: data.html }}
            />
          ) : (
            <pre data-testid="email-body" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>
              {data.text}
            </pre>
          )}
          {data.attachments.length > 0 && (
            <List
              size="small"
              header={t('mailboxes.attachments')}
              dataSource={data.attachments}
              renderItem={(a) => (
                <List.Item>
                  <Button
                    type="link"
                    icon={<PaperClipOutlined />}
                    onClick={() => downloadAttachment.mutate({ id: data.id, attachmentId: a.id })}
                  >
                    {a.fileName}
                  </Button>
                  <Typography.Text type="secondary">{Math.max(1, Math.round(a.size / 1024))} KB</Typography.Text>
                </List.Item>
              )}
            />
          )}
          {data.thread.length > 0 && (
            <List
              size="small"
              header={t('mailboxes.thread')}
              dataSource={data.thread}
              renderItem={(m) => (
                <List.Item>
                  <Typography.Link onClick={() => setShown(m.id)}>
                    {m.subject || t('mailboxes.noSubject')}
                  </Typography.Link>
                  <Typography.Text type="secondary">
                    {who(m.from)} · {dayjs(m.sentAt).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}

/** The emails of a lead or a contact, newest first, each opening its message. */
export function RecordEmails({ entity, id }: { entity: 'leads' | 'contacts'; id: number }) {
  const { t } = useTranslation();
  const emails = useRecordEmails(entity, id);
  if (emails.isLoading) return <Spin />;
  if (!emails.data?.items.length) return <Empty description={t('mailboxes.noEmails')} />;
  return (
    <List
      dataSource={emails.data.items}
      renderItem={(email) => (
        <List.Item>
          <EmailEntry email={email} />
        </List.Item>
      )}
    />
  );
}

/** A contact's emails in a drawer, with a button to write to them. */
export function ContactEmailsButton({ contact }: { contact: { id: number; name: string; email?: string | null } }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" icon={<MailOutlined />} onClick={() => setOpen(true)} aria-label={t('timeline.emails')} />
      {open && (
        <Drawer
          open
          width={640}
          title={`${contact.name} · ${t('timeline.emails')}`}
          onClose={() => setOpen(false)}
          extra={
            <ComposeEmailButton
              defaults={{ to: contact.email ? [contact.email] : [], record: { entity: 'contacts', id: contact.id } }}
            />
          }
        >
          <RecordEmails entity="contacts" id={contact.id} />
        </Drawer>
      )}
    </>
  );
}
