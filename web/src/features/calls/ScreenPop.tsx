import type { Call, CallerCard, CallMatch } from '@relate/common';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { onLiveEvent } from '../../app/live-events';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { talkTime } from './CallEntry';
import { useHangUp, useWrapUp } from './queries';

const matchPath = (m: CallMatch) => (m.type === 'lead' ? `/leads/${m.id}` : `/customers/${m.customerId ?? m.id}`);

function MatchCard({ match, chosen }: { match: CallMatch; chosen: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      data-testid="screen-pop-match"
      style={{ borderColor: chosen ? '#1677ff' : undefined }}
      title={
        <Space size={4} wrap>
          <Tag>
            {t(
              `search.types.${match.type === 'customer' ? 'customers' : match.type === 'contact' ? 'contacts' : 'leads'}`,
            )}
          </Tag>
          <Typography.Text strong>{match.name}</Typography.Text>
          {match.level && <DictionaryTag type="customer_level" code={match.level} />}
        </Space>
      }
      extra={
        <Button size="small" type="link" onClick={() => void navigate(matchPath(match))}>
          {t('cti.open')}
        </Button>
      }
    >
      <Descriptions size="small" column={1}>
        {match.type === 'contact' && match.customerName && (
          <Descriptions.Item label={t('nav.customers')}>{match.customerName}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('cti.owner')}>{match.ownerName ?? '-'}</Descriptions.Item>
        {match.openTickets !== null && (
          <Descriptions.Item label={t('cti.openTickets')}>
            <span data-testid="screen-pop-open-tickets">{match.openTickets}</span>
          </Descriptions.Item>
        )}
        {match.overdue !== null && (
          <Descriptions.Item label={t('cti.overdue')}>
            {match.currency} {match.overdue}
          </Descriptions.Item>
        )}
      </Descriptions>
      {match.lastFollowups.length > 0 && (
        <List
          size="small"
          header={<Typography.Text type="secondary">{t('cti.lastFollowups')}</Typography.Text>}
          dataSource={match.lastFollowups}
          renderItem={(f) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Typography.Text type="secondary">{dayjs(f.occurredAt).format('MM-DD HH:mm')}</Typography.Text>{' '}
              <Typography.Text ellipsis style={{ maxWidth: 280 }}>
                {f.content}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

type WrapUpValues = {
  result: string;
  notes?: string;
  withFollowup?: boolean;
  followupContent?: string;
  withTicket?: boolean;
  ticketSubject?: string;
  withTask?: boolean;
  taskTitle?: string;
  taskDue?: Dayjs;
};

/**
 * The screen pop: a ringing call opens the caller's card — the records the number belongs to, with owner,
 * level, open tickets, overdue amount and last follow-ups; a choice when several match; "new lead / new
 * customer / new ticket" with the number when none does — and the wrap-up form (result, notes, and a
 * follow-up, ticket or task in one step), kept open after the call ends.
 */
export function ScreenPop() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const [pop, setPop] = useState<{ call: Call; card: CallerCard } | null>(null);
  const [chosen, setChosen] = useState<string | undefined>();
  const [form] = Form.useForm<WrapUpValues>();
  const wrapUp = useWrapUp();
  const hangUp = useHangUp();
  const allowed = can('calls.view');
  const withTicket = Form.useWatch('withTicket', form);
  const withFollowup = Form.useWatch('withFollowup', form);
  const withTask = Form.useWatch('withTask', form);

  useEffect(() => {
    if (!allowed) return;
    const offPop = onLiveEvent('call', (data) => {
      const next = data as { call: Call; card: CallerCard };
      setPop((current) => {
        if (current?.call.id !== next.call.id) {
          form.resetFields();
          const first = next.card.matches[0];
          setChosen(next.card.matches.length === 1 && first ? `${first.type}:${first.id}` : undefined);
        }
        return next;
      });
    });
    const offUpdate = onLiveEvent('call-update', (data) => {
      const { call } = data as { call: Call };
      setPop((current) => (current && current.call.id === call.id ? { ...current, call } : current));
    });
    return () => {
      offPop();
      offUpdate();
    };
  }, [allowed, form]);

  if (!pop) return null;
  const { call, card } = pop;
  const choice = card.matches.find((m) => `${m.type}:${m.id}` === chosen);

  const submit = (values: WrapUpValues) =>
    wrapUp.mutate(
      {
        id: call.id,
        body: {
          result: values.result,
          notes: values.notes ?? null,
          customerId: choice?.customerId ?? null,
          contactId: choice?.type === 'contact' ? choice.id : null,
          leadId: choice?.type === 'lead' ? choice.id : null,
          followup: values.withFollowup && values.followupContent ? { content: values.followupContent } : null,
          ticket: values.withTicket && values.ticketSubject ? { subject: values.ticketSubject } : null,
          task:
            values.withTask && values.taskTitle && values.taskDue
              ? { title: values.taskTitle, dueAt: values.taskDue.toISOString() }
              : null,
        },
      },
      {
        onSuccess: (result) => {
          void message.success(t('cti.wrappedUp'));
          setPop(null);
          if (result.ticketId) void navigate(`/tickets/${result.ticketId}`);
        },
        onError: (error) => void message.error(error.message),
      },
    );

  const live = call.state !== 'ended';
  return (
    <Drawer
      open
      mask={false}
      width={440}
      onClose={() => setPop(null)}
      title={
        <Space direction="vertical" size={0}>
          <span>
            {call.direction === 'inbound' ? t('cti.incoming') : t('cti.outgoing')} ·{' '}
            <span data-testid="screen-pop-number">{card.number}</span>
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="screen-pop-state">
            {live
              ? t(`cti.states.on_call`)
              : `${t('cti.callEnded')} · ${t('cti.talkTime')} ${talkTime(call.talkSeconds)}`}
          </Typography.Text>
        </Space>
      }
      extra={
        live && (
          <Button
            danger
            size="small"
            onClick={() => hangUp.mutate(call.id, { onError: (e) => void message.error(e.message) })}
          >
            {t('cti.hangUp')}
          </Button>
        )
      }
      data-testid="screen-pop"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {card.matches.length === 0 ? (
          <Empty description={t('cti.unknownCaller')} image={Empty.PRESENTED_IMAGE_SIMPLE}>
            <Space wrap>
              {can('leads.create') && (
                <Button onClick={() => void navigate(`/leads?new=1&mobile=${encodeURIComponent(card.number)}`)}>
                  {t('cti.newLead')}
                </Button>
              )}
              {can('customers.create') && (
                <Button onClick={() => void navigate(`/customers?new=1&phone=${encodeURIComponent(card.number)}`)}>
                  {t('cti.newCustomer')}
                </Button>
              )}
              {can('tickets.create') && (
                <Button onClick={() => form.setFieldsValue({ withTicket: true })}>{t('cti.newTicket')}</Button>
              )}
            </Space>
          </Empty>
        ) : card.matches.length === 1 ? (
          <MatchCard match={card.matches[0]!} chosen />
        ) : (
          <>
            <Typography.Text>{t('cti.severalMatches')}</Typography.Text>
            <Radio.Group value={chosen} onChange={(e) => setChosen(e.target.value as string)} style={{ width: '100%' }}>
              <Space direction="vertical" style={{ width: '100%' }}>
                {card.matches.map((m) => (
                  <Radio key={`${m.type}:${m.id}`} value={`${m.type}:${m.id}`} style={{ width: '100%' }}>
                    <MatchCard match={m} chosen={chosen === `${m.type}:${m.id}`} />
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </>
        )}
        <Card size="small" title={t('cti.wrapUp')} data-testid="wrap-up-form">
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="result" label={t('cti.result')} rules={[{ required: true }]}>
              <DictionarySelect type="call_result" data-testid="wrap-up-result" />
            </Form.Item>
            <Form.Item name="notes" label={t('cti.notes')}>
              <Input.TextArea rows={2} data-testid="wrap-up-notes" />
            </Form.Item>
            {choice && can('followups.create') && (
              <Form.Item name="withFollowup" valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox data-testid="wrap-up-followup">{t('cti.addFollowup')}</Checkbox>
              </Form.Item>
            )}
            {withFollowup && (
              <Form.Item name="followupContent" label={t('cti.followupContent')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            )}
            {can('tickets.create') && (
              <Form.Item name="withTicket" valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox data-testid="wrap-up-ticket">{t('cti.addTicket')}</Checkbox>
              </Form.Item>
            )}
            {withTicket && (
              <Form.Item name="ticketSubject" label={t('cti.ticketSubject')} rules={[{ required: true }]}>
                <Input data-testid="wrap-up-ticket-subject" />
              </Form.Item>
            )}
            {can('tasks.create') && (
              <Form.Item name="withTask" valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox>{t('cti.addTask')}</Checkbox>
              </Form.Item>
            )}
            {withTask && (
              <Space>
                <Form.Item name="taskTitle" label={t('cti.taskTitle')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="taskDue" label={t('cti.taskDue')} rules={[{ required: true }]}>
                  <DatePicker showTime />
                </Form.Item>
              </Space>
            )}
            <Button type="primary" htmlType="submit" loading={wrapUp.isPending} data-testid="wrap-up-save" block>
              {t('cti.wrapUp')}
            </Button>
          </Form>
        </Card>
      </Space>
    </Drawer>
  );
}
