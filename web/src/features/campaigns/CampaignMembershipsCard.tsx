import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useCampaign, useCampaignMemberships } from './queries';

/**
 * A lead's or opportunity's campaigns: the source campaign (first touch) and every campaign it was a member
 * of (an opportunity's through its lead, customer and contacts), for those who see campaigns.
 */
export function CampaignMembershipsCard({
  entity,
  id,
  sourceCampaignId,
}: {
  entity: 'leads' | 'contacts' | 'customers' | 'opportunities';
  id: number;
  sourceCampaignId?: number | null;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const allowed = can('campaigns.view');
  const memberships = useCampaignMemberships(entity, id, allowed);
  const source = useCampaign(sourceCampaignId ?? 0, allowed && Boolean(sourceCampaignId));
  if (!allowed) return null;
  return (
    <Card title={t('campaigns.memberships.title')} size="small" data-testid="campaign-memberships">
      {sourceCampaignId ? (
        <Typography.Paragraph>
          {t('campaigns.memberships.source')}:{' '}
          <Link to={`/campaigns/${sourceCampaignId}`}>{source.data?.name ?? `#${sourceCampaignId}`}</Link>
        </Typography.Paragraph>
      ) : null}
      <List
        size="small"
        loading={memberships.isLoading}
        dataSource={memberships.data ?? []}
        locale={{ emptyText: t('campaigns.memberships.none') }}
        renderItem={(m) => (
          <List.Item key={`${m.campaignId}-${m.entity}-${m.entityId}`}>
            <Space wrap>
              <Link to={`/campaigns/${m.campaignId}`}>{m.campaignName}</Link>
              <Typography.Text type="secondary">
                {t(`campaigns.members.entities.${m.entity}`)} · {t(`campaigns.members.statuses.${m.status}`)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
