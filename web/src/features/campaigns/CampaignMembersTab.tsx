import {
  type CampaignMember,
  type CampaignMemberStatus,
  campaignMemberEntities,
  campaignMemberStatuses,
} from '@relate/common';
import { Button, Popconfirm, Select, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FilterBar } from '../../components/FilterBar';
import { PagedTable } from '../../components/PagedTable';
import { AddSegmentToCampaignButton } from '../segments/AddSegmentToCampaignButton';
import { useCampaignMembers, useRemoveMember, useSetMemberStatus } from './queries';

const recordPath = (m: CampaignMember) => `/${m.entity}/${m.entityId}`;
const when = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '-');

/** A campaign's members with their status, changed here by those who manage campaigns. */
export function CampaignMembersTab({ campaignId, editable }: { campaignId: number; editable: boolean }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<{
    page: number;
    pageSize: number;
    entity?: CampaignMember['entity'];
    status?: CampaignMemberStatus;
  }>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useCampaignMembers(campaignId, {
    page: query.page,
    pageSize: query.pageSize,
    entity: query.entity ? [query.entity] : undefined,
    status: query.status ? [query.status] : undefined,
  });
  const setStatus = useSetMemberStatus(campaignId);
  const remove = useRemoveMember(campaignId);
  const statusOptions = campaignMemberStatuses.map((s) => ({ value: s, label: t(`campaigns.members.statuses.${s}`) }));
  const columns: TableColumnsType<CampaignMember> = [
    {
      title: t('campaigns.members.name'),
      dataIndex: 'name',
      render: (v: string, m) => <Link to={recordPath(m)}>{v}</Link>,
    },
    {
      title: t('campaigns.members.entity'),
      dataIndex: 'entity',
      render: (v: CampaignMember['entity']) => t(`campaigns.members.entities.${v}`),
    },
    {
      title: t('campaigns.members.status'),
      dataIndex: 'status',
      render: (v: CampaignMemberStatus, m) =>
        editable ? (
          <Select
            size="small"
            style={{ width: 130 }}
            value={v}
            options={statusOptions}
            onChange={(status) => void setStatus.mutateAsync({ memberId: m.id, status })}
          />
        ) : (
          t(`campaigns.members.statuses.${v}`)
        ),
    },
    {
      title: t('campaigns.members.source'),
      dataIndex: 'source',
      render: (v: CampaignMember['source']) => t(`campaigns.members.sources.${v}`),
    },
    { title: t('campaigns.members.firstAt'), dataIndex: 'firstAt', render: when },
    { title: t('campaigns.members.lastAt'), dataIndex: 'lastAt', render: when },
    { title: t('campaigns.members.addedAt'), dataIndex: 'createdAt', render: when },
    ...(editable
      ? [
          {
            key: 'actions',
            render: (_: unknown, m: CampaignMember) => (
              <Popconfirm title={t('campaigns.members.removeConfirm')} onConfirm={() => remove.mutateAsync(m.id)}>
                <Button type="link" danger size="small">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <FilterBar
        style={{ marginBottom: 12 }}
        extra={editable && <AddSegmentToCampaignButton campaignId={campaignId} />}
      >
        <Select
          allowClear
          placeholder={t('campaigns.members.entity')}
          style={{ width: 140 }}
          value={query.entity}
          onChange={(entity?: CampaignMember['entity']) => setQuery((q) => ({ ...q, page: 1, entity }))}
          options={campaignMemberEntities.map((e) => ({ value: e, label: t(`campaigns.members.entities.${e}`) }))}
        />
        <Select
          allowClear
          placeholder={t('campaigns.members.status')}
          style={{ width: 140 }}
          value={query.status}
          onChange={(status?: CampaignMemberStatus) => setQuery((q) => ({ ...q, page: 1, status }))}
          options={statusOptions}
        />
      </FilterBar>
      <PagedTable<CampaignMember>
        list={data}
        page={query.page}
        pageSize={query.pageSize}
        loading={isFetching}
        columns={columns}
        empty={t('campaigns.members.empty')}
        onPageChange={({ page, pageSize }) => setQuery((q) => ({ ...q, page, pageSize }))}
        data-testid="campaign-members"
      />
    </>
  );
}
