import { createHmac } from 'node:crypto';
import type { Locale, WebhookKind } from '@relate/common';
import { relateSignature } from './webhook-sender.ts';

/**
 * What each kind of webhook is sent. A generic webhook gets the event as JSON, signed; a group robot
 * gets one short message in the company's language naming the record, with a link to it.
 */

export type Outgoing = { url: string; body: string; headers: Record<string, string> };

export type EventMessage = {
  event: string;
  entity: string | null;
  recordId: number | null;
  /** The record as its GET API answers the webhook's owner (or `{ id }` once deleted). */
  data: Record<string, unknown>;
  /** What the moment said (the SLA step missed, the approval step waiting). */
  detail: Record<string, unknown>;
};

/**
 * Generic: `{ id, event, occurredAt, data }` with `X-Relate-Event`, `X-Relate-Delivery`,
 * `X-Relate-Timestamp` (Unix seconds) and `X-Relate-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + body)>`. A receiver recomputes the HMAC over the raw body and refuses an old timestamp.
 */
export function genericRequest(
  url: string,
  secret: string | null,
  delivery: { id: number; createdAt: string },
  message: EventMessage,
  now: Date,
): Outgoing {
  const body = JSON.stringify({
    id: delivery.id,
    event: message.event,
    occurredAt: delivery.createdAt,
    data: message.data,
    ...(Object.keys(message.detail).length ? { detail: message.detail } : {}),
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const headers: Record<string, string> = {
    'x-relate-event': message.event,
    'x-relate-delivery': String(delivery.id),
    'x-relate-timestamp': timestamp,
  };
  if (secret) headers['x-relate-signature'] = relateSignature(secret, timestamp, body);
  return { url, body, headers };
}

/**
 * DingTalk custom robot (自定义机器人): `{"msgtype":"markdown","markdown":{"title","text"}}`; with a
 * signing secret (加签, `SEC…`) the URL carries `timestamp` (ms) and `sign` = URL-encoded base64 of
 * HMAC-SHA256(key = secret, message = timestamp + "\n" + secret).
 * See open.dingtalk.com/document/robots/customize-robot-security-settings and …/robots/message-types-and-data-format.
 */
export function dingtalkRequest(url: string, secret: string | null, text: RobotText, now: Date): Outgoing {
  let target = url;
  if (secret) {
    const timestamp = String(now.getTime());
    const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    target += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
  }
  return {
    url: target,
    body: JSON.stringify({ msgtype: 'markdown', markdown: { title: text.title, text: text.markdown } }),
    headers: {},
  };
}

/**
 * WeCom group robot (企业微信群机器人, …/cgi-bin/webhook/send?key=…): `{"msgtype":"markdown","markdown":
 * {"content"}}`; the key in the URL is its only credential. See developer.work.weixin.qq.com/document/path/91770.
 */
export function wecomRequest(url: string, text: RobotText): Outgoing {
  return { url, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: text.markdown } }), headers: {} };
}

/**
 * Feishu custom bot (自定义机器人, …/open-apis/bot/v2/hook/…): `{"msg_type":"text","content":{"text"}}`;
 * with signature verification (签名校验) the body also carries `timestamp` (seconds) and `sign` = base64
 * of HMAC-SHA256(key = timestamp + "\n" + secret, message = ""). See open.feishu.cn/document/client-docs/bot-v3/add-custom-bot.
 */
export function feishuRequest(url: string, secret: string | null, text: RobotText, now: Date): Outgoing {
  const signed: Record<string, string> = {};
  if (secret) {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    signed.timestamp = timestamp;
    signed.sign = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
  }
  return {
    url,
    body: JSON.stringify({ ...signed, msg_type: 'text', content: { text: text.plain } }),
    headers: {},
  };
}

/** The request for a webhook of any kind. */
export function requestFor(
  hook: { kind: WebhookKind; url: string; secret: string | null },
  delivery: { id: number; createdAt: string },
  message: EventMessage,
  words: { locale: Locale; publicUrl: string | undefined },
  now: Date,
): Outgoing {
  if (hook.kind === 'generic') return genericRequest(hook.url, hook.secret, delivery, message, now);
  const text = robotText(message, words.locale, words.publicUrl);
  if (hook.kind === 'dingtalk') return dingtalkRequest(hook.url, hook.secret, text, now);
  if (hook.kind === 'feishu') return feishuRequest(hook.url, hook.secret, text, now);
  return wecomRequest(hook.url, text);
}

/**
 * Whether a robot accepted the message: WeCom and DingTalk answer HTTP 200 with `errcode` 0, Feishu
 * with `code` 0; any other code is a refusal (a bad signature, a keyword missing, too many messages).
 */
