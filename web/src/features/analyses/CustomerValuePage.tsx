import { fromMinorUnits, type RfmClassFigures, type RfmRun, type RfmSummary } from '@relate/common';
import { Alert, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { usePageTitle } from '../../components/usePageTitle';
import { useRfmSummary } from './queries';
import { RecomputeRfm } from './RecomputeRfm';
import { ClassesChart, HistoryChart } from './RfmCharts';
import { RfmMethod } from './RfmMethod';

const customersOf = (name: string) => `/customers?rfmClass=${name}`;

/**
 * 客户价值: the eight classes of customer value (RFM) of the customers the reader may see, each opening
 * its customers; how the classes changed run by run; the last run; the method explained; and, for an
 * administrator, computing it now.
 */
export function CustomerValuePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.customerValue'));
  const { can } = useSession();
  const summary = useRfmSummary();
  const [recomputeError, setRecomputeError] = useState<string | null>(null);
  const data = summary.data;
  const run = data?.run ?? null;
  const manager = can('settings.manage');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.customerValue')}
        </Typography.Title>
        {manager && data && <RecomputeRfm run={run} onError={setRecomputeError} />}
      </Flex>
      <Typography.Text type="secondary">{t('customerValue.intro')}</Typography.Text>
      {recomputeError && (
        <Alert type="error" showIcon closable message={recomputeError} onClose={() => setRecomputeError(null)} />
      )}
      {summary.error && <Alert type="error" showIcon message={summary.error.message} />}
      {summary.isPending && <Skeleton active />}
      {data && <RfmMethod open={!run} />}
      {data &&
        (run ? (
          <Figures summary={data} run={run} />
        ) : (
          <Card>
            <Empty
              description={
                <Space direction="vertical" size={4}>
                  <Typography.Text strong>{t('customerValue.noRun')}</Typography.Text>
                  <Typography.Text type="secondary">
                    {manager ? t('customerValue.noRunHintManager') : t('customerValue.noRunHint')}
                  </Typography.Text>
                </Space>
              }
            />
          </Card>
        ))}
    </Space>
  );
}

/** The last run, the customers left out, the classes as a table and a chart, and the runs before. */
function Figures({ summary, run }: { summary: RfmSummary; run: RfmRun }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Flex vertical gap="middle">
      <Card size="small">
        {/* Only those who see every customer are given the runs before; the company's count is theirs too. */}
        <RunFacts run={run} wholeCompany={summary.history.length > 0} />
      </Card>
      {summary.unscored > 0 && (
        <Alert type="info" showIcon message={t('customerValue.unscored', { count: summary.unscored })} />
      )}
      <ClassesTable summary={summary} currency={run.currency} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={summary.history.length > 1 ? 12 : 24}>
          <Card size="small" title={t('customerValue.chart')}>
            {summary.classes.some((c) => c.customers > 0) ? (
              <ClassesChart summary={summary} onPick={(name) => navigate(customersOf(name))} />
            ) : (
              <Empty
                data-testid="rfm-chart-empty"
                description={
                  <Space direction="vertical" size={4}>
                    <Typography.Text strong>{t('insight.noClassedCustomers')}</Typography.Text>
                    <Typography.Text type="secondary">{t('insight.noClassedCustomersHint')}</Typography.Text>
                  </Space>
                }
              />
            )}
          </Card>
        </Col>
        {summary.history.length > 1 && (
          <Col xs={24} xl={12}>
            <Card size="small" title={t('customerValue.history')} data-testid="rfm-history">
              <HistoryChart history={summary.history} />
            </Card>
          </Col>
        )}
      </Row>
    </Flex>
  );
}

function RunFacts({ run, wholeCompany }: { run: RfmRun; wholeCompany: boolean }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const seconds = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 5 }}
      data-testid="rfm-run"
      items={[
        {
          key: 'computedAt',
          label: t('customerValue.run.computedAt'),
          children: dayjs(run.computedAt).format('YYYY-MM-DD HH:mm'),
        },
        {
          key: 'window',
          label: t('customerValue.run.window'),
          children: t('customerValue.run.windowValue', { days: run.windowDays }),
        },
        { key: 'currency', label: t('customerValue.run.currency'), children: run.currency },
        ...(wholeCompany ? [{ key: 'scored', label: t('customerValue.run.scored'), children: run.customers }] : []),
        {
          key: 'duration',
          label: t('customerValue.run.duration'),
          children:
            run.durationMs < 1000
              ? t('customerValue.run.milliseconds', { value: run.durationMs })
              : t('customerValue.run.seconds', { value: seconds.format(run.durationMs / 1000) }),
        },
      ]}
    />
  );
}

/** Each class: its customers and their share, value, and average recency and frequency, with the totals. */
function ClassesTable({ summary, currency }: { summary: RfmSummary; currency: string }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const money = useMoney();
  const scored = summary.classes.reduce((sum, c) => sum + c.customers, 0);
  const monetary = summary.classes.reduce((sum, c) => sum + c.monetary, 0);
  const share = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const orDash = (value: number | null, format: (v: number) => string = String) =>
    value === null ? '-' : format(value);
  return (
    <Table<RfmClassFigures>
      rowKey="class"
      size="middle"
      pagination={false}
      dataSource={summary.classes}
      scroll={{ x: 'max-content' }}
      data-testid="rfm-classes"
      columns={[
        {
          title: t('customerValue.columns.class'),
          dataIndex: 'class',
          render: (name: string) => (
            <Link to={customersOf(name)} title={t('customerValue.openList')}>
              {t(`customerValue.classes.${name}`)}
            </Link>
          ),
        },
        { title: t('customerValue.columns.customers'), dataIndex: 'customers', align: 'right' },
        {
          title: t('customerValue.columns.share'),
          key: 'share',
          align: 'right',
          render: (_, row) => (scored ? share.format(row.customers / scored) : '-'),
        },
        {
          title: t('customerValue.columns.monetary'),
          dataIndex: 'monetary',
          align: 'right',
          render: (value: number) => money(fromMinorUnits(value), currency),
        },
        {
          title: t('customerValue.columns.recencyDays'),
          dataIndex: 'averageRecencyDays',
          align: 'right',
          render: (value: number | null) => orDash(value),
        },
        {
          title: t('customerValue.columns.frequency'),
          dataIndex: 'averageFrequency',
          align: 'right',
          render: (value: number | null) => orDash(value, (v) => decimal.format(v)),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>{t('customerValue.total')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <Typography.Text strong data-testid="rfm-total">
              {scored}
            </Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {scored ? share.format(1) : '-'}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {money(fromMinorUnits(monetary), currency)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} />
          <Table.Summary.Cell index={5} />
        </Table.Summary.Row>
      )}
    />
  );
}
