import {
  AppstoreAddOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  PlayCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  type ReportChart as ReportDisplay,
  type ReportDefinitionInput,
  type ReportRelativePeriod,
  reportFileName,
  reportSheetRows,
  type ReportSource,
  type SavedReport,
  reportCharts,
  reportRelativePeriods,
} from '@relate/common';
import dayjs from 'dayjs';
import { Alert, App, Button, Card, Empty, Flex, Form, Grid, Input, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { usePageTitle } from '../../components/usePageTitle';
import { saveFile } from '../../app/api';
import { reportsApi } from './api';
import { AddToDashboardDialog, type WidgetOffer } from './AddToDashboardDialog';
import { GroupingInputs } from './GroupingInputs';
import { MeasureInputs } from './MeasureInputs';
import { PivotTable } from './PivotTable';
import { ReportChart } from './ReportChart';
import { type PickedFigure, ReportRecordsDrawer } from './ReportRecordsDrawer';
import { ResultTable } from './ResultTable';
import { SavedReportBar } from './SavedReportBar';
import { ShareTargetSelects, type ShareTargets } from './ShareTargetSelects';
import type { ReportRow } from '@relate/common/report-chart';
import { type Compare, definitionOf, formOf, matchOf, type ReportForm } from './report-form';
import { useCellText, useColumnTitle, useFieldLabel } from './report-labels';
import { downloadReportXlsx } from './report-xlsx';
import { useReportSources, useRunReport, useSavedReport, useSaveReport } from './queries';

const dated = new Set(['date', 'timestamp']);
const maxGroupings = 3;
const maxMeasures = 10;

const freshForm = (source: ReportSource): ReportForm => ({
  source,
  groupings: [{ unit: 'month' }],
  measures: [{ aggregate: 'count' }],
  period: {},
  otherFilters: [],
});

/**
 * 报表: pick a source, group it (up to three ways, dates by period), measure it and read the figures as
 * a table with totals or as a chart. The server counts only what the user may see.
 */
export function ReportBuilderPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.reports'));
  const narrow = Grid.useBreakpoint().md === false;
  const { message } = App.useApp();
  const sources = useReportSources();
  const run = useRunReport();
  const [form, setForm] = useState<ReportForm>();
  const [chart, setChart] = useState<ReportDisplay>('bar');
  const [picked, setPicked] = useState<PickedFigure | null>(null);
  const saveReport = useSaveReport();
  const saveDialog = useSaveDialog<SavedReport | null>();
  const dashboardDialog = useSaveDialog<WidgetOffer>();
  const [opened, setOpened] = useState<SavedReport>();
  // A saved report opens by its address (/reports?report=12), as the library links to it.
  const [params, setParams] = useSearchParams();
  const addressed = Number(params.get('report')) || undefined;
  const linked = useSavedReport(addressed);
  const openedFromAddress = useRef<number>(undefined);
  const address = (id: number | undefined) => {
    openedFromAddress.current = id;
    setParams(id ? { report: String(id) } : {}, { replace: true });
  };
  const current = sources.data?.find((s) => s.source === (form?.source ?? sources.data?.[0]?.source));
  const chosen = current?.source;
  const fields = current?.fields ?? [];
  const state = form?.source === chosen ? form : chosen ? freshForm(chosen) : undefined;
  const fieldLabel = useFieldLabel(chosen ?? 'customers', fields);
  /** The definition the figures shown were run with (the form may have changed since). */
  const ran = run.variables;
  const title = useColumnTitle(chosen ?? 'customers', fields, ran);
  const result = run.data;
  const text = useCellText(result, chosen, fields);
  const kindOf = (name?: string) => fields.find((f) => f.name === name)?.kind;
  const fieldOptions = (keep: (kind: string) => boolean) =>
    fields.filter((f) => keep(f.kind)).map((f) => ({ value: f.name, label: fieldLabel(f.name) }));
  const update = (patch: Partial<ReportForm>) => state && setForm({ ...state, ...patch });
  /** A click on a figure of the chart, pivot or table: the records behind it. */
  const openRecordsOf = (row: ReportRow) => {
    if (!result || !ran) return;
    const groups = result.columns.filter((c) => c.kind === 'group' && c.key in row);
    setPicked({
      definition: ran,
      match: matchOf(result.columns, row),
      caption: groups.map((c) => text(c, row)).join(' · '),
    });
  };

  const definition = (): ReportDefinitionInput | null => (state ? definitionOf(state, kindOf) : null);
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
    setOpened(report);
    setForm(formOf(report.definition));
    setChart(report.chart);
    await runDefinition(report.definition);
  };
  useEffect(() => {
    const report = linked.data;
    if (!report || openedFromAddress.current === report.id) return;
    openedFromAddress.current = report.id;
    void open(report);
    // Opened once per address; a later read of the same report leaves the form as the user left it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linked.data]);
  const [printing, setPrinting] = useState(false);
  const exportPdf = async () => {
    if (!ran || !chosen) return;
    const name = opened?.name ?? t(`reports.sources.${chosen}`);
    setPrinting(true);
    try {
      const { blob, fileName } = await reportsApi.pdf({ name, definition: ran, chart });
      saveFile(blob, fileName ?? reportFileName(name, dayjs().format('YYYY-MM-DD'), 'pdf'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setPrinting(false);
    }
  };
  const exportXlsx = async () => {
    if (!result || !chosen) return;
    const name = opened?.name ?? t(`reports.sources.${chosen}`);
    const rows = reportSheetRows(result, title, text, t('reports.total'));
    await downloadReportXlsx(reportFileName(name, dayjs().format('YYYY-MM-DD'), 'xlsx'), name, rows);
  };

  if (sources.data && !sources.data.length)
    return (
      <Card title={t('nav.reports')}>
        <Empty description={t('reports.noSources')} />
      </Card>
    );
  const savedReportBar = (
    <SavedReportBar
      opened={opened}
      canSave={Boolean(chosen)}
      onPick={(id) => {
        openedFromAddress.current = undefined;
        setParams({ report: String(id) }, { replace: true });
      }}
      onDeleted={() => {
        setOpened(undefined);
        address(undefined);
      }}
      onSave={() => saveDialog.openEdit(opened?.mine ? opened : null)}
    />
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {linked.isError && <Alert type="warning" showIcon message={t('reports.library.notFound')} />}
      <Card
        title={t('nav.reports')}
        // On a phone the bar would leave the heading no room: it goes under it.
        extra={narrow ? undefined : savedReportBar}
      >
        {narrow && <div style={{ marginBottom: 16 }}>{savedReportBar}</div>}
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
                  setForm(freshForm(next));
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
                {state?.groupings.map((grouping, i) => (
                  <GroupingInputs
                    key={i}
                    source={state.source}
                    fields={fields}
                    grouping={grouping}
                    index={i}
                    onChange={(patch) =>
                      update({ groupings: state.groupings.map((g, j) => (j === i ? { ...g, ...patch } : g)) })
                    }
                    onRemove={
                      state.groupings.length > 1
                        ? () => update({ groupings: state.groupings.filter((_, j) => j !== i) })
                        : undefined
                    }
                  />
                ))}
                {state && state.groupings.length < maxGroupings && (
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => update({ groupings: [...state.groupings, { unit: 'month' }] })}
                  >
                    {t('reports.addGrouping')}
                  </Button>
                )}
              </Space>
            </Form.Item>
            <Form.Item label={t('reports.measures')}>
              <Space direction="vertical">
                {state?.measures.map((measure, i) => (
                  <MeasureInputs
                    key={i}
                    source={state.source}
                    fields={fields}
                    measure={measure}
                    index={i}
                    count={state.measures.length}
                    onChange={(patch) =>
                      update({ measures: state.measures.map((m, j) => (j === i ? { ...m, ...patch } : m)) })
                    }
                    onRemove={
                      state.measures.length > 1
                        ? () =>
                            update({
                              // A ratio of the measure removed goes with it; those after it keep pointing at theirs.
                              measures: state.measures
                                .filter((_, j) => j !== i)
                                .map((m) =>
                                  m.of?.includes(i)
                                    ? { ...m, of: undefined }
                                    : m.of
                                      ? { ...m, of: m.of.map((k) => (k > i ? k - 1 : k)) as [number, number] }
                                      : m,
                                ),
                            })
                        : undefined
                    }
                  />
                ))}
                {state && state.measures.length < maxMeasures && (
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => update({ measures: [...state.measures, { aggregate: 'sum' }] })}
                  >
                    {t('reports.addMeasure')}
                  </Button>
                )}
              </Space>
            </Form.Item>
            <Form.Item label={t('reports.period')}>
              <Space wrap>
                <Select
                  aria-label={t('reports.dateField')}
                  allowClear
                  placeholder={t('reports.dateField')}
                  style={{ width: 160 }}
                  value={state?.period.field}
                  onChange={(field?: string) => update({ period: { ...state!.period, field } })}
                  options={fieldOptions((kind) => dated.has(kind))}
                />
                <Select
                  aria-label={t('reports.period')}
                  allowClear
                  placeholder={t('reports.period')}
                  style={{ width: 140 }}
                  value={state?.period.value}
                  onChange={(value?: ReportRelativePeriod) => update({ period: { ...state!.period, value } })}
                  options={reportRelativePeriods.map((p) => ({ value: p, label: t(`reports.periods.${p}`) }))}
                />
                <Select
                  aria-label={t('reports.compare')}
                  allowClear
                  placeholder={t('reports.compare')}
                  style={{ width: 150 }}
                  disabled={!state?.period.field || !state?.period.value}
                  value={state?.compare}
                  onChange={(compare?: Compare) => update({ compare })}
                  options={(['previousPeriod', 'previousYear'] as const).map((c) => ({
                    value: c,
                    label: t(`reports.compares.${c}`),
                  }))}
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
            <Space wrap>
              <Button
                icon={<AppstoreAddOutlined />}
                onClick={() =>
                  ran &&
                  dashboardDialog.openEdit({
                    title: opened?.name ?? t(`reports.sources.${ran.source}`),
                    chart,
                    // A saved report shown as saved stays linked; anything else is copied.
                    reportId: opened && JSON.stringify(opened.definition) === JSON.stringify(ran) ? opened.id : null,
                    definition: ran,
                    dateField: ran.filters?.find((f) => f.op === 'within')?.field ?? null,
                  })
                }
              >
                {t('reports.addToDashboard')}
              </Button>
              <Button icon={<FileExcelOutlined />} onClick={() => void exportXlsx()}>
                {t('reports.exportXlsx')}
              </Button>
              <Button icon={<FilePdfOutlined />} loading={printing} onClick={() => void exportPdf()}>
                {t('reports.exportPdf')}
              </Button>
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
            </Space>
          }
        >
          {result.truncated && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={t(chart === 'pivot' ? 'reports.truncatedRows' : 'reports.truncated')}
            />
          )}
          {chart === 'pivot' ? (
            <PivotTable result={result} title={title} text={text} onPick={openRecordsOf} />
          ) : (
            <>
              {chart !== 'table' && result.rows.length > 0 && (
                <ReportChart result={result} kind={chart} title={title} text={text} onPick={openRecordsOf} />
              )}
              <ResultTable result={result} title={title} text={text} onPick={openRecordsOf} />
            </>
          )}
          {result.currency && (
            <Typography.Text type="secondary">{t('reports.inCurrency', { currency: result.currency })}</Typography.Text>
          )}
        </Card>
      )}
      <ReportRecordsDrawer figure={picked} onClose={() => setPicked(null)} />
      {/* Mounted when opened, so that the dashboards it offers are read then. */}
      {dashboardDialog.isOpen && <AddToDashboardDialog dialog={dashboardDialog} />}
      <SaveDialog<SavedReport | null, { name: string; folder?: string; sharedWith?: ShareTargets }>
        dialog={saveDialog}
        title={t('reports.save')}
        toValues={(report) => ({
          name: report?.name ?? '',
          folder: report?.folder ?? undefined,
          sharedWith: {
            sharedWithRoleIds: report?.sharedWithRoleIds ?? [],
            sharedWithDepartmentIds: report?.sharedWithDepartmentIds ?? [],
          },
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
              ...values.sharedWith,
            },
          });
          setOpened(savedReport);
          address(savedReport.id);
        }}
      >
        <Form.Item name="name" label={t('reports.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="folder" label={t('reports.folder')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="sharedWith" label={t('sharing.title')}>
          <ShareTargetSelects />
        </Form.Item>
      </SaveDialog>
    </Space>
  );
}
