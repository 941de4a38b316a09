import {
  type DemandForecast,
  type DemandForecastGrouping,
  type DemandForecastItem,
  type DemandForecastMethod,
  type DemandForecastSeries,
  defaultDemandForecastMonths,
} from '@relate/common';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionaryLabel } from '../../components/dictionaries';
import { PagedTable } from '../../components/PagedTable';
import { usePageTitle } from '../../components/usePageTitle';
import { DemandForecastChart } from './DemandForecastChart';
import { MethodPanel } from './MethodPanel';
import { useDemandForecast } from './queries';

type Filters = {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  by: DemandForecastGrouping;
  months: number;
};

const methodColors: Record<DemandForecastMethod, string> = {
  seasonal: 'blue',
  seasonalNaive: 'cyan',
  arima: 'geekblue',
  average: 'default',
  none: 'default',
};

/** The chart shows the item picked in the table, else the first on the page; `null`: every item added up. */
type Picked = { by: DemandForecastGrouping; id: number | null } | 'totals' | undefined;

/**
 * 需求预测: each product's (or category's) quantity sold per month in the orders the reader may see, the
 * next three months forecast by a seasonal model, and its error on the last six months; one item (or all
 * of them added up) as a chart, the items as a table paged and sorted on the server, and the method.
 */
export function DemandForecastPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.demandForecast'));
  const [filters, setFilters] = useState<Filters>({
    page: 1,
    pageSize: 20,
    by: 'product',
    months: defaultDemandForecastMonths,
  });
  const [picked, setPicked] = useState<Picked>();
  const figures = useDemandForecast({
    page: filters.page,
    pageSize: filters.pageSize,
    sort: filters.sort,
    q: filters.q || undefined,
    by: filters.by,
    months: filters.months,
  });
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
  const data = figures.data;
  const nothingSold = data !== undefined && data.total === 0 && !filters.q;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.demandForecast')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('demandForecast.intro')}</Typography.Text>
      <Flex wrap gap={12} align="center">
        <Segmented<DemandForecastGrouping>
          data-testid="demand-by"
          value={filters.by}
          onChange={(by) => {
            setPicked(undefined);
            change({ by, sort: undefined, q: undefined });
          }}
          options={[
            { value: 'product', label: t('demandForecast.byProduct') },
            { value: 'category', label: t('demandForecast.byCategory') },
          ]}
        />
        <Select
          aria-label={t('demandForecast.months')}
          value={filters.months}
          onChange={(months: number) => change({ months })}
          style={{ width: 180 }}
          options={[12, 24, 36, 48, 60].map((m) => ({
            value: m,
            label: t('demandForecast.monthsOption', { count: m }),
          }))}
        />
        <Input.Search
          key={filters.by}
          allowClear
          placeholder={
            filters.by === 'product' ? t('demandForecast.searchProduct') : t('demandForecast.searchCategory')
          }
          onSearch={(q) => change({ q })}
          style={{ width: 240 }}
        />
      </Flex>
      {figures.error && <Alert type="error" showIcon message={figures.error.message} />}
      {figures.isPending && <Skeleton active />}
      {data && <Method open={nothingSold} />}
      {nothingSold && (
        <Card>
          <Empty description={t('demandForecast.noOrders', { count: filters.months })} />
        </Card>
      )}
      {data && !nothingSold && (
        <Figures data={data} filters={filters} picked={picked} onPick={setPicked} onFilters={setFilters} />
      )}
    </Space>
  );
}

