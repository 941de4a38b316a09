import {
  emptySegmentFilter,
  type Segment,
  type SegmentEntity,
  type SegmentGroup,
  type SegmentKind,
  type SegmentMember,
  segmentEntities,
  segmentKinds,
} from '@relate/common';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Radio,
  Space,
  Spin,
  Statistic,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { DeleteButton } from '../../components/DeleteButton';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { PagedTable } from '../../components/PagedTable';
import { RecordNotFound } from '../../components/RecordNotFound';
import { usePageTitle } from '../../components/usePageTitle';
import { completeConditions, countableConditions, FilterBuilder } from './FilterBuilder';
import {
  useAddSegmentMembers,
  useDeleteSegment,
  useRemoveSegmentMember,
  useSaveSegment,
  useSegment,
  useSegmentCount,
  useSegmentMembers,
} from './queries';

/** The live count of the filter being edited, among the records the user sees. */
function LiveCount({ entity, filter }: { entity: SegmentEntity; filter: SegmentGroup }) {
  const { t } = useTranslation();
  const { data, error, isFetching } = useSegmentCount(entity, countableConditions(filter));
  return (
    <Space direction="vertical">
      <div data-testid="segment-live-count">
        <Statistic
          title={t('segments.liveCount')}
          value={error ? '-' : (data?.count ?? '-')}
          loading={isFetching && !data}
        />
      </div>
      {error instanceof ApiError && <Typography.Text type="danger">{error.message}</Typography.Text>}
    </Space>
  );
}

/** The first members of a saved segment as the user sees them; a static segment's can be taken out. */
function SegmentMembers({ segment, editable }: { segment: Segment; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useSegmentMembers(segment.id, paging);
  const remove = useRemoveSegmentMember(segment.id);
  const add = useAddSegmentMembers();
  const [ids, setIds] = useState('');
  const isStatic = segment.kind === 'static';
  const columns: TableColumnsType<SegmentMember> = [
    { title: 'ID', dataIndex: 'id', width: 100 },
    {
      title: t('segments.memberName'),
      dataIndex: 'name',
      render: (v: string, m) => <Link to={`/${segment.entity}/${m.id}`}>{v}</Link>,
    },
    { title: t(`segments.details.${segment.entity}`), dataIndex: 'detail', render: (v: string | null) => v ?? '-' },
    ...(isStatic && editable
      ? [
          {
            key: 'actions',
            render: (_: unknown, m: SegmentMember) => (
              <DeleteButton type="link" label={t('common.remove')} onConfirm={() => remove.mutateAsync(m.id)} />
            ),
          },
        ]
      : []),
  ];
  const addIds = async () => {
    const list = [
      ...new Set(
        ids
          .split(/[\s,，;；]+/)
          .filter(Boolean)
          .map(Number),
      ),
    ];
    if (!list.length || list.some((n) => !Number.isInteger(n) || n <= 0)) {
      message.error(t('segments.idsInvalid'));
      return;
    }
    const result = await add.mutateAsync({ id: segment.id, ids: list });
    message.success(t('segments.added', { added: result.added, already: result.alreadyMembers }));
    setIds('');
  };
  return (
    <Card size="small" title={t('segments.members')}>
      {isStatic && editable && (
        <Space.Compact style={{ width: '100%', maxWidth: 560, marginBottom: 12 }}>
          <Input
            placeholder={t('segments.idsPlaceholder')}
            value={ids}
            onChange={(e) => setIds(e.target.value)}
            data-testid="segment-add-ids"
          />
          <Button onClick={() => void addIds()} loading={add.isPending} data-testid="segment-add-ids-button">
            {t('segments.addByIds')}
          </Button>
        </Space.Compact>
      )}
      {isStatic && editable && <Typography.Paragraph type="secondary">{t('segments.staticHint')}</Typography.Paragraph>}
      <PagedTable<SegmentMember>
        list={data}
        page={paging.page}
        pageSize={paging.pageSize}
        loading={isFetching}
        columns={columns}
        empty={t('segments.noMembers')}
        onPageChange={({ page, pageSize }) => setPaging({ page, pageSize })}
        data-testid="segment-members"
      />
    </Card>
  );
}

type Values = { name: string; entity: SegmentEntity; kind: SegmentKind; description?: string | null };

function SegmentEditor({ segment }: { segment?: Segment }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const entity = (Form.useWatch('entity', form) ?? segment?.entity ?? 'customers') as SegmentEntity;
  const kind = (Form.useWatch('kind', form) ?? segment?.kind ?? 'dynamic') as SegmentKind;
  const [filter, setFilter] = useState<SegmentGroup>(segment?.filter ?? emptySegmentFilter);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveSegment();
  const remove = useDeleteSegment();
  const editable = can('segments.manage');
  const submit = async (values: Values) => {
    setErrors({});
    try {
      const saved = await save.mutateAsync({
        id: segment?.id,
        body: { ...values, filter: kind === 'dynamic' ? completeConditions(filter) : undefined },
      });
      message.success(t('common.saved'));
      if (!segment) void navigate(`/segments/${saved.id}`, { replace: true });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setErrors(e.fields);
      form.setFields(
        Object.entries(e.fields)
          .filter(([k]) => ['name', 'description'].includes(k))
          .map(([name, m]) => ({ name: name as keyof Values, errors: [m] })),
      );
      message.error(e.message);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={segment ? segment.name : t('segments.new')}
        extra={
          segment &&
          editable && (
            <DeleteRecordButton
              confirm={t('segments.deleteConfirm')}
              onDelete={() => remove.mutateAsync(segment.id)}
              backTo="/segments"
            />
          )
        }
      >
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={!editable}
          initialValues={segment ?? { entity: 'customers', kind: 'dynamic' }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="name"
            label={t('segments.name')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input maxLength={200} data-testid="segment-name" />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="entity" label={t('segments.entity')}>
              <Radio.Group
                disabled={!!segment}
                onChange={() => setFilter(emptySegmentFilter)}
                options={segmentEntities.map((e) => ({ value: e, label: t(`segments.entities.${e}`) }))}
              />
            </Form.Item>
            <Form.Item name="kind" label={t('segments.kind')}>
              <Radio.Group
                disabled={!!segment}
                options={segmentKinds.map((k) => ({ value: k, label: t(`segments.kinds.${k}`) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('segments.description')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          {kind === 'dynamic' ? (
            <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', flexWrap: 'wrap' }}>
              <div style={{ flex: '1 1 560px', minWidth: 0 }}>
                <FilterBuilder entity={entity} value={filter} errors={errors} onChange={setFilter} />
              </div>
              <LiveCount entity={entity} filter={filter} />
            </div>
          ) : (
            !segment && <Alert type="info" showIcon message={t('segments.staticHint')} />
          )}
          {errors.filter && <Typography.Text type="danger">{errors.filter}</Typography.Text>}
          {editable && (
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              style={{ marginTop: 16 }}
              data-testid="segment-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
      {segment && <SegmentMembers segment={segment} editable={editable} />}
    </Space>
  );
}

/** Creates a segment (/segments/new) or edits one: its filter with a live count, and its first members. */
export function SegmentEditPage() {
  const { t } = useTranslation();
  const param = useParams().id;
  const id = param && param !== 'new' ? Number(param) : undefined;
  const { data, isLoading, error } = useSegment(id ?? 0, id !== undefined);
  usePageTitle(data?.name ?? (id ? undefined : t('segments.new')), t('segments.title'));
  if (id === undefined) return <SegmentEditor />;
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !data) return <RecordNotFound error={error} backTo="/segments" />;
  return <SegmentEditor key={data.id} segment={data} />;
}
