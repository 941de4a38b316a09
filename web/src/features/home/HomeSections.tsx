import type { Home, HomeSectionCode } from '@relate/common';
import { Card, Col, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useDictionaryLabel } from '../../components/dictionaries';
import { useMoney } from '../../components/money';
import { ActivityFeed } from './ActivityFeed';
import { FunnelBars, percent, ShortList, useTicketRows, useWorkOrderRows } from './HomeLists';
import { sectionLink } from './section-links';
import { lunarLabel } from '../calendar/lunar-label';

/** One section of the home page: its card, titled, with a link to the list it comes from. */
export function HomeSection({ code, data }: { code: HomeSectionCode; data: Home }) {
  const { t } = useTranslation();
  const { can, info } = useSession();
  const money = useMoney();
  const typeLabel = useDictionaryLabel('anniversary_type');
  const ticketRows = useTicketRows();
  const workOrderRows = useWorkOrderRows();
  const empty = (key: string) => t(`homeSections.empty.${key}`);
  const when = (at: string) => dayjs(at).format('MM-DD HH:mm');
  const overdueTag = (overdue: boolean) => overdue && <Tag color="red">{t('home.overdue')}</Tag>;

  const body = (): ReactNode => {
    switch (code) {
      case 'approvals':
        return (
          <ShortList
            empty={empty('approvals')}
            rows={data.approvals.map((a) => ({
              key: a.id,
              title: <Link to="/approvals">{a.title}</Link>,
              meta: `${a.submittedByName} · ${when(a.submittedAt)}`,
            }))}
          />
        );
      case 'tasks':
        return (
          <ShortList
            empty={empty('tasks')}
            rows={data.tasks.map((task) => ({
              key: task.id,
              title: <Link to="/tasks">{task.subject}</Link>,
              meta: [when(task.dueAt), task.relatedName].filter(Boolean).join(' · '),
              tags: overdueTag(task.overdue),
            }))}
          />
        );
      case 'followupsDue':
        return (
          <ShortList
            empty={empty('followupsDue')}
            rows={data.followupsDue.map((f) => ({
              key: f.customerId,
              title: <Link to={`/customers/${f.customerId}`}>{f.customerName}</Link>,
              meta: [when(f.nextFollowupAt), f.ownerName].filter(Boolean).join(' · '),
              tags: overdueTag(f.overdue),
            }))}
          />
        );
      case 'myQueue':
      case 'callbacksDue': {
        const list = data[code];
        return <ShortList empty={empty(code)} total={list?.total} rows={ticketRows(list?.items ?? [])} />;
      }
      case 'slaRisk': {
        const list = data.slaRisk;
        return (
          <>
            {list && (list.total > 0 || list.near > 0) && (
              <Space wrap style={{ marginBottom: 8 }}>
                <Tag color="red">
                  {t('homeSections.breached')} · {list.total}
                </Tag>
                <Tag color="gold">{t('homeSections.nearCount', { count: list.near })}</Tag>
              </Space>
            )}
            <ShortList empty={empty('slaRisk')} rows={ticketRows(list?.items ?? [])} />
          </>
        );
      }
      case 'todayVisits':
      case 'myWorkOrders': {
        const list = data[code];
        return <ShortList empty={empty(code)} total={list?.total} rows={workOrderRows(list?.items ?? [])} />;
      }
      case 'receiptsToConfirm':
        return (
          <ShortList
            empty={empty('receiptsToConfirm')}
            total={data.receiptsToConfirm?.total}
            rows={(data.receiptsToConfirm?.items ?? []).map((r) => ({
              key: r.id,
              title: (
                <Link to={`/customers/${r.customerId}`}>
                  {r.number} · {r.customerName}
                </Link>
              ),
              meta: [r.receivedOn, r.ownerName].filter(Boolean).join(' · '),
              tags: <Typography.Text strong>{money(r.amount, r.currency)}</Typography.Text>,
            }))}
          />
        );
      case 'overdueReceivables': {
        const list = data.overdueReceivables;
        return (
          <>
            {list && list.amounts.length > 0 && (
              <Space wrap size="large" style={{ marginBottom: 8 }}>
                {list.amounts.map((a) => (
                  <Statistic
                    key={a.currency}
                    value={money(a.amount, a.currency)}
                    valueStyle={{ fontSize: 18, color: '#cf1322' }}
                  />
                ))}
              </Space>
            )}
            <ShortList
              empty={empty('overdueReceivables')}
              total={list?.total}
              rows={(list?.items ?? []).map((i) => ({
                key: i.id,
                title: (
                  <Link to={`/orders/${i.orderId}`}>
                    {i.orderNumber} · {i.customerName}
                  </Link>
                ),
                meta: `${i.dueDate} · ${money(i.outstanding, i.currency)}`,
                tags: <Tag color="red">{t('homeSections.daysOverdue', { count: i.daysOverdue })}</Tag>,
              }))}
            />
          </>
        );
      }
      case 'invoicesToIssue':
        return (
          <ShortList
            empty={empty('invoicesToIssue')}
            total={data.invoicesToIssue?.total}
            rows={(data.invoicesToIssue?.items ?? []).map((o) => ({
              key: o.orderId,
              title: (
                <Link to={`/orders/${o.orderId}`}>
                  {o.orderNumber} · {o.customerName}
                </Link>
              ),
              meta: t('homeSections.invoiced', {
                invoiced: money(o.invoiced, o.currency),
                total: money(o.total, o.currency),
              }),
              tags: <Tag color="blue">{t('homeSections.toInvoice', { amount: money(o.left, o.currency) })}</Tag>,
            }))}
          />
        );
      case 'forecast':
        return (
          <Row gutter={[16, 16]}>
            {(data.forecast?.periods ?? []).map((p) => (
              <Col xs={24} sm={12} key={p.period} data-testid={`home-forecast-${p.kind}`}>
                <Typography.Text strong>{t(`homeSections.${p.kind}`, { period: p.period })}</Typography.Text>
                <Statistic
                  title={t('homeSections.expected')}
                  value={money(p.expected, data.forecast?.currency)}
                  valueStyle={{ fontSize: 18 }}
                />
                <Typography.Text type="secondary">
                  {t('homeSections.won')} {money(p.won, data.forecast?.currency)} · {t('homeSections.weighted')}{' '}
                  {money(p.weighted, data.forecast?.currency)}
                </Typography.Text>
                <div>
                  {p.target ? (
                    <>
                      <Typography.Text type="secondary">
                        {t('homeSections.target')} {money(p.target, data.forecast?.currency)}
                      </Typography.Text>
                      <Progress percent={percent(Number(p.expected), p.target)} size="small" />
                    </>
                  ) : (
                    <Typography.Text type="secondary">{t('homeSections.noTarget')}</Typography.Text>
                  )}
                </div>
              </Col>
            ))}
          </Row>
        );
      case 'targetProgress': {
        const progress = data.progress;
        if (!progress) return null;
        const figures = [
          {
            key: 'amountWon',
            actual: Number(progress.amountWon),
            value: money(progress.amountWon),
            target: progress.amountTarget,
          },
          {
            key: 'newCustomers',
            actual: progress.newCustomers,
            value: progress.newCustomers,
            target: progress.newCustomersTarget,
          },
          { key: 'followups', actual: progress.followups, value: progress.followups, target: progress.followupsTarget },
        ];
        return (
          <Row gutter={[16, 8]}>
            {figures.map((f) => (
              <Col xs={24} sm={8} key={f.key}>
                <Statistic
                  title={t(`home.${f.key}`)}
                  value={f.value}
                  valueStyle={{ fontSize: 18 }}
                  suffix={f.target && f.key !== 'amountWon' ? `/ ${f.target}` : undefined}
                />
                {f.target && <Progress percent={percent(f.actual, f.target)} size="small" />}
              </Col>
            ))}
          </Row>
        );
      }
      case 'myPipeline':
        return <FunnelBars funnel={data.funnel} />;
      case 'teamPipeline':
        return <FunnelBars funnel={data.teamPipeline ?? []} />;
      case 'anniversaries':
        return (
          <ShortList
            empty={t('home.noAnniversaries')}
            rows={data.anniversaries.map((a, i) => ({
              key: `${a.customerId}-${a.contactName}-${a.type}-${i}`,
              title: <Link to={`/customers/${a.customerId}`}>{a.contactName}</Link>,
              meta: `${a.customerName} · ${typeLabel(a.type)} · ${a.lunar ? `${lunarLabel(t, a.lunar)} · ` : ''}${a.nextDate}`,
              tags:
                a.daysLeft === 0 ? (
                  <Tag color="magenta">{t('homeSections.today')}</Tag>
                ) : (
                  <Typography.Text type="secondary">{t('homeSections.inDays', { count: a.daysLeft })}</Typography.Text>
                ),
            }))}
          />
        );
      case 'activity':
        return <ActivityFeed entries={data.activity} />;
      case 'teamActivity':
        return <ActivityFeed entries={data.teamActivity ?? []} />;
    }
  };

  const link = sectionLink(code, info?.user.id, can);
  const title =
    code === 'targetProgress' && data.progress
      ? `${t('homeSections.sections.targetProgress')} · ${data.progress.period}`
      : t(`homeSections.sections.${code}`);
  return (
    <Card
      title={title}
      size="small"
      data-testid={`home-section-${code}`}
      extra={link && <Link to={link}>{t('homeSections.viewAll')}</Link>}
      styles={{ body: { overflowX: 'auto' } }}
    >
      {body()}
    </Card>
  );
}
