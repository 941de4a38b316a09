import { TrophyOutlined } from '@ant-design/icons';
import type { Performance } from '@relate/common';
import { App, Card, DatePicker, InputNumber, Progress, Segmented, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useErrorReporter } from '../../components/forms';
import { useMoney } from '../../components/money';
import { DepartmentFilter } from '../../components/users';
import { usePerformance, useSaveTargets } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

type Row = Performance['rows'][number];
const medals = ['#faad14', '#bfbfbf', '#d48806'];

/** 光荣榜: results of the people the caller may see for a month, ranked, with their targets (editable by managers). */
export function PerformancePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.performance'));
  const { message } = App.useApp();
  const { can } = useSession();
  const money = useMoney();
  const reportError = useErrorReporter();
  const [period, setPeriod] = useState(dayjs().format('YYYY-MM'));
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const [sort, setSort] = useState<'amountWon' | 'newCustomers' | 'followups'>('amountWon');
  const { data, isFetching } = usePerformance({ period, departmentId, sort });
  const saveTargets = useSaveTargets();
  // Each target saved says so, even when the next one is typed before the first is stored.
  const setTarget = (scopeId: number, value: string) =>
    saveTargets
      .mutateAsync({ targets: [{ scopeType: 'user', metric: 'amountWon', period, scopeId, value }] })
      .then(() => void message.success(t('common.saved')), reportError);
  const editable = can('targets.manage');

  return (
    <Card
      title={
        <Space>
          <TrophyOutlined />
          {t('nav.performance')}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${period}-01`)}
          onChange={(d) => d && setPeriod(d.format('YYYY-MM'))}
        />
        <DepartmentFilter value={departmentId} onChange={setDepartmentId} />
        <Segmented
          value={sort}
          onChange={(v) => setSort(v as typeof sort)}
          options={(['amountWon', 'newCustomers', 'followups'] as const).map((m) => ({
            value: m,
            label: t(`performance.metrics.${m}`),
          }))}
        />
      </Space>
      <Table<Row>
        rowKey="userId"
        size="middle"
        loading={isFetching}
        dataSource={data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="leaderboard"
        columns={[
          {
            title: t('performance.rank'),
            dataIndex: 'rank',
            width: 70,
            render: (rank: number | null) =>
              rank === null ? (
                '-'
              ) : rank <= 3 ? (
                <TrophyOutlined style={{ color: medals[rank - 1], fontSize: 18 }} aria-label={String(rank)} />
              ) : (
                rank
              ),
          },
          { title: t('performance.person'), dataIndex: 'userName' },
          {
            title: t('performance.metrics.amountWon'),
            dataIndex: 'amountWon',
            align: 'right',
            render: (v: string) => <Typography.Text strong>{money(v)}</Typography.Text>,
          },
          {
            title: t('performance.target'),
            key: 'target',
            width: 220,
            render: (_, row) => (
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                {editable ? (
                  <InputNumber
                    size="small"
                    min={0}
                    precision={2}
                    defaultValue={row.targets.amountWon ? Number(row.targets.amountWon) : undefined}
                    placeholder={t('performance.noTarget')}
                    onBlur={(e) => {
                      const value = e.target.value.replace(/,/g, '');
                      if (value && value !== row.targets.amountWon)
                        void setTarget(row.userId, Number(value).toFixed(2));
                    }}
                    style={{ width: '100%' }}
                  />
                ) : (
                  <span>{row.targets.amountWon ? money(row.targets.amountWon) : '-'}</span>
                )}
                {row.targets.amountWon && Number(row.targets.amountWon) > 0 && (
                  <Progress
                    size="small"
                    percent={Math.round((Number(row.amountWon) / Number(row.targets.amountWon)) * 100)}
                  />
                )}
              </Space>
            ),
          },
          { title: t('performance.deals'), dataIndex: 'deals', align: 'right' },
          { title: t('performance.metrics.newCustomers'), dataIndex: 'newCustomers', align: 'right' },
          { title: t('performance.metrics.followups'), dataIndex: 'followups', align: 'right' },
        ]}
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                {t('performance.total')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {money(data.totals.amountWon)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} />
              <Table.Summary.Cell index={4} align="right">
                {data.totals.deals}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {data.totals.newCustomers}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {data.totals.followups}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
