import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CallEntryPreview } from '@relate/common';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { DictionaryTag } from '../../components/dictionaries';
import { useMoney } from '../../components/money';
import { telHref } from '../../components/phone';
import { usePageTitle } from '../../components/usePageTitle';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { useMySeat } from '../calls/queries';
import { OutcomeForm } from './OutcomeForm';
import { useCallLists, useDialEntry, useNextCallEntry } from './queries';

const when = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '-');

/**
 * Dials the entry through the agent's seat (click-to-dial, Alt+D); without an extension the number is shown
 * large, as a tel: link, to be dialled by hand.
 */
function DialControl({ preview }: { preview: CallEntryPreview }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const seat = useMySeat();
  const dial = useDialEntry();
  const number = preview.entry.phone;
  const hasSeat = Boolean(seat.data?.extension);
  const start = () => {
    if (!number || !hasSeat || dial.isPending) return;
    dial.mutate(preview.entry.id, {
      onSuccess: () => void message.info(t('callLists.dialer.dialing', { number })),
      onError: (error) => void message.error(`${t('cti.dialFailed')}: ${error.message}`),
    });
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.code === 'KeyD') {
        e.preventDefault();
        start();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  if (preview.doNotCall) return <Alert type="error" showIcon message={t('callLists.dialer.doNotCall')} />;
  if (!number) return null;
  const href = telHref(number);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="dialer-number">
          {href ? <a href={href}>{number}</a> : number}
        </Typography.Title>
        {hasSeat && (
          <Button
            type="primary"
            size="large"
            icon={<PhoneOutlined />}
            loading={dial.isPending}
            onClick={start}
            data-testid="dialer-dial"
          >
            {t('callLists.dialer.dial')}
          </Button>
        )}
      </Space>
      {!hasSeat && !seat.isLoading && (
        <Alert type="info" showIcon message={t('callLists.dialer.noSeat')} data-testid="dialer-no-seat" />
      )}
    </Space>
  );
}

/** Who is called: the customer and the contact, with the number. */
function Who({ preview }: { preview: CallEntryPreview }) {
  const { t } = useTranslation();
  const { customer, contact, lead, entry } = preview;
  return (
    <Card title={t('callLists.dialer.who')} size="small" data-testid="dialer-who">
      <Space direction="vertical" style={{ width: '100%' }}>
        <DialControl preview={preview} />
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('callLists.dialer.customer')}>
            {customer ? (
              <Space wrap>
                <Link to={`/customers/${customer.id}`} data-testid="dialer-customer">
                  {customer.name}
                </Link>
                {customer.level && <DictionaryTag type="customer_level" code={customer.level} />}
                {customer.ownerName && (
                  <Typography.Text type="secondary">
                    {t('cti.owner')}: {customer.ownerName}
                  </Typography.Text>
                )}
              </Space>
            ) : (
              (entry.customerName ?? '-')
            )}
          </Descriptions.Item>
          {lead && (
            <Descriptions.Item label={t('callLists.dialer.lead')}>
              <Space wrap>
                <Link to={`/leads/${lead.id}`} data-testid="dialer-lead">
                  {[lead.name, lead.company].filter(Boolean).join(' · ')}
                </Link>
                <Tag>{t(`leads.statuses.${lead.status}`, { defaultValue: lead.status })}</Tag>
                {lead.ownerName && (
                  <Typography.Text type="secondary">
                    {t('cti.owner')}: {lead.ownerName}
                  </Typography.Text>
                )}
              </Space>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('callLists.dialer.contact')}>
            <span data-testid="dialer-contact">
              {contact ? [contact.name, contact.title].filter(Boolean).join(' · ') : entry.name}
            </span>
          </Descriptions.Item>
          {contact?.mobile && contact.mobile !== entry.phone && (
            <Descriptions.Item label={t('contacts.fields.mobile')}>{contact.mobile}</Descriptions.Item>
          )}
          {contact?.phone && contact.phone !== entry.phone && (
            <Descriptions.Item label={t('contacts.fields.phone')}>{contact.phone}</Descriptions.Item>
          )}
          {customer?.address && (
            <Descriptions.Item label={t('customers.fields.address')}>{customer.address}</Descriptions.Item>
          )}
        </Descriptions>
      </Space>
    </Card>
  );
}

