import { type Segment, type SegmentEntity, type SegmentKind, segmentEntities, segmentKinds } from '@relate/common';
import { Card, Input, Select, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { DeleteButton } from '../../components/DeleteButton';
import { FilterBar } from '../../components/FilterBar';
import { NewButton } from '../../components/NewButton';
import { PagedTable } from '../../components/PagedTable';
import { usePageTitle } from '../../components/usePageTitle';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { useDeleteSegment, useSegments } from './queries';

/** 客户分群: the saved segments, by kind and by what they select, each opened to edit or to see its members. */
export function SegmentListPage() {
  const { t } = useTranslation();
  usePageTitle(t('segments.title'));
  const { can } = useSession();
  const navigate = useNavigate();
  const remove = useDeleteSegment();
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const q = params.get('q') || undefined;
  const entity = (params.get('entity') || undefined) as SegmentEntity | undefined;
  const kind = (params.get('kind') || undefined) as SegmentKind | undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useSegments({
    q,
    entity: entity ? [entity] : undefined,
    kind: kind ? [kind] : undefined,
    page,
    pageSize,
  });
  const manage = can('segments.manage');
  const columns: TableColumnsType<Segment> = [
    {
      title: t('segments.name'),
      dataIndex: 'name',
      render: (v: string, s) => <Link to={`/segments/${s.id}`}>{v}</Link>,
    },
    { title: t('segments.entity'), dataIndex: 'entity', render: (v: SegmentEntity) => t(`segments.entities.${v}`) },
    { title: t('segments.kind'), dataIndex: 'kind', render: (v: SegmentKind) => t(`segments.kinds.${v}`) },
    { title: t('segments.createdBy'), dataIndex: 'createdByName', render: (v: string | null) => v ?? '-' },
    {
      title: t('segments.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    ...(manage
      ? [
          {
            key: 'actions',
            render: (_: unknown, s: Segment) => (
              <DeleteButton type="link" onConfirm={() => remove.mutateAsync(s.id)} testId="segment-delete" />
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      title={t('segments.title')}
      extra={
        manage && (
          <NewButton onClick={() => void navigate('/segments/new')} data-testid="segment-new">
            {t('segments.new')}
          </NewButton>
        )
      }
    >
      <FilterBar style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('segments.searchPlaceholder')}
          defaultValue={q}
          onSearch={(v) => update({ q: v || undefined, page: undefined })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t('segments.entity')}
          style={{ width: 140 }}
          value={entity}
          onChange={(v?: string) => update({ entity: v, page: undefined })}
          options={segmentEntities.map((e) => ({ value: e, label: t(`segments.entities.${e}`) }))}
        />
        <Select
          allowClear
          placeholder={t('segments.kind')}
          style={{ width: 140 }}
          value={kind}
          onChange={(v?: string) => update({ kind: v, page: undefined })}
          options={segmentKinds.map((k) => ({ value: k, label: t(`segments.kinds.${k}`) }))}
        />
      </FilterBar>
      <PagedTable<Segment>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        columns={columns}
        empty={t('segments.empty')}
        onPageChange={(c) => update({ page: c.page, pageSize: c.pageSize })}
        data-testid="segment-list"
      />
    </Card>
  );
}
