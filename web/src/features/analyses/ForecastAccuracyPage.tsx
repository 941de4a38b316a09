import { type ForecastAccuracy, fromMinorUnits, type ReportColumn, type ReportResult } from '@relate/common';
import { Alert, Card, DatePicker, Empty, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { usePageTitle } from '../../components/usePageTitle';
import { DepartmentFilter, UserSelect } from '../../components/users';
import { ReportChart } from '../reports/ReportChart';
import type { ReportRow } from '@relate/common/report-chart';
import { MethodPanel } from './MethodPanel';
import { useForecastAccuracy } from './queries';

type Month = ForecastAccuracy['months'][number];
type Person = ForecastAccuracy['people'][number];

const column = (key: string, kind: 'group' | 'measure'): ReportColumn => ({
  key,
  kind,
  field: kind === 'group' ? key : null,
  type: kind === 'group' ? 'text' : 'money',
  aggregate: kind === 'measure' ? 'sum' : null,
  unit: null,
  dictionary: null,
});

/**
 * 预测与实际: each month's forecast (the weighted pipeline expected to close in it, as the month began)
 * against what was won in it, and each owner's accuracy, within the reader's scope.
 */
export function ForecastAccuracyPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.forecastAccuracy'));
  const { can } = useSession();
  const [year, setYear] = useState(dayjs().year());
  const [ownerId, setOwnerId] = useState<number>();
  const [departmentId, setDepartmentId] = useState<number>();
  const figures = useForecastAccuracy({ year, ownerId, departmentId });
  const data = figures.data;
  const anyForecast = data?.months.some((m) => m.takenAt !== null) ?? false;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.forecastAccuracy')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('forecastAccuracy.intro')}</Typography.Text>
      <Space wrap>
        <DatePicker
          picker="year"
          aria-label={t('forecastAccuracy.year')}
          value={dayjs(`${year}-01-01`)}
          onChange={(d) => d && setYear(d.year())}
          allowClear={false}
        />
        {can('org.view') && (
          <>
            <UserSelect
              placeholder={t('opportunities.fields.owner')}
              value={ownerId}
              onChange={(v) => setOwnerId(v as number | undefined)}
              style={{ width: 180 }}
            />
            <DepartmentFilter value={departmentId} onChange={setDepartmentId} />
          </>
        )}
      </Space>
      {figures.error && <Alert type="error" showIcon message={figures.error.message} />}
      {figures.isPending && <Skeleton active />}
      {data && <Method open={!anyForecast} />}
      {data &&
        (anyForecast ? (
          <Figures data={data} />
        ) : (
          <Card>
            <Empty description={t('forecastAccuracy.noForecast', { year })} />
          </Card>
        ))}
    </Space>
  );
}

function Figures({ data }: { data: ForecastAccuracy }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const money = useMoney();
  const amount = (minor: number | null) => (minor === null ? '-' : money(fromMinorUnits(minor), data.currency));
  const accuracy = (value: number | null) =>
    value === null ? '-' : <Tag color={value >= 80 ? 'green' : value >= 50 ? 'gold' : 'red'}>{value.toFixed(1)}%</Tag>;
  const result: ReportResult = {
    columns: [column('month', 'group'), column('forecast', 'measure'), column('actual', 'measure')],
    rows: data.months.map((m) => ({ month: m.month, forecast: m.forecast, actual: m.actual })),
    totals: {},
    truncated: false,
    currency: data.currency,
  };
  const text = (c: ReportColumn, row: ReportRow) =>
    c.kind === 'group' ? String(row[c.key]) : amount(row[c.key] === null ? null : Number(row[c.key]));
  return (
    <Flex vertical gap="middle">
      <Card size="small" title={t('forecastAccuracy.byMonth')}>
        <ReportChart result={result} kind="bar" title={(c) => t(`forecastAccuracy.columns.${c.key}`)} text={text} />
      </Card>
      <Table<Month>
        rowKey="month"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.months}
        columns={[
          { title: t('forecastAccuracy.columns.month'), dataIndex: 'month' },
          {
            title: t('forecastAccuracy.columns.forecast'),
            dataIndex: 'forecast',
            align: 'right',
            render: (v: number | null) => amount(v),
          },
          {
            title: t('forecastAccuracy.columns.pipeline'),
            dataIndex: 'pipeline',
            align: 'right',
            render: (v: number | null) => amount(v),
          },
          { title: t('forecastAccuracy.columns.actual'), dataIndex: 'actual', align: 'right', render: amount },
          { title: t('forecastAccuracy.columns.accuracy'), dataIndex: 'accuracy', align: 'right', render: accuracy },
          {
            title: t('forecastAccuracy.columns.takenAt'),
            dataIndex: 'takenAt',
            render: (v: string | null) =>
              v ? (
                dayjs(v).format('YYYY-MM-DD HH:mm')
              ) : (
                <Typography.Text type="secondary">{t('forecastAccuracy.notTaken')}</Typography.Text>
              ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('reports.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {amount(data.totals.forecast)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {amount(data.totals.pipeline)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {amount(data.totals.actual)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {accuracy(data.totals.accuracy)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} />
          </Table.Summary.Row>
        )}
      />
      <Card size="small" title={t('forecastAccuracy.byPerson')}>
        <Table<Person>
          rowKey="ownerId"
          size="small"
          scroll={{ x: 'max-content' }}
          dataSource={data.people}
          pagination={data.people.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            {
              title: t('opportunities.fields.owner'),
              dataIndex: 'ownerName',
              sorter: (a, b) => (a.ownerName ?? '').localeCompare(b.ownerName ?? '', locale),
            },
            {
              title: t('forecastAccuracy.columns.forecast'),
              dataIndex: 'forecast',
              align: 'right',
              sorter: (a, b) => (a.forecast ?? 0) - (b.forecast ?? 0),
              render: (v: number | null) => amount(v),
            },
            {
              title: t('forecastAccuracy.columns.actual'),
              dataIndex: 'actual',
              align: 'right',
              defaultSortOrder: 'descend',
              sorter: (a, b) => a.actual - b.actual,
              render: amount,
            },
            {
              title: t('forecastAccuracy.columns.accuracy'),
              dataIndex: 'accuracy',
              align: 'right',
              sorter: (a, b) => (a.accuracy ?? -1) - (b.accuracy ?? -1),
              render: accuracy,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

/** How the forecast is taken and its accuracy computed, in the reader's language. */
function Method({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <MethodPanel open={open} title={t('forecastAccuracy.method.title')} testId="forecast-method">
      <Typography.Paragraph>{t('forecastAccuracy.method.snapshot')}</Typography.Paragraph>
      <Typography.Paragraph>{t('forecastAccuracy.method.actual')}</Typography.Paragraph>
      <Typography.Paragraph>{t('forecastAccuracy.method.accuracy')}</Typography.Paragraph>
    </MethodPanel>
  );
}
