import {
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FundOutlined,
  MessageOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { NamedAuditLog } from '@relate/common';
import { Button, Card, Col, Empty, List, Progress, Row, Segmented, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { RecordEntry, useRecordKind } from '../../components/RecordName';
import { useStageLabel } from '../opportunities/StageLabel';
import { groupActivity } from './activity';
import { useHome } from './queries';

function percent(actual: number, target: string | null) {
  return target && Number(target) > 0 ? Math.min(100, Math.round((actual / Number(target)) * 100)) : undefined;
}

/**
 * The latest activity, each entry naming its record as a link; entries in a row by the same user doing the same
 * to the same kind of record read as one line ("张三：修改 5 个客户") that opens to show them.
 */
function ActivityFeed({ entries }: { entries: NamedAuditLog[] }) {
  const { t } = useTranslation();
  const kind = useRecordKind();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const when = (entry: NamedAuditLog) => (
    <Typography.Text type="secondary">{dayjs(entry.createdAt).format('MM-DD HH:mm')}</Typography.Text>
  );
  return (
    <List
      size="small"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      dataSource={groupActivity(entries)}
      renderItem={({ key, entries: group }) => {
        const first = group[0]!;
        if (group.length === 1)
          return (
            <List.Item data-testid="home-activity">
              <Space wrap size={4}>
                {when(first)}
                <span>{first.username ?? '-'} ·</span>
                <RecordEntry action={first.action} entity={first.entity} record={first.record} />
              </Space>
            </List.Item>
          );
        return (
          <List.Item data-testid="home-activity">
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={4}>
                {when(first)}
                <span>
                  {t('timeline.group', {
                    user: first.username ?? '-',
                    action: t(`audit.actions.${first.action}`, { defaultValue: first.action }),
                    count: group.length,
                    kinds: kind(first.entity, true),
                  })}
                </span>
                <Button type="link" size="small" onClick={() => toggle(key)} aria-expanded={open.has(key)}>
                  {open.has(key) ? t('timeline.collapse') : t('timeline.expand', { count: group.length })}
                </Button>
              </Space>
              {open.has(key) &&
                group.map((entry) => (
                  <Space key={entry.id} wrap size={4} style={{ paddingLeft: 16 }}>
                    {when(entry)}
                    <RecordEntry action={entry.action} entity={entry.entity} record={entry.record} />
                  </Space>
                ))}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

/** 工作台: the day's to-dos, anniversaries, the team's latest activity, this month's progress and the funnel. */
export function HomePage() {
  const { t } = useTranslation();
  const { can, info } = useSession();
  const navigate = useNavigate();
  const money = useMoney();
  const stageLabel = useStageLabel();
  const [view, setView] = useState<'me' | 'team'>('me');
  const { data, isLoading } = useHome(view);
  const manager = can('customers.assign');
  const progress = data?.progress;
  const maxFunnel = Math.max(1, ...(data?.funnel ?? []).map((f) => f.count));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('home.greeting', { name: info?.user.displayName })}
        </Typography.Title>
        <Space wrap>
          {manager && (
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'me' | 'team')}
              options={[
                { value: 'me', label: t('home.me') },
                { value: 'team', label: t('home.team') },
              ]}
            />
          )}
          {can('customers.create') && (
            <Button icon={<TeamOutlined />} onClick={() => navigate('/customers?new=1')}>
              {t('customers.new')}
            </Button>
          )}
          {can('tasks.create') && (
            <Button icon={<CheckSquareOutlined />} onClick={() => navigate('/tasks')}>
              {t('tasks.new')}
            </Button>
          )}
          {can('opportunities.create') && (
            <Button icon={<FundOutlined />} onClick={() => navigate('/opportunities')}>
              {t('opportunities.new')}
            </Button>
          )}
          {can('tasks.view') && (
            <Button icon={<CalendarOutlined />} onClick={() => navigate('/calendar')}>
              {t('nav.calendar')}
            </Button>
          )}
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('home.todo')} loading={isLoading} data-testid="home-todo">
            <List
              size="small"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.nothingDue')} /> }}
              dataSource={[
                ...(data?.approvals ?? []).map((a) => ({
                  key: `a${a.id}`,
                  icon: <AuditOutlined />,
                  text: `${t('home.approve')}: ${a.title} (${a.submittedByName})`,
                  at: a.submittedAt,
                  overdue: false,
                  link: '/approvals',
                })),
                ...(data?.tasks ?? []).map((task) => ({
                  key: `t${task.id}`,
                  icon: <CheckSquareOutlined />,
                  text: task.subject,
                  at: task.dueAt,
                  overdue: task.overdue,
                  link: '/tasks',
                })),
                ...(data?.followupsDue ?? []).map((f) => ({
                  key: `f${f.customerId}`,
                  icon: <MessageOutlined />,
                  text: f.customerName,
                  at: f.nextFollowupAt,
                  overdue: f.overdue,
                  link: `/customers/${f.customerId}`,
                })),
              ]}
              renderItem={(item) => (
                <List.Item>
                  <Space>
                    {item.icon}
                    <Link to={item.link}>{item.text}</Link>
                    <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>
                      {dayjs(item.at).format('MM-DD HH:mm')}
                    </Typography.Text>
                    {item.overdue && <Tag color="red">{t('home.overdue')}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.progress', { period: progress?.period ?? '' })} loading={isLoading}>
            {progress && (
              <Row gutter={16}>
                <Col span={8}>
                  <Statistic
                    title={t('home.amountWon')}
                    value={money(progress.amountWon)}
                    valueStyle={{ fontSize: 18 }}
                  />
                  {progress.amountTarget && (
                    <Progress percent={percent(Number(progress.amountWon), progress.amountTarget)} size="small" />
                  )}
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('home.newCustomers')}
                    value={progress.newCustomers}
                    suffix={progress.newCustomersTarget ? `/ ${progress.newCustomersTarget}` : undefined}
                  />
                  {progress.newCustomersTarget && (
                    <Progress percent={percent(progress.newCustomers, progress.newCustomersTarget)} size="small" />
                  )}
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('home.followups')}
                    value={progress.followups}
                    suffix={progress.followupsTarget ? `/ ${progress.followupsTarget}` : undefined}
                  />
                  {progress.followupsTarget && (
                    <Progress percent={percent(progress.followups, progress.followupsTarget)} size="small" />
                  )}
                </Col>
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.funnel')} loading={isLoading}>
            {data?.funnel.length ? (
              data.funnel.map((stage) => (
                <div key={stage.stageCode} style={{ marginBottom: 8 }}>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                    <span>
                      {stageLabel(stage.stageCode)} · {stage.count}
                    </span>
                    <span>{money(stage.amount)}</span>
                  </Space>
                  <Progress percent={Math.round((stage.count / maxFunnel) * 100)} showInfo={false} size="small" />
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.anniversaries')} loading={isLoading}>
            <List
              size="small"
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noAnniversaries')} />,
              }}
              dataSource={data?.anniversaries ?? []}
              renderItem={(a) => (
                <List.Item>
                  <Link to={`/customers/${a.customerId}`}>{a.contactName}</Link> · {a.customerName} · {a.type} ·{' '}
                  {a.nextDate} ({t('home.inDays', { count: a.daysLeft })})
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('home.activity')} loading={isLoading}>
            <ActivityFeed entries={data?.activity ?? []} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
