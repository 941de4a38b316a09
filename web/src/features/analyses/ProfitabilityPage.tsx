import {
  fromMinorUnits,
  type ProfitabilityDimension,
  profitabilityDimensions,
  type ProfitabilityReport,
  type ProfitabilityRow,
  type ReportRelativePeriod,
} from '@relate/common';
import {
  Alert,
  Breadcrumb,
  Card,
  DatePicker,
  Empty,
  Flex,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '../../components/money';
import { PagedTable } from '../../components/PagedTable';
import { usePageTitle } from '../../components/usePageTitle';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { MethodPanel } from './MethodPanel';
import { ProfitabilityChart } from './ProfitabilityChart';
import { drillPath, filterOf, nextDimension, stepBack } from './profitability-drill';
import { useProfitability } from './queries';

const periods: ReportRelativePeriod[] = [
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'lastQuarter',
  'thisYear',
  'lastYear',
  'yearToDate',
  'last30Days',
  'last90Days',
];
const defaultPeriod: ReportRelativePeriod = 'thisYear';
/** How many rows of the page the chart shows. */
const chartRows = 10;

/**
 * 盈利分析: revenue, cost of goods and gross margin of what was delivered, by one dimension at a time;
 * a row opens the next dimension filtered to it, and the path of those clicks stands above the table. All
 * of it lives in the page's address, so a drill-down can be bookmarked and the browser's Back steps out.
 */
export function ProfitabilityPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.profitability'));
  const [params, update] = useSearchParamsUpdate();
  const dimension = (profitabilityDimensions as readonly string[]).includes(params.get('dimension') ?? '')
    ? (params.get('dimension') as ProfitabilityDimension)
    : 'department';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const within = from || to ? undefined : ((params.get('within') as ReportRelativePeriod | null) ?? defaultPeriod);
  const path = drillPath(params);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const sort = params.get('sort') ?? undefined;
  const report = useProfitability({
    dimension,
    from,
    to,
    within,
    page,
    pageSize,
    sort,
    ...Object.fromEntries(path.map((step) => [step.filter, step.key])),
  });
  const data = report.data;

  const money = useMoney();
  const currency = data?.currency;
  const amount = useCallback((minor: number) => money(fromMinorUnits(minor), currency), [money, currency]);
  const label = useCallback(
    (row: ProfitabilityRow) => row.name ?? t(`profitability.none.${data?.dimension ?? dimension}`),
    [t, data?.dimension, dimension],
  );
  const next = nextDimension(
    dimension,
    path.map((step) => step.filter),
  );
  const drillChanges = (row: ProfitabilityRow) => ({
    [filterOf[dimension]]: row.key,
    dimension: next,
    sort: undefined,
  });
  const drillHref = (row: ProfitabilityRow) => hrefOf(params, drillChanges(row));
  /** Back to a step of the path: the filters after it go, and the dimension its click opened shows again. */
  const backHref = (index: number) => {
    const back = stepBack(path, index, dimension);
    return hrefOf(params, {
      ...Object.fromEntries(back.removed.map((filter) => [filter, undefined])),
      dimension: back.dimension,
      sort: undefined,
    });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.profitability')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('profitability.intro')}</Typography.Text>
      <Flex wrap gap={12} align="center">
        <Segmented<ProfitabilityDimension>
          data-testid="profitability-dimension"
          value={dimension}
          onChange={(value) => update({ dimension: value, sort: undefined })}
          options={profitabilityDimensions.map((value) => ({ value, label: t(`profitability.dimensions.${value}`) }))}
        />
        <Select<ReportRelativePeriod | 'custom'>
          aria-label={t('profitability.period')}
          value={within ?? 'custom'}
          style={{ width: 140 }}
          onChange={(value) =>
            value === 'custom'
              ? update({ within: undefined, from: dayjs().startOf('year').format('YYYY-MM-DD'), to: undefined })
              : update({ within: value, from: undefined, to: undefined })
          }
          options={[
            ...periods.map((value) => ({ value, label: t(`reports.periods.${value}`) })),
            { value: 'custom' as const, label: t('profitability.custom') },
          ]}
        />
        {!within && (
          <DatePicker.RangePicker
            aria-label={t('profitability.period')}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
          />
        )}
      </Flex>
      <Breadcrumb
        separator="›"
        aria-label={t('profitability.pathLabel')}
        data-testid="profitability-path"
        items={[
          {
            key: 'all',
            title: path.length ? <Link to={backHref(-1)}>{t('profitability.all')}</Link> : t('profitability.all'),
          },
          ...path.map((step, i) => {
            const name = data?.filters.find((f) => f.filter === step.filter)?.name ?? step.key;
            return {
              key: step.filter,
              title: i < path.length - 1 ? <Link to={backHref(i)}>{name}</Link> : name,
            };
          }),
        ]}
      />
      {report.error && <Alert type="error" showIcon message={report.error.message} />}
      {data && !data.costs && <Alert type="info" showIcon message={t('profitability.noCosts')} />}
      {data && (data.totals.uncostedLines ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="profitability-uncosted"
          message={t('profitability.uncosted', {
            count: data.totals.uncostedLines,
            revenue: amount(data.totals.uncostedRevenue ?? 0),
          })}
        />
      )}
      {data && <Method open={data.total === 0} />}
      {data && data.total === 0 && (
        <Card>
          <Empty
            description={
              <Space direction="vertical" size={4}>
                <Typography.Text strong>{t('profitability.empty')}</Typography.Text>
                <Typography.Text type="secondary">{t('profitability.emptyHint')}</Typography.Text>
              </Space>
            }
          />
        </Card>
      )}
      {data && data.total > 0 && (
        <>
          <Card size="small" title={t('profitability.chart', { count: Math.min(chartRows, data.items.length) })}>
            <ProfitabilityChart
              rows={data.items.slice(0, chartRows)}
              costs={data.costs}
              label={label}
              money={amount}
              onPick={next ? (row) => row.key !== null && update(drillChanges(row)) : undefined}
            />
          </Card>
          <PagedTable<ProfitabilityRow>
            data-testid="profitability-table"
            rowKey={(row) => row.key ?? ''}
            list={data}
            loading={report.isFetching}
            page={page}
            pageSize={pageSize}
            empty={t('profitability.empty')}
            onPageChange={(change) =>
              update({
                page: change.page,
                pageSize: change.pageSize === 20 ? undefined : change.pageSize,
                ...('sort' in change && { sort: change.sort }),
              })
            }
            columns={columnsOf({
              data,
              sort,
              label,
              amount,
              drillHref: next ? drillHref : undefined,
              drillTitle: next ? t('profitability.drillTo', { dimension: t(`profitability.dimensions.${next}`) }) : '',
              t,
            })}
            summary={() => <Totals data={data} amount={amount} />}
          />
        </>
      )}
    </Space>
  );
}