export function accepted(kind: WebhookKind, status: number | null, excerpt: string | null): boolean {
  if (status === null || status < 200 || status >= 300) return false;
  if (kind === 'generic' || !excerpt) return true;
  try {
    const reply = JSON.parse(excerpt) as { errcode?: number; code?: number };
    return (reply.errcode ?? reply.code ?? 0) === 0;
  } catch {
    // A reply cut at the excerpt's length is not JSON: the status says it arrived.
    return true;
  }
}

export type RobotText = { title: string; markdown: string; plain: string };

const entityWords: Record<string, { zh: string; en: string; path: (id: number) => string }> = {
  customers: { zh: '客户', en: 'Customer', path: (id) => `/customers/${id}` },
  contacts: { zh: '联系人', en: 'Contact', path: () => '/contacts' },
  leads: { zh: '线索', en: 'Lead', path: (id) => `/leads/${id}` },
  opportunities: { zh: '商机', en: 'Opportunity', path: (id) => `/opportunities/${id}` },
  orders: { zh: '订单', en: 'Sales order', path: (id) => `/orders/${id}` },
  receipts: { zh: '回款', en: 'Payment received', path: () => '/receipts' },
  tickets: { zh: '工单', en: 'Ticket', path: (id) => `/tickets/${id}` },
  approvals: { zh: '审批', en: 'Approval', path: () => '/approvals' },
};

const eventWords: Record<string, { zh: string; en: string }> = {
  created: { zh: '新建', en: 'created' },
  updated: { zh: '已更新', en: 'updated' },
  deleted: { zh: '已删除', en: 'deleted' },
  status_changed: { zh: '状态变更', en: 'status changed' },
  'ticket.vip_opened': { zh: '重要客户新工单', en: 'VIP ticket opened' },
  'opportunity.won': { zh: '商机赢单', en: 'Deal won' },
  'approval.waiting': { zh: '待审批', en: 'Approval waiting' },
  'ticket.sla_breached': { zh: '工单超出服务级别（SLA）', en: 'SLA breached' },
  ping: { zh: '测试消息', en: 'Test message' },
};

/** A record's name as people say it: a ticket's number and subject, a deal's name, an approval's title … */
function recordName(message: EventMessage): string {
  const d = message.data;
  const pick = (key: string) => (typeof d[key] === 'string' && d[key] ? (d[key] as string) : null);
  const number = pick('number') ?? pick('code');
  const name = pick('subject') ?? pick('name') ?? pick('title') ?? (message.detail.title as string | undefined);
  return [number, name].filter(Boolean).join(' ') || (message.recordId ? `#${message.recordId}` : '');
}

/** The message a robot posts: the event, the record named and linked (when the server's address is set). */
export function robotText(message: EventMessage, locale: Locale, publicUrl: string | undefined): RobotText {
  const zh = locale === 'zh-CN';
  const action = message.event.split('.')[1] ?? message.event;
  const eventWord = eventWords[message.event] ?? eventWords[action];
  const entity = message.entity ? entityWords[message.entity] : undefined;
  const heading = eventWord
    ? eventWords[message.event]
      ? zh
        ? eventWord.zh
        : eventWord.en
      : `${entity ? (zh ? entity.zh : entity.en) : ''}${zh ? '' : ' '}${zh ? eventWord.zh : eventWord.en}`
    : message.event;
  const name =
    message.event === 'ping' ? (zh ? '来自 Relate CRM 的测试消息' : 'A test from Relate CRM') : recordName(message);
  const lines: string[] = [];
  if (entity && name) lines.push(`${zh ? entity.zh : entity.en}${zh ? '：' : ': '}${name}`);
  else if (name) lines.push(name);
  const detail = message.detail;
  if (message.event === 'approval.waiting' && detail.step)
    lines.push(`${zh ? '审批步骤：' : 'Step: '}${String(detail.step)}`);
  if (message.event === 'ticket.sla_breached')
    lines.push(
      detail.missed === 'firstResponse'
        ? zh
          ? '首次响应已超时'
          : 'First response is overdue'
        : zh
          ? '解决时限已超时'
          : 'Resolution is overdue',
    );
  const link = publicUrl && entity && message.recordId ? `${publicUrl}${entity.path(message.recordId)}` : null;
  const title = `${zh ? '【Relate】' : '[Relate] '}${heading}`;
  const markdown = [
    `### ${title}`,
    ...lines.map((l) => `> ${l}`),
    ...(link ? [`[${zh ? '查看' : 'Open'}](${link})`] : []),
  ].join('\n');
  const plain = [title, ...lines, ...(link ? [link] : [])].join('\n');
  return { title, markdown, plain };
}
