import { EditOutlined, MessageOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, List, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { useDictionaryLabel } from '../../components/dictionaries';
import { useSaveDialog } from '../../components/SaveDialog';
import { CampaignMembershipsCard } from '../campaigns/CampaignMembershipsCard';
import { ConsentButton } from '../consent/ConsentButton';
import { FollowupCard } from '../followups/FollowupCard';
import { ComposeEmailButton } from '../mailboxes/ComposeEmail';
import { RecordEmails } from '../mailboxes/EmailEntry';
import { FollowupForm } from '../followups/FollowupForm';
import { useFollowups } from '../followups/queries';
import { ConvertLeadDialog } from './ConvertLeadDialog';
import { LeadForm } from './LeadForm';
import { LeadStatusTag } from './LeadStatusTag';
import { useDeleteLeads, useLead } from './queries';
import { RecordNotFound } from '../../components/RecordNotFound';
import { RecordHeader } from '../../components/RecordHeader';
import { ScoreWithReasons } from '../scoring/ScoreReasonsPopover';
import { regionNames } from '../../components/region';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { PhoneLink } from '../../components/PhoneLink';
import { usePageTitle } from '../../components/usePageTitle';

export function LeadDetailPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const id = Number(useParams().id);
  const { data: lead, isLoading, error } = useLead(id);
  usePageTitle(lead?.name, t('nav.leads'));
  const followups = useFollowups({ leadId: id, pageSize: 100 }, Boolean(lead));
  const [editing, setEditing] = useState(false);
  const convertDialog = useSaveDialog<never>();
  const [loggingFollowup, setLoggingFollowup] = useState(false);
  const remove = useDeleteLeads();
  const source = useDictionaryLabel('customer_source');
  const industry = useDictionaryLabel('industry');

  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !lead) return <RecordNotFound error={error} backTo="/leads" />;
  const converted = lead.status === 'converted';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <RecordHeader
          title={
            <>
              {lead.name}
              {lead.company && (
                <Typography.Text type="secondary" style={{ fontSize: 16, marginLeft: 8 }}>
                  {lead.company}
                </Typography.Text>
              )}
            </>
          }
          tags={
            <>
              <Typography.Text type="secondary">{lead.code}</Typography.Text>
              <LeadStatusTag status={lead.status} />
              {converted && lead.convertedCustomerId && (
                <Link to={`/customers/${lead.convertedCustomerId}`}>{t('leads.openCustomer')}</Link>
              )}
            </>
          }
          actions={
            <>
              {!converted && can('leads.convert') && (
                <Button
                  type="primary"
                  icon={<SwapOutlined />}
                  onClick={convertDialog.openNew}
                  data-testid="convert-lead"
                >
                  {t('leads.convert')}
                </Button>
              )}
              {!converted && can('followups.create') && (
                <Button icon={<MessageOutlined />} onClick={() => setLoggingFollowup(true)}>
                  {t('followups.new')}
                </Button>
              )}
              {can('leads.edit') && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
              )}
              {can('leads.delete') && (
                <DeleteRecordButton
                  confirm={t('leads.deleteConfirm', { count: 1 })}
                  hint={t('common.recycleBinHint')}
                  onDelete={() => remove.mutateAsync([id])}
                  deletedMessage={t('common.movedToRecycleBin')}
                  backTo="/leads"
                />
              )}
            </>
          }
        />
        <Descriptions style={{ marginTop: 16 }} size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('leads.fields.owner')}>
            {lead.ownerName ?? t('leads.unassigned')}
          </Descriptions.Item>
          <Descriptions.Item label={t('leads.fields.title')}>{lead.title ?? '-'}</Descriptions.Item>
          {'mobile' in lead && (
            <Descriptions.Item label={t('leads.fields.mobile')}>
              <PhoneLink number={lead.mobile} />
            </Descriptions.Item>
          )}
          {'phone' in lead && (
            <Descriptions.Item label={t('leads.fields.phone')}>
              <PhoneLink number={lead.phone} />
            </Descriptions.Item>
          )}
          {'email' in lead && (
            <Descriptions.Item label={t('leads.fields.email')}>
              {lead.email ?? '-'}
              <ConsentButton record={{ entity: 'leads', id: lead.id }} name={lead.name} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('leads.fields.wechat')}>{lead.wechat ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('leads.fields.source')}>{source(lead.source) || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('leads.fields.industry')}>{industry(lead.industry) || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('leads.fields.score')}>
            <ScoreWithReasons entity="leads" id={lead.id} score={lead.score} />
          </Descriptions.Item>
          <Descriptions.Item label={t('leads.fields.region')}>{regionNames(lead) || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('leads.fields.address')}>{lead.address ?? '-'}</Descriptions.Item>
          {lead.status === 'disqualified' && (
            <Descriptions.Item label={t('leads.fields.disqualifyReason')}>{lead.disqualifyReason}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('leads.fields.createdAt')}>
            {dayjs(lead.createdAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
          <Descriptions.Item label={t('leads.fields.remark')}>{lead.remark ?? '-'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <CampaignMembershipsCard entity="leads" id={lead.id} sourceCampaignId={lead.campaignId} />
      <Card title={t('nav.followups')}>
        <List
          loading={followups.isLoading}
          dataSource={followups.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('followups.empty')} /> }}
          renderItem={(followup) => (
            <List.Item>
              <FollowupCard followup={followup} />
            </List.Item>
          )}
        />
      </Card>
      <Card
        title={t('timeline.emails')}
        extra={
          <ComposeEmailButton
            defaults={{ to: 'email' in lead && lead.email ? [lead.email] : [], record: { entity: 'leads', id } }}
          />
        }
      >
        <RecordEmails entity="leads" id={id} />
      </Card>
      <LeadForm open={editing} lead={lead} onClose={() => setEditing(false)} />
      <ConvertLeadDialog lead={lead} dialog={convertDialog} />
      <FollowupForm parent={{ leadId: id }} open={loggingFollowup} onClose={() => setLoggingFollowup(false)} />
    </Space>
  );
}
