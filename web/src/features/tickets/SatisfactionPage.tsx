import type { SatisfactionRow } from '@relate/common';
import { Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DictionaryTag } from '../../components/dictionaries';
import { useSatisfaction } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

type GroupBy = 'agent' | 'team' | 'category';

/** 满意度: what customers said on callbacks, per agent, team or service category. */
export function SatisfactionPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.satisfaction'));
  const [groupBy, setGroupBy] = useState<GroupBy>('agent');
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const { data, isFetching } = useSatisfaction({ from, to, groupBy });
  const name = (r: SatisfactionRow) =>
    groupBy === 'category' ? (
      r.key ? (
        <DictionaryTag type="service_category" code={r.key} />
      ) : (
        t('tickets.noCategory')
      )
    ) : (
      (r.name ?? t('tickets.unassigned'))
    );
  return (
    <Card title={t('nav.satisfaction')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={groupBy}
          onChange={(v) => setGroupBy(v as GroupBy)}
          options={(['agent', 'team', 'category'] as const).map((g) => ({
            value: g,
            label: t(`tickets.groupBy.${g}`),
          }))}
        />
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
      </Space>
      <Table<SatisfactionRow>
        rowKey="key"
        size="middle"
        loading={isFetching}
        dataSource={data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: t('tickets.noRatings') }}
        data-testid="satisfaction-table"
        columns={[
          { title: t(`tickets.groupBy.${groupBy}`), key: 'name', render: (_, r) => name(r) },
          { title: t('tickets.report.responses'), dataIndex: 'responses', align: 'right' },
          { title: t('tickets.report.average'), dataIndex: 'average', align: 'right' },
          { title: 'CSAT', dataIndex: 'csat', align: 'right', render: (v: string) => `${v}%` },
          {
            title: t('tickets.report.solvedRate'),
            dataIndex: 'solvedRate',
            align: 'right',
            render: (v: string) => `${v}%`,
          },
        ]}
        summary={() =>
          data?.rows.length ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('performance.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {data.total.responses}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Typography.Text strong>{data.total.average}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {data.total.csat}%
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {data.total.solvedRate}%
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