function Figures({
  data,
  filters,
  picked,
  onPick,
  onFilters,
}: {
  data: DemandForecast;
  filters: Filters;
  picked: Picked;
  onPick: (picked: Picked) => void;
  onFilters: (update: (f: Filters) => Filters) => void;
}) {
  const { t } = useTranslation();
  const unitLabel = useDictionaryLabel('product_unit');
  const pickedItem =
    picked && picked !== 'totals' && picked.by === data.by
      ? data.items.find((i) => i.id === picked.id)
      : picked === undefined
        ? data.items[0]
        : undefined;
  const shown: DemandForecastSeries = pickedItem ?? data.totals;
  const shownName = pickedItem ? nameOf(pickedItem, t) : t('demandForecast.allItems');
  const ahead = (series: DemandForecastSeries) => series.forecast.reduce((sum, f) => sum + Number(f.quantity), 0);

  return (
    <Flex vertical gap="middle">
      <Card
        size="small"
        data-testid="demand-chart"
        title={
          <Space wrap>
            <span data-testid="demand-chart-title">{shownName}</span>
            <Tag color={methodColors[shown.method]}>{t(`demandForecast.methods.${shown.method}`)}</Tag>
          </Space>
        }
        extra={
          pickedItem && (
            <Button size="small" onClick={() => onPick('totals')}>
              {t('demandForecast.showAll')}
            </Button>
          )
        }
      >
        <Flex wrap gap={24} style={{ marginBottom: 8 }}>
          <Statistic
            title={t('demandForecast.nextMonths')}
            value={format(ahead(shown))}
            valueStyle={{ fontSize: 18 }}
            data-testid="demand-next"
          />
          <Statistic
            title={t('demandForecast.columns.mape')}
            value={percent(shown.mape)}
            valueStyle={{ fontSize: 18 }}
          />
          <Statistic title={t('demandForecast.columns.mae')} value={shown.mae} valueStyle={{ fontSize: 18 }} />
          {!pickedItem && (
            <Statistic
              title={data.by === 'product' ? t('demandForecast.products') : t('demandForecast.categories')}
              value={data.total}
              valueStyle={{ fontSize: 18 }}
            />
          )}
        </Flex>
        <DemandForecastChart series={shown} />
      </Card>
      <PagedTable<DemandForecastItem>
        list={data}
        rowKey={(row) => String(row.id)}
        page={filters.page}
        pageSize={filters.pageSize}
        empty={t('common.noMatches')}
        onPageChange={(next) =>
          onFilters((f) => ({
            ...f,
            page: next.page,
            pageSize: next.pageSize,
            sort: 'sort' in next ? next.sort : f.sort,
          }))
        }
        onRow={(row) => ({ onClick: () => onPick({ by: data.by, id: row.id }), style: { cursor: 'pointer' } })}
        rowClassName={(row) => (row === pickedItem ? 'ant-table-row-selected' : '')}
        data-testid="demand-table"
        columns={itemColumns({ t, data, sort: filters.sort, unitLabel })}
      />
    </Flex>
  );
}

const format = (value: number) => String(Math.round(value * 1000) / 1000);
const percent = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)}%`);

function nameOf(item: DemandForecastItem, t: TFunction) {
  if (item.name === null) return t('demandForecast.uncategorised');
  return item.code ? `${item.name} (${item.code})` : item.name;
}

function itemColumns({
  t,
  data,
  sort,
  unitLabel,
}: {
  t: TFunction;
  data: DemandForecast;
  sort: string | undefined;
  unitLabel: (code: string | null) => string;
}): ColumnType<DemandForecastItem>[] {
  const [field, direction] = (sort ?? 'forecast:desc').split(':');
  const sortable = (key: string) => ({
    sorter: true,
    sortOrder: field === key ? (direction === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
  });
  const months = data.totals.forecast.map((f) => f.month);
  const columns: Array<ColumnType<DemandForecastItem> & { shown?: boolean }> = [
    {
      title: data.by === 'product' ? t('demandForecast.columns.product') : t('demandForecast.columns.category'),
      dataIndex: 'name',
      key: 'name',
      ...sortable('name'),
      render: (_, row) => <Typography.Link>{nameOf(row, t)}</Typography.Link>,
    },
    {
      title: t('demandForecast.columns.category'),
      dataIndex: 'categoryName',
      render: (name: string | null) => name ?? t('demandForecast.uncategorised'),
      shown: data.by === 'product',
    },
    {
      title: t('demandForecast.columns.unit'),
      dataIndex: 'unit',
      render: (unit: string | null) => (unit ? unitLabel(unit) : '-'),
      shown: data.by === 'product',
    },
    ...months.map((month, i): ColumnType<DemandForecastItem> => ({
      title: month,
      key: `month-${i}`,
      align: 'right',
      render: (_, row) => row.forecast[i]?.quantity ?? '-',
    })),
    {
      title: t('demandForecast.columns.forecastTotal'),
      dataIndex: 'forecastTotal',
      key: 'forecast',
      align: 'right',
      ...sortable('forecast'),
    },
    {
      title: t('demandForecast.columns.mape'),
      dataIndex: 'mape',
      align: 'right',
      render: (value: number | null) => percent(value),
    },
    { title: t('demandForecast.columns.mae'), dataIndex: 'mae', align: 'right' },
    {
      title: t('demandForecast.columns.method'),
      dataIndex: 'method',
      render: (method: DemandForecastMethod) => (
        <Tag color={methodColors[method]}>{t(`demandForecast.methods.${method}`)}</Tag>
      ),
    },
  ];
  return columns.filter((column) => column.shown !== false).map(({ shown: _, ...column }) => column);
}

/** How the forecast is made and tested, in the reader's language. */
function Method({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <MethodPanel open={open} title={t('demandForecast.method.title')} testId="demand-method">
      {(['quantities', 'model', 'rounding', 'backtest', 'totals', 'scope'] as const).map((part) => (
        <Typography.Paragraph key={part}>{t(`demandForecast.method.${part}`)}</Typography.Paragraph>
      ))}
    </MethodPanel>
  );
}
