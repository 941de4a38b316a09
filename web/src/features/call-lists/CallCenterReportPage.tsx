import type { CallCenterReport } from '@relate/common';
import { Alert, Card, Col, DatePicker, InputNumber, Row, Space, Statistic, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDictionaryLabel } from '../../components/dictionaries';
import { FilterBar } from '../../components/FilterBar';
import { usePageTitle } from '../../components/usePageTitle';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { useCallCenterReport } from './queries';

type AgentDay = CallCenterReport['agentDays'][number];
type ListLine = CallCenterReport['lists'][number];
type AgentTotal = CallCenterReport['agents'][number];

/** 呼叫中心报表: calls per agent and day, reach and talk time, outcomes per list with conversion, inbound answering. */
export function CallCenterReportPage() {
  const { t } = useTranslation();
  usePageTitle(t('callLists.report.title'));
  const outcomeLabel = useDictionaryLabel('call_outcome');
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const today = dayjs().format('YYYY-MM-DD');
  const from = params.get('from') ?? dayjs().subtract(6, 'day').format('YYYY-MM-DD');
  const to = params.get('to') ?? today;
  const conversionDays = params.get('conversionDays') ? Number(params.get('conversionDays')) : undefined;
  const { data, error, isFetching } = useCallCenterReport({ from, to, conversionDays });
  const seconds = (v: number | null) => (v === null ? '-' : t('callLists.report.seconds', { count: v }));
  const percent = (v: string) => `${v}%`;
  const outcomes = [...new Set((data?.lists ?? []).flatMap((l) => Object.keys(l.outcomes)))];
  // The measures an agent's day and an agent's totals share, after their own first columns.
  const measureColumns = <T extends AgentDay | AgentTotal>(): TableColumnsType<T> => [
    { title: t('callLists.report.outbound'), dataIndex: 'outbound', align: 'right' },
    { title: t('callLists.report.inbound'), dataIndex: 'inbound', align: 'right' },
    { title: t('callLists.report.attempts'), dataIndex: 'attempts', align: 'right' },
    { title: t('callLists.report.reached'), dataIndex: 'reached', align: 'right' },
    { title: t('callLists.report.reachRate'), dataIndex: 'reachRate', align: 'right', render: percent },
    { title: t('callLists.report.talkTime'), dataIndex: 'talkSeconds', align: 'right', render: seconds },
    { title: t('callLists.report.averageTalk'), dataIndex: 'averageTalkSeconds', align: 'right', render: seconds },
    { title: t('callLists.report.averageWrapUp'), dataIndex: 'averageWrapUpSeconds', align: 'right', render: seconds },
  ];
  const agentColumns: TableColumnsType<AgentDay> = [
    { title: t('callLists.report.date'), dataIndex: 'date' },
    { title: t('callLists.report.agent'), dataIndex: 'agentName' },
    { title: t('callLists.report.calls'), dataIndex: 'calls', align: 'right' },
    ...measureColumns<AgentDay>(),
  ];
  const totalColumns: TableColumnsType<AgentTotal> = [
    { title: t('callLists.report.agent'), dataIndex: 'agentName' },
    { title: t('callLists.report.calls'), dataIndex: 'calls', align: 'right' },
    { title: t('callLists.report.callsPerDay'), dataIndex: 'callsPerDay', align: 'right' },
    ...measureColumns<AgentTotal>(),
  ];
  const total = data?.total;
  const totalCells = total
    ? [
        total.calls,
        total.callsPerDay,
        total.outbound,
        total.inbound,
        total.attempts,
        total.reached,
        percent(total.reachRate),
        seconds(total.talkSeconds),
        seconds(total.averageTalkSeconds),
        seconds(total.averageWrapUpSeconds),
      ]
    : [];
  const listColumns: TableColumnsType<ListLine> = [
    {
      title: t('callLists.report.list'),
      dataIndex: 'name',
      render: (v: string, line) => <Link to={`/call-lists/${line.listId}`}>{v}</Link>,
    },
    { title: t('callLists.fields.purpose'), dataIndex: 'purpose', render: (v) => t(`callLists.purposes.${v}`) },
    { title: t('callLists.report.attempts'), dataIndex: 'attempts', align: 'right' },
    { title: t('callLists.report.reached'), dataIndex: 'reached', align: 'right' },
    { title: t('callLists.report.reachRate'), dataIndex: 'reachRate', align: 'right', render: percent },
    ...outcomes.map((code) => ({
      title: outcomeLabel(code) || code,
      key: `outcome-${code}`,
      align: 'right' as const,
      render: (_: unknown, line: ListLine) => line.outcomes[code] ?? 0,
    })),
    { title: t('callLists.report.reachedEntries'), dataIndex: 'reachedEntries', align: 'right' },
    { title: t('callLists.report.converted'), dataIndex: 'converted', align: 'right' },
    { title: t('callLists.report.conversionRate'), dataIndex: 'conversionRate', align: 'right', render: percent },
    { title: t('callLists.report.averageTalk'), dataIndex: 'averageTalkSeconds', align: 'right', render: seconds },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('callLists.report.title')}>
        <FilterBar>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            onChange={(range) =>
              range?.[0] &&
              range[1] &&
              update({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })
            }
            data-testid="call-center-range"
          />
          <Space>
            <span>{t('callLists.report.conversionDays')}</span>
            <InputNumber
              min={1}
              max={365}
              precision={0}
              value={conversionDays ?? 30}
              onChange={(v) => update({ conversionDays: v ?? undefined })}
            />
          </Space>
        </FilterBar>
        {error && <Alert type="error" showIcon message={error.message} style={{ marginTop: 16 }} />}
      </Card>
      <Card title={t('callLists.report.inboundTitle')} loading={!data && isFetching}>
        {data && (
          <Row gutter={16} data-testid="call-center-inbound">
            <Col xs={12} md={4}>
              <Statistic title={t('callLists.report.calls')} value={data.inbound.calls} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('callLists.report.answered')} value={data.inbound.answered} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('callLists.report.answerRate')} value={percent(data.inbound.answerRate)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('callLists.report.averageWait')} value={seconds(data.inbound.averageWaitSeconds)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('callLists.report.longestWait')} value={seconds(data.inbound.longestWaitSeconds)} />
            </Col>
          </Row>
        )}
      </Card>
      <Card title={t('callLists.report.agentTotals')}>
        <Table<AgentTotal>
          size="middle"
          rowKey="agentId"
          loading={isFetching}
          dataSource={data?.agents ?? []}
          columns={totalColumns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('callLists.report.empty') }}
          data-testid="call-center-agent-totals"
          summary={() =>
            total ? (
              <Table.Summary.Row data-testid="call-center-total">
                <Table.Summary.Cell index={0}>
                  <strong>{t('callLists.report.total')}</strong>
                </Table.Summary.Cell>
                {totalCells.map((value, i) => (
                  <Table.Summary.Cell key={i} index={i + 1} align="right">
                    <strong>{value}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <Card title={t('callLists.report.agentDays')}>
        <Table<AgentDay>
          size="middle"
          rowKey={(row) => `${row.date}:${row.agentId}`}
          loading={isFetching}
          dataSource={data?.agentDays ?? []}
          columns={agentColumns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('callLists.report.empty') }}
          data-testid="call-center-agents"
        />
      </Card>
      <Card title={t('callLists.report.lists')}>
        <Table<ListLine>
          size="middle"
          rowKey="listId"
          loading={isFetching}
          dataSource={data?.lists ?? []}
          columns={listColumns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('callLists.report.empty') }}
          data-testid="call-center-lists"
        />
      </Card>
    </Space>
  );
}
