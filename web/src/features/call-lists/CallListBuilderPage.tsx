import { type CallListInput, callListPurposes } from '@relate/common';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { showServerErrors, useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import { UserSelect } from '../../components/users';
import { useSavedReports } from '../reports/queries';
import { useSegments } from '../segments/queries';
import type { CallListSourceInfo } from './api';
import { useCallListPreview, useCallListSources, useCreateCallList } from './queries';
import { ScriptField } from './ScriptField';

type Values = {
  name: string;
  purpose: CallListInput['purpose'];
  source: { kind: string; params: Record<string, string | number | boolean> };
  script: string;
  callingStart: string;
  callingEnd: string;
  maxAttempts: number;
  retryMinutes: number;
  assignment: 'even' | 'owner';
  agentIds: number[];
};

/** The settings given, without the ones left empty (the source's defaults apply to those). */
const filled = (params: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    Object.entries(params ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as Values['source']['params'];

const defaultsOf = (source: CallListSourceInfo | undefined) =>
  Object.fromEntries(
    (source?.params ?? []).map((p) => [p.name, (p.default ?? (p.type === 'number' ? 1 : '')) as string | number]),
  );

const calledReportSources = new Set(['customers', 'contacts', 'leads']);
/** Settings that name a segment or a report: the source is read only once one is chosen. */
const chosen = new Set(['segment', 'savedReport']);

/** A segment to call the members of: those the caller sees, by name with what they hold. */
function SegmentPick(props: { value?: number; onChange?: (id: number) => void; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const segments = useSegments({ page: 1, pageSize: 50, q: q || undefined });
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={segments.isFetching}
      options={(segments.data?.items ?? []).map((segment) => ({
        value: segment.id,
        label: `${segment.name} · ${t(`segments.entities.${segment.entity}`)}`,
      }))}
    />
  );
}

/** A saved report on customers, contacts or leads: the records behind its rows are called. */
function SavedReportPick(props: { value?: number; onChange?: (id: number) => void; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const reports = useSavedReports();
  return (
    <Select
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      loading={reports.isLoading}
      options={(reports.data ?? [])
        .filter((report) => calledReportSources.has(report.definition.source))
        .map((report) => ({
          value: report.id,
          label: `${report.name} · ${t(`reports.sources.${report.definition.source}`)}`,
        }))}
    />
  );
}

/** The settings a source takes, as form fields under `source.params`. */
function SourceParams({ source }: { source: CallListSourceInfo | undefined }) {
  const { t } = useTranslation();
  const required = useRequired();
  if (!source?.params.length) return null;
  return (
    <Row gutter={16}>
      {source.params.map((param) => (
        <Col xs={24} md={12} key={param.name}>
          <Form.Item
            name={['source', 'params', param.name]}
            label={t(`callLists.params.${param.name}`, { defaultValue: param.name })}
            rules={chosen.has(param.type) ? required.value : undefined}
            valuePropName={param.type === 'boolean' ? 'checked' : 'value'}
          >
            {param.type === 'segment' ? (
              <SegmentPick data-testid={`source-param-${param.name}`} />
            ) : param.type === 'savedReport' ? (
              <SavedReportPick data-testid={`source-param-${param.name}`} />
            ) : param.type === 'number' ? (
              <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid={`source-param-${param.name}`} />
            ) : param.type === 'boolean' ? (
              <Switch />
            ) : (
              <Input maxLength={200} data-testid={`source-param-${param.name}`} />
            )}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

/** The source's records as the list would take them now: how many, and the first few (read as the settings change). */
function SourcePreview({ source }: { source: Values['source'] | undefined }) {
  const { t } = useTranslation();
  // Read once the typing stops, not at every keystroke.
  const wanted = JSON.stringify(source?.kind ? { kind: source.kind, params: filled(source.params) } : null);
  const [settled, setSettled] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(wanted), 400);
    return () => clearTimeout(timer);
  }, [wanted]);
  const ready = useMemo(() => JSON.parse(settled) as Values['source'] | null, [settled]);
  const preview = useCallListPreview(ready);
  return (
    <Card
      size="small"
      title={t('callLists.preview.title')}
      data-testid="call-list-preview"
      loading={!preview.data && preview.isFetching}
    >
      {preview.error ? (
        <Alert type="error" showIcon message={preview.error.message} />
      ) : preview.data ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Statistic
            value={preview.data.count}
            suffix={preview.data.truncated ? '+' : undefined}
            title={t('callLists.preview.count', { count: preview.data.count })}
            valueStyle={{ fontSize: 28 }}
          />
          <span data-testid="call-list-preview-count" hidden>
            {preview.data.count}
          </span>
          {preview.data.truncated && <Alert type="warning" showIcon message={t('callLists.preview.truncated')} />}
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={preview.data.sample}
            locale={{ emptyText: t('callLists.preview.empty') }}
            columns={[
              { title: t('callLists.entries.name'), dataIndex: 'name' },
              { title: t('callLists.entries.customer'), dataIndex: 'customerName', render: (v) => v ?? '-' },
              { title: t('callLists.entries.phone'), dataIndex: 'phone', render: (v) => v ?? '-' },
            ]}
          />
          <Typography.Text type="secondary">{t('callLists.preview.note')}</Typography.Text>
        </Space>
      ) : null}
    </Card>
  );
}

/** 新建外呼名单: choose a source and its settings, see what it gives, write the script, set hours and agents, build. */
export function CallListBuilderPage() {
  const { t } = useTranslation();
  usePageTitle(t('callLists.new'), t('callLists.title'));
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const required = useRequired();
  const [form] = Form.useForm<Values>();
  const sources = useCallListSources();
  const create = useCreateCallList();
  const kind = Form.useWatch(['source', 'kind'], form);
  const params = Form.useWatch(['source', 'params'], form);
  const assignment = Form.useWatch('assignment', form);
  const source = sources.data?.items.find((s) => s.kind === kind);
  const choiceMissing = (source?.params ?? []).some((p) => chosen.has(p.type) && !params?.[p.name]);
  const chooseSource = (next: string) => {
    const info = sources.data?.items.find((s) => s.kind === next);
    form.setFieldsValue({ purpose: info?.purpose, source: { kind: next, params: defaultsOf(info) } });
  };
  const save = async (values: Values) => {
    try {
      const built = await create.mutateAsync({
        ...values,
        script: values.script ?? '',
        source: { kind: values.source.kind, params: filled(values.source.params) },
        agentIds: values.agentIds ?? [],
      });
      void message.success(t('callLists.built', { added: built.added, skipped: built.skipped }));
      void navigate(`/call-lists/${built.list.id}`);
    } catch (error) {
      const text = showServerErrors(form, error);
      if (text) void message.error(text);
    }
  };
  return (
    <Card title={t('callLists.new')}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={{
          callingStart: '09:00',
          callingEnd: '21:00',
          maxAttempts: 3,
          retryMinutes: 120,
          assignment: 'even',
          agentIds: [],
          script: '',
        }}
        data-testid="call-list-form"
      >
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name={['source', 'kind']} label={t('callLists.fields.source')} rules={required.value}>
                  <Select
                    autoFocus
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={sources.isLoading}
                    onChange={chooseSource}
                    options={(sources.data?.items ?? []).map((s) => ({
                      value: s.kind,
                      label: t(`callLists.sources.${s.kind}`, { defaultValue: s.kind }),
                    }))}
                    data-testid="call-list-source"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="purpose" label={t('callLists.fields.purpose')} rules={required.value}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={callListPurposes.map((p) => ({ value: p, label: t(`callLists.purposes.${p}`) }))}
                    data-testid="call-list-purpose"
                  />
                </Form.Item>
              </Col>
            </Row>
            <SourceParams source={source} />
            <Form.Item name="name" label={t('callLists.fields.name')} rules={required.text}>
              <Input maxLength={100} data-testid="call-list-name" />
            </Form.Item>
            <ScriptField fields={source?.fields ?? []} />
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Form.Item name="callingStart" label={t('callLists.fields.callingHours')}>
                  <Input maxLength={5} placeholder="09:00" data-testid="call-list-calling-start" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="callingEnd" label=" ">
                  <Input maxLength={5} placeholder="21:00" data-testid="call-list-calling-end" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="maxAttempts" label={t('callLists.fields.maxAttempts')}>
                  <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="retryMinutes" label={t('callLists.fields.retryMinutes')}>
                  <InputNumber min={5} max={10080} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="assignment" label={t('callLists.fields.assignment')}>
              <Radio.Group
                options={(['even', 'owner'] as const).map((a) => ({
                  value: a,
                  label: t(`callLists.assignments.${a}`),
                }))}
                data-testid="call-list-assignment"
              />
            </Form.Item>
            {can('org.view') && (
              <Form.Item
                name="agentIds"
                label={t('callLists.fields.agents')}
                rules={assignment === 'even' ? required.value : undefined}
              >
                <UserSelect mode="multiple" data-testid="call-list-agents" />
              </Form.Item>
            )}
            <Space>
              <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="call-list-save">
                {t('common.save')}
              </Button>
              <Button onClick={() => void navigate('/call-lists')}>{t('common.cancel')}</Button>
            </Space>
          </Col>
          <Col xs={24} lg={10}>
            <SourcePreview source={kind && !choiceMissing ? { kind, params: params ?? {} } : undefined} />
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
