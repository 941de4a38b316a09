import { DeleteOutlined, MoreOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ReportChart as ReportDisplay, ReportColumn, ReportDefinitionInput, ReportResult } from '@relate/common';
import { Alert, Button, Card, Dropdown, Empty, Skeleton, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { PivotTable } from '../reports/PivotTable';
import { TotalsRow } from '../reports/ResultTable';
import { ReportChart } from '../reports/ReportChart';
import type { ReportRow } from '@relate/common/report-chart';
import { useCellText, useColumnTitle } from '../reports/report-labels';
import { useReportSources } from '../reports/queries';
import { groupMatch, type WidgetPlan } from './dashboard-widgets';
import { useWidgetResult } from './queries';

type Title = (column: ReportColumn) => string;
type Text = (column: ReportColumn, row: ReportRow) => string;

/**
 * One widget of a dashboard: its report, run on its own, as a chart or a compact table with totals. A
 * click on a figure hands `onPick` the values of the row's groupings and the figure's caption. A widget the viewer may not see, or one
 * that fails, says so in its own card and leaves the others be.
 */
export function WidgetCard({
  widgetKey,
  title,
  plan,
  refreshMinutes,
  editing,
  onRemove,
  onPick,
}: {
  widgetKey: string;
  title: string;
  plan: WidgetPlan;
  refreshMinutes: number | null;
  editing: boolean;
  onRemove: () => void;
  onPick: (match: ReportRow, caption: string) => void;
}) {
  const { t } = useTranslation();
  const run = plan.kind === 'run' ? plan : null;
  const query = useWidgetResult(run?.definition ?? null, refreshMinutes);
  const menu = [
    ...(run ? [{ key: 'refresh', icon: <ReloadOutlined />, label: t('dashboards.refreshWidget') }] : []),
    ...(editing ? [{ key: 'remove', icon: <DeleteOutlined />, label: t('common.remove'), danger: true }] : []),
  ];
  return (
    <Card
      size="small"
      data-testid={`widget-${widgetKey}`}
      className="dashboard-widget"
      title={<Typography.Text ellipsis={{ tooltip: title }}>{title}</Typography.Text>}
      extra={
        <span className="dashboard-widget-actions">
          {query.isFetching && !query.isPending && <Spin size="small" style={{ marginRight: 8 }} />}
          {menu.length > 0 && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: menu,
                onClick: ({ key }) => (key === 'remove' ? onRemove() : void query.refetch()),
              }}
            >
              <Button
                type="text"
                size="small"
                icon={<MoreOutlined />}
                aria-label={t('dashboards.widgetMenu', { title })}
              />
            </Dropdown>
          )}
        </span>
      }
    >
      {plan.kind === 'waiting' || (run && query.isPending) ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : plan.kind === 'forbidden' || (query.error instanceof ApiError && query.error.status === 403) ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.noAccess')} />
      ) : plan.kind === 'reportHidden' ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.reportHidden')} />
      ) : query.error ? (
        <Alert type="error" showIcon message={t('dashboards.failed')} description={query.error.message} />
      ) : query.data && run ? (
        <WidgetFigures
          result={query.data}
          definition={run.definition}
          chart={run.chart}
          onPick={(match, caption) => onPick(match, caption ? `${title} · ${caption}` : title)}
        />
      ) : null}
    </Card>
  );
}

/** A widget's result: a chart fitted to the card, a pivot, or a compact table with totals. */
function WidgetFigures({
  result,
  definition,
  chart,
  onPick,
}: {
  result: ReportResult;
  definition: ReportDefinitionInput;
  chart: ReportDisplay;
  onPick: (match: ReportRow, caption: string) => void;
}) {
  const { t } = useTranslation();
  const fields = useReportSources().data?.find((s) => s.source === definition.source)?.fields ?? [];
  const title = useColumnTitle(definition.source, fields, definition);
  const text = useCellText(result, definition.source, fields);
  const groups = result.columns.filter((c) => c.kind === 'group');
  /** A picked row: the values of its groupings (what names its records), and those values in words. */
  const pick = (row: ReportRow) =>
    onPick(
      groupMatch(
        groups.map((c) => c.key),
        row,
      ),
      groups
        .filter((c) => c.key in row)
        .map((c) => text(c, row))
        .join(' · '),
    );

  if (!result.rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.noData')} />;
  if (chart === 'table') return <WidgetTable result={result} title={title} text={text} onPick={pick} />;
  if (chart === 'pivot') return <PivotTable result={result} title={title} text={text} onPick={pick} />;
  return (
    <div className="dashboard-chart">
      <ReportChart result={result} kind={chart} title={title} text={text} onPick={pick} />
    </div>
  );
}

/** The rows of a widget's report with the totals over every matching record; a figure opens its records. */
function WidgetTable({
  result,
  title,
  text,
  onPick,
}: {
  result: ReportResult;
  title: Title;
  text: Text;
  onPick: (row: ReportRow) => void;
}) {
  return (
    <Table
      size="small"
      rowKey={(_, i) => String(i)}
      dataSource={result.rows}
      pagination={false}
      // Headings wrap so every column fits the card; what still cannot fit scrolls with the card's body.
      className="dashboard-widget-table"
      columns={result.columns.map((column) => ({
        key: column.key,
        title: title(column),
        align: column.kind === 'group' ? 'left' : 'right',
        render: (_: unknown, row: ReportRow) =>
          column.kind === 'measure' ? (
            <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onPick(row)}>
              {text(column, row)}
            </Button>
          ) : (
            text(column, row)
          ),
      }))}
      summary={() => <TotalsRow result={result} text={text} />}
    />
  );
}