/** Why the call: the source's facts (amount and days overdue, the ticket, the anniversary …) and the customer's. */
function Why({ preview }: { preview: CallEntryPreview }) {
  const { t } = useTranslation();
  const money = useMoney();
  const facts = Object.entries(preview.entry.details).filter(([, v]) => v !== null && v !== '');
  return (
    <Card title={t('callLists.dialer.why')} size="small" data-testid="dialer-why">
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color="blue">{preview.list.name}</Tag>
        <Tag>{t(`callLists.purposes.${preview.list.purpose}`)}</Tag>
        <Tag>
          {t('callLists.entries.attempts')}: {preview.entry.attempts}
        </Tag>
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        {facts.map(([field, value]) => (
          <Descriptions.Item key={field} label={t(`callLists.facts.${field}`, { defaultValue: field })}>
            <span data-testid={`dialer-fact-${field}`}>{String(value)}</span>
          </Descriptions.Item>
        ))}
        {preview.overdue !== null && (
          <Descriptions.Item label={t('cti.overdue')}>
            {money(preview.overdue)} {preview.currency ?? ''}
          </Descriptions.Item>
        )}
        {preview.openTickets !== null && (
          <Descriptions.Item label={t('cti.openTickets')}>{preview.openTickets}</Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** The history beside the call: earlier attempts on this entry and the customer's last follow-ups. */
function History({ preview }: { preview: CallEntryPreview }) {
  const { t } = useTranslation();
  if (!preview.attempts.length && !preview.lastFollowups.length) return null;
  return (
    <Card size="small" title={t('callLists.dialer.history')}>
      <List
        size="small"
        dataSource={preview.attempts}
        locale={{ emptyText: '-' }}
        renderItem={(a) => (
          <List.Item>
            <Space wrap>
              <span>{when(a.outcomeAt ?? a.dialedAt)}</span>
              {a.outcome && <DictionaryTag type="call_outcome" code={a.outcome} />}
              <span>{a.agentName}</span>
              {a.promiseDate && (
                <span>
                  {a.promiseDate} · {a.promiseAmount}
                </span>
              )}
              {a.note && <Typography.Text type="secondary">{a.note}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {preview.lastFollowups.length > 0 && (
        <>
          <Typography.Text strong>{t('callLists.dialer.lastFollowups')}</Typography.Text>
          <List
            size="small"
            dataSource={preview.lastFollowups}
            renderItem={(f) => (
              <List.Item>
                {when(f.occurredAt)} · {f.content}
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/**
 * 我的外呼 — the preview dialer: the agent's next entry (of one list or all their lists), who and why, the
 * script with its merge fields filled, Dial, then the outcome; saving it brings the next entry.
 */
export function DialerPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.myCalls'));
  const { can } = useSession();
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const listId = params.get('listId') ? Number(params.get('listId')) : undefined;
  const next = useNextCallEntry(listId);
  const lists = useCallLists({ status: 'active', pageSize: 200 }, can('callLists.view'));
  const preview = next.data?.preview ?? null;
  const choice = can('callLists.view') && (
    <Select
      style={{ width: 240 }}
      value={listId ?? 0}
      onChange={(v: number) => update({ listId: v || undefined })}
      options={[
        { value: 0, label: t('callLists.dialer.allLists') },
        ...(lists.data?.items ?? []).map((l) => ({ value: l.id, label: l.name })),
      ]}
      data-testid="dialer-list"
    />
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('nav.myCalls')}
        extra={
          <Space wrap>
            {choice}
            {next.data && (
              <Tag color="processing" data-testid="dialer-remaining">
                {t('callLists.dialer.remaining', { count: next.data.remaining })}
              </Tag>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => void next.refetch()} loading={next.isFetching}>
              {t('callLists.dialer.reload')}
            </Button>
          </Space>
        }
      />
      {next.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : next.error ? (
        <Alert type="error" showIcon message={next.error.message} />
      ) : !preview ? (
        <Card data-testid="dialer-empty">
          {next.data?.reason === 'none' || !next.data?.reason ? (
            <Result status="success" title={t('callLists.dialer.none')} />
          ) : (
            <Empty
              description={t(
                next.data.reason === 'later' ? 'callLists.dialer.later' : 'callLists.dialer.outsideHours',
                { at: when(next.data.nextAt) },
              )}
            />
          )}
        </Card>
      ) : (
        <Row gutter={[16, 16]} key={preview.entry.id} data-testid="dialer-entry" data-entry-id={preview.entry.id}>
          <Col xs={24} lg={12}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Who preview={preview} />
              <Why preview={preview} />
              <Card title={t('callLists.dialer.script')} size="small">
                <Typography.Paragraph
                  style={{ whiteSpace: 'pre-wrap', fontSize: 15, margin: 0 }}
                  data-testid="dialer-script"
                >
                  {preview.script || '-'}
                </Typography.Paragraph>
              </Card>
            </Space>
          </Col>
          <Col xs={24} lg={12}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small">
                <OutcomeForm preview={preview} onSaved={() => undefined} />
              </Card>
              <History preview={preview} />
            </Space>
          </Col>
        </Row>
      )}
    </Space>
  );
}
