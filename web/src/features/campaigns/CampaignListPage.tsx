import { type Campaign, type CampaignDetail, type CampaignStatus, campaignStatuses } from '@relate/common';
import { Card, Input, Select, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { FilterBar } from '../../components/FilterBar';
import { useMoney } from '../../components/money';
import { NewButton } from '../../components/NewButton';
import { PagedTable } from '../../components/PagedTable';
import { useSaveDialog } from '../../components/SaveDialog';
import { usePageTitle } from '../../components/usePageTitle';
import { UserSelect } from '../../components/users';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { CampaignForm } from './CampaignForm';
import { CampaignStatusTag } from './CampaignStatusTag';
import { useCampaigns } from './queries';

/** 市场活动: the campaigns in the user's scope, searched, filtered by status, type and owner, sorted and paged. */
export function CampaignListPage() {
  const { t } = useTranslation();
  usePageTitle(t('campaigns.title'));
  const { can } = useSession();
  const navigate = useNavigate();
  const money = useMoney();
  const dialog = useSaveDialog<CampaignDetail>();
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const q = params.get('q') || undefined;
  const status = (params.get('status') || undefined) as CampaignStatus | undefined;
  const type = params.get('type') || undefined;
  const ownerId = params.get('ownerId') ? Number(params.get('ownerId')) : undefined;
  const sort = params.get('sort') || undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useCampaigns({
    q,
    status: status ? [status] : undefined,
    type: type ? [type] : undefined,
    ownerId: ownerId ? [ownerId] : undefined,
    sort,
    page,
    pageSize,
  });
  const sortOrder = (field: string) =>
    sort === `${field}:asc` ? ('ascend' as const) : sort === `${field}:desc` ? ('descend' as const) : null;
  const columns: TableColumnsType<Campaign> = [
    {
      title: t('campaigns.fields.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (v: string, c) => <Link to={`/campaigns/${c.id}`}>{v}</Link>,
    },
    {
      title: t('campaigns.fields.type'),
      dataIndex: 'type',
      render: (v: string) => <DictionaryTag type="campaign_type" code={v} />,
    },
    {
      title: t('campaigns.fields.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (v: CampaignStatus) => <CampaignStatusTag status={v} />,
    },
    {
      title: t('campaigns.fields.parent'),
      dataIndex: 'parentName',
      render: (v: string | null, c) => (v ? <Link to={`/campaigns/${c.parentId}`}>{v}</Link> : '-'),
    },
    {
      title: t('campaigns.fields.startDate'),
      dataIndex: 'startDate',
      key: 'startDate',
      sorter: true,
      sortOrder: sortOrder('startDate'),
      render: (v: string | null) => v ?? '-',
    },
    {
      title: t('campaigns.fields.endDate'),
      dataIndex: 'endDate',
      key: 'endDate',
      sorter: true,
      sortOrder: sortOrder('endDate'),
      render: (v: string | null) => v ?? '-',
    },
    {
      title: t('campaigns.fields.budget'),
      dataIndex: 'budget',
      key: 'budget',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('budget'),
      render: (v: string | null) => money(v),
    },
    { title: t('campaigns.fields.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '-' },
  ];
  return (
    <Card
      title={t('campaigns.title')}
      extra={
        can('campaigns.manage') && (
          <NewButton onClick={dialog.openNew} data-testid="campaign-new">
            {t('campaigns.new')}
          </NewButton>
        )
      }
    >
      <FilterBar style={{ marginBottom: 16 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          placeholder={t('campaigns.searchPlaceholder')}
          onSearch={(v) => update({ q: v })}
          style={{ width: 220 }}
          data-testid="campaign-search"
        />
        <Select
          allowClear
          placeholder={t('campaigns.fields.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v?: string) => update({ status: v })}
          options={campaignStatuses.map((s) => ({ value: s, label: t(`campaigns.statuses.${s}`) }))}
        />
        <DictionarySelect
          type="campaign_type"
          placeholder={t('campaigns.fields.type')}
          style={{ width: 160 }}
          value={type}
          onChange={(v?: string) => update({ type: v })}
        />
        {can('org.view') && (
          <UserSelect
            placeholder={t('campaigns.fields.owner')}
            style={{ width: 180 }}
            value={ownerId}
            onChange={(v?: number) => update({ ownerId: v })}
          />
        )}
      </FilterBar>
      <PagedTable<Campaign>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        columns={columns}
        empty={q || status || type || ownerId ? t('common.noMatches') : t('campaigns.empty')}
        onPageChange={(change) =>
          update({ page: change.page, pageSize: change.pageSize, sort: 'sort' in change ? change.sort : sort })
        }
        data-testid="campaign-list"
      />
      <CampaignForm dialog={dialog} onSaved={(c) => void navigate(`/campaigns/${c.id}`)} />
    </Card>
  );
}
