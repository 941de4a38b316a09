import { DeleteOutlined, PlayCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import {
  type ReportAggregate,
  type ReportChart as ReportDisplay,
  type ReportColumn,
  type ReportDateUnit,
  type ReportDefinitionInput,
  type ReportRelativePeriod,
  type ReportSource,
  type SavedReport,
  reportAggregates,
  reportCharts,
  reportDateUnits,
  reportRelativePeriods,
} from '@relate/common';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../components/queries';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { usePageTitle } from '../../components/usePageTitle';
import { PivotTable } from './PivotTable';
import { ReportChart } from './ReportChart';
import type { ReportRow } from './report-groups';
import { useCellText, useColumnTitle, useFieldLabel } from './report-labels';
import { useDeleteReport, useReportSources, useRunReport, useSavedReports, useSaveReport } from './queries';

type Grouping = { field?: string; unit: ReportDateUnit };
type Measure = { aggregate: ReportAggregate; field?: string };

const dated = new Set(['date', 'timestamp']);
const numeric = new Set(['number', 'money']);
const maxGroupings = 3;

/**
 * 报表: pick a source, group it (up to three ways, dates by period), measure it and read the figures as
 * a table with totals or as a chart. The server counts only what the user may see.
 */
export function ReportBuilderPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.reports'));
  const { message } = App.useApp();
  const sources = useReportSources();
  const run = useRunReport();
  const [source, setSource] = useState<ReportSource>();
  const [groupings, setGroupings] = useState<Grouping[]>([{ unit: 'month' }]);
  const [measures, setMeasures] = useState<Measure[]>([{ aggregate: 'count' }]);
  const [period, setPeriod] = useState<{ field?: string; value?: ReportRelativePeriod }>({});
  const [chart, setChart] = useState<ReportDisplay>('bar');
  const saved = useSavedReports();
  const saveReport = useSaveReport();
  const deleteReport = useDeleteReport();
  const departments = useDepartments();
  const saveDialog = useSaveDialog<SavedReport | null>();
  const [opened, setOpened] = useState<SavedReport>();
  const current = sources.data?.find((s) => s.source === (source ?? sources.data?.[0]?.source));
  const chosen = current?.source;
  const fieldLabel = useFieldLabel(chosen ?? 'customers');
  const title = useColumnTitle(chosen ?? 'customers');
  const result = run.data;
  const text = useCellText(result);
  const fields = current?.fields ?? [];
  const kindOf = (name?: string) => fields.find((f) => f.name === name)?.kind;
  const fieldOptions = (keep: (kind: string) => boolean) =>
    fields.filter((f) => keep(f.kind)).map((f) => ({ value: f.name, label: fieldLabel(f.name) }));
  /** What a click on a figure of the chart or pivot names: its row, or the groupings it sums. */
  const openRecordsOf = (_row: ReportRow) => {};

  const definition = (): ReportDefinitionInput | null => {
    if (!chosen) return null;
    return {
      source: chosen,
      groupBy: groupings
        .filter((g) => g.field)
        .map((g) => (dated.has(kindOf(g.field) ?? '') ? { field: g.field!, unit: g.unit } : { field: g.field! })),
      measures: measures
        .filter((m) => m.aggregate === 'count' || m.field)
        .map((m) => (m.aggregate === 'count' ? { aggregate: 'count' } : { aggregate: m.aggregate, field: m.field })),
      filters: period.field && period.value ? [{ field: period.field, op: 'within', value: period.value }] : [],
    };
  };
  const runDefinition = async (body: ReportDefinitionInput | null) => {
    if (!body) return;
    try {
      await run.mutateAsync(body);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  /** Puts a saved report's definition into the form and runs it. */
  const open = async (report: SavedReport) => {
    const d = report.definition;
    setOpened(report);
    setSource(d.source);
    setGroupings(
      d.groupBy.length ? d.groupBy.map((g) => ({ field: g.field, unit: g.unit ?? 'month' })) : [{ unit: 'month' }],
    );
    setMeasures(d.measures.map((m) => ({ aggregate: m.aggregate, field: m.field })));
    const within = d.filters.find((f) => f.op === 'within');
    setPeriod(within && within.op === 'within' ? { field: within.field, value: within.value } : {});
    setChart(report.chart);
    await runDefinition(d);
  };
  const change = <T,>(list: T[], set: (next: T[]) => void, i: number, patch: Partial<T>) =>
    set(list.map((item, j) => (j === i ? { ...item, ...patch } : item)));

  if (sources.data && !sources.data.length)
    return (
      <Card title={t('nav.reports')}>
        <Empty description={t('reports.noSources')} />
      </Card>
    );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('nav.reports')}
        extra={
          <Space wrap>
            <Select
              aria-label={t('reports.openSaved')}
              placeholder={t('reports.openSaved')}
              style={{ width: 240 }}
              value={opened?.id}
              loading={saved.isLoading}
              notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noSaved')} />}
              onChange={(id: number) => {
                const report = saved.data?.find((r) => r.id === id);
                if (report) void open(report);
              }}
              options={(saved.data ?? []).map((r) => ({
                value: r.id,
                label: `${r.folder ? `${r.folder} / ` : ''}${r.name}${r.mine ? '' : ` · ${r.ownerName ?? ''}`}`,
              }))}
            />
            {opened?.mine && (
              <Popconfirm
                title={t('reports.deleteConfirm', { name: opened.name })}
                onConfirm={async () => {
                  await deleteReport.mutateAsync(opened.id);
                  setOpened(undefined);
                  message.success(t('common.deleted'));
                }}
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
            <Button
              icon={<SaveOutlined />}
              disabled={!chosen}
              onClick={() => saveDialog.openEdit(opened?.mine ? opened : null)}
            >
              {t('reports.save')}
            </Button>
          </Space>
        }
      >
        <Form layout="vertical" onFinish={() => void runDefinition(definition())}>
          <Flex wrap gap={16} align="flex-start">
            <Form.Item label={t('reports.source')} style={{ minWidth: 180 }}>
              <Select
                aria-label={t('reports.source')}
                showSearch
                optionFilterProp="label"
                value={chosen}
                loading={sources.isLoading}
                onChange={(next: ReportSource) => {
                  setSource(next);
                  setGroupings([{ unit: 'month' }]);
                  setMeasures([{ aggregate: 'count' }]);
                  setPeriod({});
                  run.reset();
                }}
                options={(sources.data ?? []).map((s) => ({
                  value: s.source,
                  label: t(`reports.sources.${s.source}`),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('reports.groupBy')}>
              <Space direction="vertical">
                {groupings.map((grouping, i) => (
                  <Space key={i} wrap>
                    <Select
                      aria-label={`${t('reports.groupBy')} ${i + 1}`}
                      allowClear
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('reports.field')}
                      style={{ width: 180 }}
                      value={grouping.field}
                      onChange={(field?: string) => change(groupings, setGroupings, i, { field })}
                      options={fieldOptions((kind) => kind !== 'money')}
                    />
                    {dated.has(kindOf(grouping.field) ?? '') && (
                      <Select
                        aria-label={t('reports.unit')}
                        style={{ width: 100 }}
                        value={grouping.unit}
                        onChange={(unit: ReportDateUnit) => change(groupings, setGroupings, i, { unit })}
                        options={reportDateUnits.map((u) => ({ value: u, label: t(`reports.units.${u}`) }))}
                      />
                    )}
                    {groupings.length > 1 && (
                      <Button
                        aria-label={t('common.remove')}
                        icon={<DeleteOutlined />}
                        onClick={() => setGroupings(groupings.filter((_, j) => j !== i))}
                      />
                    )}
                  </Space>
                ))}
                {groupings.length < maxGroupings && (
                  <Button icon={<PlusOutlined />} onClick={() => setGroupings([...groupings, { unit: 'month' }])}>
                    {t('reports.addGrouping')}
                  </Button>
                )}
              </Space>
            </Form.Item>
            <Form.Item label={t('reports.measures')}>
              <Space direction="vertical">
                {measures.map((measure, i) => (
                  <Space key={i} wrap>
                    <Select
                      aria-label={`${t('reports.aggregate')} ${i + 1}`}
                      style={{ width: 120 }}
                      value={measure.aggregate}
                      onChange={(aggregate: ReportAggregate) =>
                        change(measures, setMeasures, i, { aggregate, field: undefined })
                      }
                      options={reportAggregates.map((a) => ({ value: a, label: t(`reports.aggregates.${a}`) }))}
                    />
                    {measure.aggregate !== 'count' && (
                      <Select
                        aria-label={`${t('reports.field')} ${i + 1}`}
                        showSearch
                        optionFilterProp="label"
                        placeholder={t('reports.field')}
                        style={{ width: 180 }}
                        value={measure.field}
                        onChange={(field: string) => change(measures, setMeasures, i, { field })}
                        options={fieldOptions((kind) =>
                          measure.aggregate === 'distinct'
                            ? true
                            : measure.aggregate === 'sum' || measure.aggregate === 'avg'
                              ? numeric.has(kind)
                              : numeric.has(kind) || dated.has(kind),
                        )}
                      />
                    )}
                    {measures.length > 1 && (
                      <Button
                        aria-label={t('common.remove')}
                        icon={<DeleteOutlined />}
                        onClick={() => setMeasures(measures.filter((_, j) => j !== i))}
                      />
                    )}
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => setMeasures([...measures, { aggregate: 'sum' }])}>
                  {t('reports.addMeasure')}
                </Button>
              </Space>
            </Form.Item>
            <Form.Item label={t('reports.period')}>
              <Space wrap>
                <Select
                  aria-label={t('reports.dateField')}
                  allowClear
                  placeholder={t('reports.dateField')}
                  style={{ width: 160 }}
                  value={period.field}
                  onChange={(field?: string) => setPeriod({ ...period, field })}
                  options={fieldOptions((kind) => dated.has(kind))}
                />
                <Select
                  aria-label={t('reports.period')}
                  allowClear
                  placeholder={t('reports.period')}
                  style={{ width: 140 }}
                  value={period.value}
                  onChange={(value?: ReportRelativePeriod) => setPeriod({ ...period, value })}
                  options={reportRelativePeriods.map((p) => ({ value: p, label: t(`reports.periods.${p}`) }))}
                />
              </Space>
            </Form.Item>
          </Flex>
          <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={run.isPending}>
            {t('reports.run')}
          </Button>
        </Form>
      </Card>
      {result && chosen && (
        <Card
          title={t('reports.result')}
          extra={
            <Select
              aria-label={t('reports.display')}
              style={{ width: 150 }}
              // All twelve at once, without scrolling the list.
              listHeight={400}
              virtual={false}
              value={chart}
              onChange={setChart}
              options={reportCharts.map((kind) => ({ value: kind, label: t(`reports.charts.${kind}`) }))}
            />
          }
        >
          {result.truncated && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('reports.truncated')} />
          )}
          {chart === 'pivot' ? (
            <PivotTable result={result} title={title} text={text} onPick={openRecordsOf} />
          ) : (
            <>
              {chart !== 'table' && result.rows.length > 0 && (
                <ReportChart result={result} kind={chart} title={title} text={text} onPick={openRecordsOf} />
              )}
              <ResultTable result={result} title={title} text={text} />
            </>
          )}
          {result.currency && (
            <Typography.Text type="secondary">{t('reports.inCurrency', { currency: result.currency })}</Typography.Text>
          )}
        </Card>
      )}
      <SaveDialog<SavedReport | null, { name: string; folder?: string; sharedWithDepartmentIds?: number[] }>
        dialog={saveDialog}
        title={t('reports.save')}
        toValues={(report) => ({
          name: report?.name ?? '',
          folder: report?.folder ?? undefined,
          sharedWithDepartmentIds: report?.sharedWithDepartmentIds ?? [],
        })}
        onSave={async (values, report) => {
          const body = definition();
          if (!body) return;
          const savedReport = await saveReport.mutateAsync({
            id: report?.id,
            body: {
              name: values.name,
              folder: values.folder || null,
              definition: body,
              chart,
              sharedWithDepartmentIds: values.sharedWithDepartmentIds ?? [],
              sharedWithRoleIds: report?.sharedWithRoleIds ?? [],
            },
          });
          setOpened(savedReport);
        }}
      >
        <Form.Item name="name" label={t('reports.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="folder" label={t('reports.folder')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="sharedWithDepartmentIds" label={t('reports.shareWithDepartments')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      </SaveDialog>
    </Space>
  );
}

/** The figures, one row per group, with the totals over every matching record at the foot. */
function ResultTable({
  result,
  title,
  text,
}: {
  result: NonNullable<ReturnType<typeof useRunReport>['data']>;
  title: (column: ReportColumn) => string;
  text: (column: ReportColumn, row: Record<string, string | number | null>) => string;
}) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(_, i) => String(i)}
      dataSource={result.rows}
      pagination={result.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('reports.empty')} /> }}
      columns={result.columns.map((column) => ({
        key: column.key,
        title: title(column),
        align: column.kind === 'group' ? 'left' : 'right',
        render: (_: unknown, row: Record<string, string | number | null>) => text(column, row),
      }))}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            {result.columns.map((column, i) => (
              <Table.Summary.Cell key={column.key} index={i} align={column.kind === 'group' ? 'left' : 'right'}>
                <Typography.Text strong data-testid={column.kind === 'group' ? undefined : `total-${column.key}`}>
                  {column.kind === 'group' ? (i === 0 ? t('reports.total') : '') : text(column, result.totals)}
                </Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
