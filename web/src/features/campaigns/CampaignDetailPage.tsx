import { EditOutlined } from '@ant-design/icons';
import type { Campaign, CampaignDetail } from '@relate/common';
import { Button, Card, Descriptions, Space, Spin, type TableColumnsType, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { AttachmentList } from '../../components/AttachmentList';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { DictionaryTag } from '../../components/dictionaries';
import { useMoney } from '../../components/money';
import { NewButton } from '../../components/NewButton';
import { PagedTable } from '../../components/PagedTable';
import { RecordHeader } from '../../components/RecordHeader';
import { RecordNotFound } from '../../components/RecordNotFound';
import { useSaveDialog } from '../../components/SaveDialog';
import { usePageTitle } from '../../components/usePageTitle';
import { CampaignCostsTab } from './CampaignCostsTab';
import { CampaignEmailTab } from './CampaignEmailTab';
import { CampaignFigures } from './CampaignFigures';
import { CampaignForm } from './CampaignForm';
import { CampaignMembersTab } from './CampaignMembersTab';
import { CampaignSequenceTab } from './CampaignSequenceTab';
import { CampaignStatusTag } from './CampaignStatusTag';
import { useCampaign, useCampaigns, useDeleteCampaign } from './queries';

/** The campaigns right below one, each with a link to its own page. */
function ChildCampaigns({ campaign, editable }: { campaign: CampaignDetail; editable: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useCampaigns({ parentId: campaign.id, ...paging, sort: 'name:asc' });
  const dialog = useSaveDialog<CampaignDetail>();
  const columns: TableColumnsType<Campaign> = [
    {
      title: t('campaigns.fields.name'),
      dataIndex: 'name',
      render: (v: string, c) => <Link to={`/campaigns/${c.id}`}>{v}</Link>,
    },
    {
      title: t('campaigns.fields.type'),
      dataIndex: 'type',
      render: (v: string) => <DictionaryTag type="campaign_type" code={v} />,
    },
    { title: t('campaigns.fields.status'), dataIndex: 'status', render: (v) => <CampaignStatusTag status={v} /> },
    {
      title: t('campaigns.fields.budget'),
      dataIndex: 'budget',
      align: 'right',
      render: (v: string | null) => money(v),
    },
    { title: t('campaigns.fields.owner'), dataIndex: 'ownerName' },
  ];
  return (
    <>
      {editable && (
        <NewButton onClick={dialog.openNew} style={{ marginBottom: 12 }}>
          {t('campaigns.children.add')}
        </NewButton>
      )}
      <PagedTable<Campaign>
        list={data}
        page={paging.page}
        pageSize={paging.pageSize}
        loading={isFetching}
        columns={columns}
        empty={t('campaigns.children.empty')}
        onPageChange={({ page, pageSize }) => setPaging({ page, pageSize })}
      />
      <CampaignForm
        dialog={dialog}
        parent={{ id: campaign.id, name: campaign.name }}
        onSaved={(c) => void navigate(`/campaigns/${c.id}`)}
      />
    </>
  );
}

/** 市场活动: a campaign's figures (rolled up through the campaigns below it), members, cost lines, children and files. */
export function CampaignDetailPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const money = useMoney();
  const id = Number(useParams().id);
  const { data: c, isLoading, error } = useCampaign(id);
  usePageTitle(c?.name, t('campaigns.title'));
  const dialog = useSaveDialog<CampaignDetail>();
  const remove = useDeleteCampaign();
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !c) return <RecordNotFound error={error} backTo="/campaigns" />;
  const editable = can('campaigns.manage');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <RecordHeader
          title={c.name}
          tags={
            <>
              <DictionaryTag type="campaign_type" code={c.type} />
              <CampaignStatusTag status={c.status} />
              {c.parentId && <Link to={`/campaigns/${c.parentId}`}>{c.parentName}</Link>}
            </>
          }
          actions={
            editable && (
              <>
                <Button icon={<EditOutlined />} onClick={() => dialog.openEdit(c)} data-testid="campaign-edit">
                  {t('common.edit')}
                </Button>
                <DeleteRecordButton
                  confirm={t('campaigns.deleteConfirm')}
                  onDelete={() => remove.mutateAsync(c.id)}
                  backTo="/campaigns"
                />
              </>
            )
          }
        />
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('campaigns.fields.startDate')}>{c.startDate ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.endDate')}>{c.endDate ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.owner')}>{c.ownerName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.department')}>{c.departmentName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.budget')}>{money(c.budget)}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.expectedRevenue')}>
            {money(c.expectedRevenue)}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.expectedResponse')}>
            {c.expectedResponse ?? '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.products')}>
            {c.products.length ? c.products.map((p) => p.name).join('、') : '-'}
          </Descriptions.Item>
        </Descriptions>
        {c.description && <Typography.Paragraph style={{ marginTop: 8 }}>{c.description}</Typography.Paragraph>}
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'overview',
              label: t('campaigns.tabs.overview'),
              children: <CampaignFigures figures={c.figures} />,
            },
            {
              key: 'members',
              label: `${t('campaigns.tabs.members')} (${c.figures.members})`,
              children: <CampaignMembersTab campaignId={c.id} editable={editable} />,
            },
            {
              key: 'email',
              label: t('campaigns.tabs.email'),
              children: <CampaignEmailTab campaignId={c.id} editable={editable} />,
            },
            {
              key: 'sequence',
              label: t('sequences.tab'),
              children: <CampaignSequenceTab campaignId={c.id} editable={editable} />,
            },
            {
              key: 'costs',
              label: t('campaigns.tabs.costs'),
              children: <CampaignCostsTab campaignId={c.id} editable={editable} />,
            },
            {
              key: 'children',
              label: `${t('campaigns.tabs.children')} (${c.figures.childCount})`,
              children: <ChildCampaigns campaign={c} editable={editable} />,
            },
            {
              key: 'files',
              label: t('campaigns.tabs.files'),
              children: <AttachmentList entity="campaigns" id={c.id} editable={editable} />,
            },
          ]}
        />
      </Card>
      <CampaignForm dialog={dialog} />
    </Space>
  );
}
