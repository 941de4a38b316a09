import type { Contact, PortalAccess, PortalInvitation } from '@relate/common';
import { Alert, App, Button, Descriptions, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useInviteToPortal, usePortalAccess, useSwitchPortalAccess } from './queries';

const statusColors: Record<PortalAccess['status'], string> = { invited: 'gold', active: 'green', disabled: 'default' };

/** A contact's customer-portal access: invite (again), copy the link, turn it off or on. */
export function PortalAccessButton({ contact }: { contact: Pick<Contact, 'id' | 'name' | 'email'> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, locale } = useSession();
  const [open, setOpen] = useState(false);
  const [invitation, setInvitation] = useState<PortalInvitation | null>(null);
  const access = usePortalAccess(contact.id, open);
  const invite = useInviteToPortal(contact.id);
  const switchAccess = useSwitchPortalAccess(contact.id);
  const run = async (request: Promise<PortalAccess | PortalInvitation>) => {
    try {
      const result = await request;
      if ('inviteUrl' in result) setInvitation(result);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const current = access.data;
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)} data-testid={`portal-access-${contact.id}`}>
        {t('portalAccess.button')}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        title={t('portalAccess.title', { name: contact.name })}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('portalAccess.login')}>
              {contact.email ?? <Typography.Text type="danger">{t('portalAccess.noEmail')}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('portalAccess.status')}>
              {current ? (
                <Tag color={statusColors[current.status]}>{t(`portalAccess.statuses.${current.status}`)}</Tag>
              ) : (
                <Tag>{t('portalAccess.statuses.none')}</Tag>
              )}
            </Descriptions.Item>
            {current?.lastLoginAt && (
              <Descriptions.Item label={t('portalAccess.lastLogin')}>
                {dayjs(current.lastLoginAt).format('YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
            )}
          </Descriptions>
          {invitation && (
            <Alert
              type={invitation.emailed ? 'success' : 'info'}
              showIcon
              message={invitation.emailed ? t('portalAccess.emailed') : t('portalAccess.notEmailed')}
              description={
                <Typography.Paragraph
                  copyable={{ text: invitation.inviteUrl }}
                  style={{ marginBottom: 0, wordBreak: 'break-all' }}
                  data-testid="portal-invite-url"
                >
                  {invitation.inviteUrl}
                </Typography.Paragraph>
              }
            />
          )}
          {can('portal.manage') && (
            <Space wrap>
              {current?.status !== 'disabled' && (
                <Button type="primary" disabled={!contact.email} onClick={() => void run(invite.mutateAsync(locale))}>
                  {current ? t('portalAccess.reinvite') : t('portalAccess.invite')}
                </Button>
              )}
              {current && current.status !== 'disabled' && (
                <Popconfirm
                  title={t('portalAccess.disableConfirm')}
                  onConfirm={() => void run(switchAccess.mutateAsync(false))}
                >
                  <Button danger>{t('portalAccess.disable')}</Button>
                </Popconfirm>
              )}
              {current?.status === 'disabled' && (
                <Button onClick={() => void run(switchAccess.mutateAsync(true))}>{t('portalAccess.enable')}</Button>
              )}
            </Space>
          )}
        </Space>
      </Modal>
    </>
  );
}
