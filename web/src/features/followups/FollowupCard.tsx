import { EnvironmentOutlined } from '@ant-design/icons';
import type { Followup } from '@relate/common';
import { Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DictionaryTag } from '../../components/dictionaries';
import { FollowupAttachments } from './FollowupAttachments';

/** One follow-up as it reads on a timeline or in a list: what was said, with whom, and what comes next. */
export function FollowupCard({ followup, actions }: { followup: Followup; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div data-testid="followup-card">
      <Space wrap size={4}>
        <DictionaryTag type="followup_type" code={followup.type} />
        <Typography.Text type="secondary">
          {followup.ownerName ?? '-'} · {dayjs(followup.occurredAt).format('YYYY-MM-DD HH:mm')}
          {followup.contactName ? ` · ${followup.contactName}` : ''}
        </Typography.Text>
        {followup.attachmentCount > 0 && (
          <FollowupAttachments followupId={followup.id} count={followup.attachmentCount} />
        )}
        {actions}
      </Space>
      <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>
        {followup.content}
      </Typography.Paragraph>
      {followup.result && (
        <div style={{ fontSize: 13 }}>
          <Typography.Text type="secondary">{t('followups.fields.result')}: </Typography.Text>
          {followup.result}
        </div>
      )}
      {(followup.nextStep || followup.nextFollowupAt) && (
        <div style={{ fontSize: 13 }}>
          <Typography.Text type="secondary">{t('followups.fields.nextStep')}: </Typography.Text>
          {[followup.nextStep, followup.nextFollowupAt && dayjs(followup.nextFollowupAt).format('YYYY-MM-DD HH:mm')]
            .filter(Boolean)
            .join(' · ')}
        </div>
      )}
      {followup.checkIn && (
        <div style={{ fontSize: 13 }}>
          <EnvironmentOutlined />{' '}
          {followup.checkIn.address ?? `${followup.checkIn.latitude}, ${followup.checkIn.longitude}`}
        </div>
      )}
    </div>
  );
}