/** The page's address with some parameters changed (an empty one removed), on its first page. */
function hrefOf(params: URLSearchParams, changes: Record<string, string | null | undefined>): string {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, value);
  }
  next.delete('page');
  return `?${next}`;
}

/** The table's columns: cost, margin and margin % only when they were given. */
function columnsOf({
  data,
  sort,
  label,
  amount,
  drillHref,
  drillTitle,
  t,
}: {
  data: ProfitabilityReport;
  drillTitle: string;
  sort: string | undefined;
  label: (row: ProfitabilityRow) => string;
  amount: (minor: number) => string;
  drillHref?: (row: ProfitabilityRow) => string;
  t: (key: string, options?: Record<string, unknown>) => string;
}): ColumnType<ProfitabilityRow>[] {
  const [sortField, direction] = sort?.split(':') ?? [];
  const sortable = (field: string) => ({
    sorter: true,
    sortOrder: sortField === field ? (direction === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
  });
  const orDash = (minor: number | null | undefined) => (minor == null ? '-' : amount(minor));
  const columns: ColumnType<ProfitabilityRow>[] = [
    {
      title: t(`profitability.dimensions.${data.dimension}`),
      dataIndex: 'name',
      key: 'name',
      ...sortable('name'),
      render: (_, row) =>
        drillHref && row.key !== null ? (
          <Link to={drillHref(row)} title={drillTitle}>
            {label(row)}
          </Link>
        ) : (
          label(row)
        ),
    },
    {
      title: t('profitability.columns.revenue'),
      dataIndex: 'revenue',
      key: 'revenue',
      align: 'right',
      ...sortable('revenue'),
      render: amount,
    },
  ];
  if (data.costs)
    columns.push(
      {
        title: t('profitability.columns.cost'),
        dataIndex: 'cost',
        key: 'cost',
        align: 'right',
        ...sortable('cost'),
        render: (minor: number | null, row) => (
          <>
            {orDash(minor)}
            {(row.uncostedLines ?? 0) > 0 && ' '}
            {(row.uncostedLines ?? 0) > 0 && (
              <Tag color="orange" style={{ marginInlineStart: 6 }}>
                {t('profitability.uncostedTag', { count: row.uncostedLines })}
              </Tag>
            )}
          </>
        ),
      },
      {
        title: t('profitability.columns.margin'),
        dataIndex: 'margin',
        key: 'margin',
        align: 'right',
        ...sortable('margin'),
        render: orDash,
      },
      {
        title: t('profitability.columns.marginPercent'),
        dataIndex: 'marginPercent',
        key: 'marginPercent',
        align: 'right',
        ...sortable('marginPercent'),
        render: (percent: string | null) => (percent === null ? '-' : `${percent}%`),
      },
    );
  columns.push(
    {
      title: t('profitability.columns.quantity'),
      dataIndex: 'quantity',
      key: 'quantity',
      align: 'right',
      ...sortable('quantity'),
    },
    {
      title: t('profitability.columns.orders'),
      dataIndex: 'orders',
      key: 'orders',
      align: 'right',
      ...sortable('orders'),
    },
  );
  return columns;
}

/** The totals row: over every matching delivered line, not only this page. */
function Totals({ data, amount }: { data: ProfitabilityReport; amount: (minor: number) => string }) {
  const { t } = useTranslation();
  const { totals } = data;
  const orDash = (minor: number | null | undefined) => (minor == null ? '-' : amount(minor));
  const cells = [
    t('reports.total'),
    amount(totals.revenue),
    ...(data.costs
      ? [orDash(totals.cost), orDash(totals.margin), totals.marginPercent == null ? '-' : `${totals.marginPercent}%`]
      : []),
    totals.quantity,
    String(totals.orders),
  ];
  return (
    <Table.Summary.Row data-testid="profitability-totals">
      {cells.map((text, i) => (
        <Table.Summary.Cell key={i} index={i} align={i === 0 ? 'left' : 'right'}>
          {i === 0 ? <Typography.Text strong>{text}</Typography.Text> : text}
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}

/** How the figures are made, in the reader's language. */
function Method({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <MethodPanel open={open} title={t('profitability.method.title')} testId="profitability-method">
      <Typography.Paragraph>{t('profitability.method.source')}</Typography.Paragraph>
      <Typography.Paragraph>{t('profitability.method.revenue')}</Typography.Paragraph>
      <Typography.Paragraph>{t('profitability.method.cost')}</Typography.Paragraph>
      <Typography.Paragraph>{t('profitability.method.uncosted')}</Typography.Paragraph>
      <Typography.Paragraph>{t('profitability.method.dimensions')}</Typography.Paragraph>
      <Typography.Paragraph>{t('profitability.method.access')}</Typography.Paragraph>
    </MethodPanel>
  );
}
