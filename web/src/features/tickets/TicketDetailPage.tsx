import type { Body, TicketDetail, TicketTransition } from '@relate/common';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Rate,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { AttachmentList } from '../../components/AttachmentList';
import { DictionaryTag } from '../../components/dictionaries';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { UserSelect } from '../../components/users';
import { TicketArticles } from '../knowledge/TicketArticles';
import { WorkOrderPanel } from '../work-orders/WorkOrderPanel';
import {
  useAssignTicket,
  useEscalateTicket,
  useMergeTicket,
  useRecordCallback,
  useTicket,
  useTransitionTicket,
} from './queries';
import { TicketComposer } from './TicketComposer';
import { TicketCoverage } from './TicketCoverage';
import { SlaCountdown, TicketPriorityTag, TicketStatusTag } from './TicketTags';
import { useRequired } from '../../components/forms';
import { RecordNotFound } from '../../components/RecordNotFound';
import { PhoneLink } from '../../components/PhoneLink';
import { usePageTitle } from '../../components/usePageTitle';

type Step = 'resolve' | 'assign' | 'escalate' | 'merge' | 'reopen' | 'callback';
type StepValues = Record<string, unknown>;

/** One ticket: its facts, SLA clocks, the whole conversation and the next steps. */
export function TicketDetailPage() {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const { can, info } = useSession();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const dialog = useSaveDialog<Step>();
  const { data: ticket, isLoading, error } = useTicket(id);
  usePageTitle(ticket?.number, t('nav.tickets'));
  const transitionTicket = useTransitionTicket();
  const assignTicket = useAssignTicket();
  const escalateTicket = useEscalateTicket();
  const mergeTicket = useMergeTicket();
  const recordCallback = useRecordCallback();
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !ticket) return <RecordNotFound error={error} backTo="/tickets" />;

  /** A step taken with a button alone; a failure is said as a toast (a step in the dialog shows it there). */
  const run = (step: Promise<TicketDetail>) =>
    step.catch((e: unknown) => {
      message.error((e as ApiError).message);
    });
  const transition = (body: Body<typeof TicketTransition>) => transitionTicket.mutateAsync({ id, body });
  const assign = (assigneeId: number | null | undefined) => assignTicket.mutateAsync({ id, body: { assigneeId } });
  const edit = can('tickets.edit');
  const open = ['new', 'assigned', 'in_progress', 'waiting', 'reopened'].includes(ticket.status);
  const mine = ticket.assigneeId === info?.user.id;
  // Method syntax: each step takes the values of its own fields.
  const steps: Record<Step, { title: string; body: ReactNode; submit(values: StepValues): Promise<TicketDetail> }> = {
    resolve: {
      title: t('tickets.actions.resolve'),
      body: (
        <>
          <Form.Item
            name="resolution"
            label={t('tickets.fields.resolution')}
            rules={required.text}
            initialValue={ticket.resolution}
          >
            <Input.TextArea rows={4} maxLength={5000} data-testid="ticket-resolution" />
          </Form.Item>
          <Form.Item name="rootCause" label={t('tickets.fields.rootCause')} initialValue={ticket.rootCause}>
            <Input maxLength={500} />
          </Form.Item>
        </>
      ),
      submit: (v: { resolution: string; rootCause?: string }) => transition({ action: 'resolve', ...v }),
    },
    assign: {
      title: t('tickets.actions.assign'),
      body: (
        <Form.Item name="assigneeId" label={t('tickets.fields.assignee')} extra={t('tickets.routeHint')}>
          <UserSelect />
        </Form.Item>
      ),
      submit: (v: { assigneeId?: number }) => assign(v.assigneeId ?? null),
    },
    escalate: {
      title: t('tickets.actions.escalate'),
      body: (
        <Form.Item name="reason" label={t('tickets.fields.reason')} rules={required.text}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      ),
      submit: (v: { reason: string }) => escalateTicket.mutateAsync({ id, body: v }),
    },
    merge: {
      title: t('tickets.actions.merge'),
      body: (
        <Form.Item name="intoId" label={t('tickets.mergeInto')} rules={required.value}>
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
      ),
      submit: (v: { intoId: number }) => mergeTicket.mutateAsync({ id, body: v }),
    },
    callback: {
      title: t('tickets.actions.callback'),
      body: (
        <>
          <Form.Item name="solved" label={t('tickets.fields.solved')} initialValue={true} rules={required.value}>
            <Radio.Group
              options={[
                { value: true, label: t('tickets.solved') },
                { value: false, label: t('tickets.notSolved') },
              ]}
              data-testid="callback-solved"
            />
          </Form.Item>
          <Form.Item name="score" label={t('tickets.fields.score')}>
            <Rate data-testid="callback-score" />
          </Form.Item>
          <Form.Item name="comment" label={t('tickets.fields.customerComment')}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </>
      ),
      submit: (v: { solved: boolean; score?: number; comment?: string }) =>
        recordCallback.mutateAsync({ id, body: { solved: v.solved, score: v.score || null, comment: v.comment } }),
    },
    reopen: {
      title: t('tickets.actions.reopen'),
      body: (
        <Form.Item name="reason" label={t('tickets.fields.reason')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      ),
      submit: (v: { reason?: string }) => transition({ action: 'reopen', ...v }),
    },
  };
  const current = dialog.record ? steps[dialog.record] : null;
  /** A merge replies with the ticket merged into, which is then shown instead. */
  const takeStep = async (values: StepValues, step: Step | null) => {
    const updated = await steps[step!].submit(values);
    if (updated.id !== id) void navigate(`/tickets/${updated.id}`);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
          <Space direction="vertical" size={4}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {ticket.subject}
            </Typography.Title>
            <Space wrap>
              <Typography.Text type="secondary">{ticket.number}</Typography.Text>
              {ticket.vip && <Tag color="gold">VIP</Tag>}
              <DictionaryTag type="ticket_type" code={ticket.type} />
              <TicketPriorityTag priority={ticket.priority} />
              <TicketStatusTag status={ticket.status} />
              <SlaCountdown ticket={ticket} />
            </Space>
          </Space>
          {edit && (
            <Space wrap>
              {open && !mine && (
                <Button onClick={() => void run(assign(info?.user.id))} data-testid="ticket-take">
                  {t('tickets.actions.take')}
                </Button>
              )}
              {open && can('tickets.assign') && (
                <Button onClick={() => dialog.openEdit('assign')}>{t('tickets.actions.assign')}</Button>
              )}
              {['new', 'assigned', 'reopened'].includes(ticket.status) && (
                <Button onClick={() => void run(transition({ action: 'start' }))}>{t('tickets.actions.start')}</Button>
              )}
              {['new', 'assigned', 'in_progress', 'reopened'].includes(ticket.status) && (
                <Button onClick={() => void run(transition({ action: 'wait' }))}>{t('tickets.actions.wait')}</Button>
              )}
              {ticket.status === 'waiting' && (
                <Button onClick={() => void run(transition({ action: 'resume' }))}>
                  {t('tickets.actions.resume')}
                </Button>
              )}
              {open && (
                <Button type="primary" onClick={() => dialog.openEdit('resolve')} data-testid="ticket-resolve">
                  {t('tickets.actions.resolve')}
                </Button>
              )}
              {(ticket.status === 'resolved' || ticket.status === 'callback') && (
                <Button type="primary" onClick={() => dialog.openEdit('callback')} data-testid="ticket-callback">
                  {t('tickets.actions.callback')}
                </Button>
              )}
              {(ticket.status === 'resolved' || ticket.status === 'callback') && (
                <Button onClick={() => void run(transition({ action: 'close' }))} data-testid="ticket-close">
                  {t('tickets.actions.close')}
                </Button>
              )}
              {['resolved', 'callback', 'closed'].includes(ticket.status) && (
                <Button onClick={() => dialog.openEdit('reopen')}>{t('tickets.actions.reopen')}</Button>
              )}
              {open && (
                <Button danger onClick={() => dialog.openEdit('escalate')} data-testid="ticket-escalate">
                  {t('tickets.actions.escalate')}
                </Button>
              )}
              {open && <Button onClick={() => dialog.openEdit('merge')}>{t('tickets.actions.merge')}</Button>}
            </Space>
          )}
        </div>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('tickets.fields.customer')}>
            {ticket.customerId ? (
              <Link to={`/customers/${ticket.customerId}`}>{ticket.customerName}</Link>
            ) : (
              (ticket.requesterName ?? '-')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.fields.contact')}>
            {ticket.contactName ??
              (ticket.requesterPhone || ticket.requesterEmail ? (
                <>
                  <PhoneLink number={ticket.requesterPhone} empty={null} />
                  {ticket.requesterPhone && ticket.requesterEmail && ' · '}
                  {ticket.requesterEmail}
                </>
              ) : (
                '-'
              ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.fields.channel')}>
            {t(`tickets.channels.${ticket.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.fields.assignee')}>
            {ticket.assigneeName ?? t('tickets.unassigned')}
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.fields.team')}>{ticket.teamName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('tickets.fields.category')}>
            {ticket.category ? <DictionaryTag type="service_category" code={ticket.category} /> : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.sla.firstResponse')}>
            {ticket.firstResponseDue ? dayjs(ticket.firstResponseDue).format('YYYY-MM-DD HH:mm') : '-'}
            {ticket.firstResponseBreached && (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {t('tickets.sla.breached')}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.sla.resolution')}>
            {ticket.resolutionDue ? dayjs(ticket.resolutionDue).format('YYYY-MM-DD HH:mm') : '-'}
            {ticket.resolutionBreached && (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {t('tickets.sla.breached')}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>
            {dayjs(ticket.createdAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
          {ticket.severity && (
            <Descriptions.Item label={t('tickets.fields.severity')}>
              {t(`tickets.severities.${ticket.severity}`)}
            </Descriptions.Item>
          )}
          {ticket.promised && (
            <Descriptions.Item label={t('tickets.fields.promised')}>{ticket.promised}</Descriptions.Item>
          )}
          {ticket.compensation && (
            <Descriptions.Item label={t('tickets.fields.compensation')}>{ticket.compensation}</Descriptions.Item>
          )}
          {ticket.resolution && (
            <Descriptions.Item label={t('tickets.fields.resolution')} span={3}>
              {ticket.resolution}
            </Descriptions.Item>
          )}
          {ticket.rootCause && (
            <Descriptions.Item label={t('tickets.fields.rootCause')}>{ticket.rootCause}</Descriptions.Item>
          )}
          {ticket.callbackAt && (
            <Descriptions.Item label={t('tickets.fields.score')}>
              <Space>
                {ticket.satisfactionScore ? <Rate disabled value={ticket.satisfactionScore} /> : '-'}
                {ticket.satisfactionComment}
              </Space>
            </Descriptions.Item>
          )}
          {ticket.mergedIntoId && (
            <Descriptions.Item label={t('tickets.mergedInto')}>
              <Link to={`/tickets/${ticket.mergedIntoId}`}>#{ticket.mergedIntoId}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        {ticket.description && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
            {ticket.description}
          </Typography.Paragraph>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title={t('tickets.conversation')}>
            <Timeline
              data-testid="ticket-thread"
              items={ticket.messages.map((m) => ({
                color: m.kind === 'note' ? 'gold' : m.kind === 'reply' ? 'blue' : 'green',
                children: (
                  <div style={m.kind === 'note' ? { background: '#fffbe6', padding: 8, borderRadius: 6 } : undefined}>
                    <Typography.Text type="secondary">
                      {m.authorName ?? ticket.contactName ?? ticket.requesterName} · {t(`tickets.kinds.${m.kind}`)} ·{' '}
                      {dayjs(m.createdAt).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      {m.body}
                    </Typography.Paragraph>
                  </div>
                ),
              }))}
            />
            {!ticket.messages.length && <Typography.Text type="secondary">{t('tickets.noMessages')}</Typography.Text>}
            {edit && ticket.status !== 'closed' && <TicketComposer ticket={ticket} />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('tickets.attachments')}>
            <AttachmentList entity="tickets" id={ticket.id} editable={edit && ticket.status !== 'closed'} />
          </Card>
          <Card title={t('workOrders.title')} style={{ marginTop: 16 }}>
            <WorkOrderPanel ticketId={ticket.id} open={open} />
          </Card>
          <Card title={t('assets.cover')} style={{ marginTop: 16 }}>
            <TicketCoverage ticketId={ticket.id} editable={edit && ticket.status !== 'closed'} />
          </Card>
          <Card title={t('knowledge.articles')} style={{ marginTop: 16 }}>
            <TicketArticles ticketId={ticket.id} subject={ticket.subject} editable={edit} />
          </Card>
        </Col>
      </Row>
      <SaveDialog
        dialog={dialog}
        title={current?.title ?? ''}
        toValues={() => ({})}
        onSave={takeStep}
        okText={t('common.ok')}
        saveTestId="ticket-dialog-ok"
      >
        {current?.body}
      </SaveDialog>
    </Space>
  );
}
