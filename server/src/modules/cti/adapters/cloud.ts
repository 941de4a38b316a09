import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CtiCommandError, type CtiEvent, type EventSink, type TelephonyAdapter } from './types.ts';

/**
 * A cloud call center, integrated the way Chinese cloud contact centers are: the center posts each call
 * event to Relate's callback address as JSON, signed with the key both sides share, and Relate starts a
 * call by a configurable HTTP request (click-to-dial, 点击外呼) that the center answers with its call id.
 *
 * Signature (both ways): `X-Relate-Timestamp` (Unix seconds) and
 * `X-Relate-Signature: sha256=<hex HMAC-SHA256(key, timestamp + "." + body)>`, where body is the raw
 * request body (for a GET, the path with its query). Five minutes of clock difference are accepted.
 */
export type CloudSettings = {
  secret: string;
  dialUrl: string | null;
  dialMethod: 'POST' | 'GET';
  /** JSON template with {action} (dial, hangup, transfer), {agent}, {extension}, {number} and {callId}. */
  dialBody: string | null;
};

export const signatureMaxAgeSeconds = 300;

export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Whether a request carries a valid, fresh signature of its body. */
export function verifySignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now = Date.now(),
): boolean {
  const timestamp = String(headers['x-relate-timestamp'] ?? '');
  const signature = String(headers['x-relate-signature'] ?? '');
  if (!/^\d{9,11}$/.test(timestamp) || !signature) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > signatureMaxAgeSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const at = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value) =>
    value === undefined
      ? new Date().toISOString()
      : typeof value === 'number'
        ? new Date(value > 1e12 ? value : value * 1000).toISOString()
        : new Date(value).toISOString(),
  );
const CloudEvent = z.object({
  event: z.enum(['ringing', 'answered', 'held', 'unheld', 'transferred', 'hangup', 'recording']),
  callId: z.string().min(1).max(200),
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  from: z.string().max(40).default(''),
  to: z.string().max(40).default(''),
  agent: z.string().max(20).nullish(),
  queue: z.string().max(50).nullish(),
  target: z.string().max(40).nullish(),
  cause: z.string().max(100).nullish(),
  recordingUrl: z.string().max(2000).nullish(),
  at,
});
export const CloudCallback = z.union([z.object({ events: z.array(CloudEvent).min(1).max(50) }), CloudEvent]);

/** The CTI events of a verified callback body. */
export function eventsOfCallback(body: unknown): CtiEvent[] {
  const parsed = CloudCallback.parse(body);
  return ('events' in parsed ? parsed.events : [parsed]).map((e): CtiEvent => {
    switch (e.event) {
      case 'ringing':
        return {
          type: 'ringing',
          callId: e.callId,
          direction: e.direction,
          from: e.from,
          to: e.to,
          extension: e.agent ?? null,
          queue: e.queue ?? null,
          at: e.at,
        };
      case 'answered':
        return { type: 'answered', callId: e.callId, extension: e.agent ?? null, at: e.at };
      case 'held':
      case 'unheld':
        return { type: 'held', callId: e.callId, held: e.event === 'held', at: e.at };
      case 'transferred':
        return { type: 'transferred', callId: e.callId, to: e.target ?? '', at: e.at };
      case 'hangup':
        return { type: 'hungup', callId: e.callId, cause: e.cause ?? null, at: e.at };
      case 'recording':
        return { type: 'recording', callId: e.callId, url: e.recordingUrl ?? '', at: e.at };
    }
  });
}

const fill = (template: string, values: Record<string, string>, encode: (v: string) => string) =>
  template.replace(/\{(action|agent|extension|number|callId)\}/g, (_, key: string) => encode(values[key] ?? ''));

export class CloudAdapter implements TelephonyAdapter {
  readonly kind = 'cloud' as const;
  constructor(
    private readonly settings: CloudSettings,
    private readonly send: typeof fetch = fetch,
  ) {}

  async start(_sink: EventSink): Promise<void> {}
  async stop(): Promise<void> {}

  private async request(values: Record<string, string>): Promise<unknown> {
    if (!this.settings.dialUrl) throw new CtiCommandError('no click-to-dial address');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const url = fill(this.settings.dialUrl, values, encodeURIComponent);
    const body =
      this.settings.dialMethod === 'GET'
        ? ''
        : fill(
            this.settings.dialBody ??
              '{"action":"{action}","agent":"{agent}","extension":"{extension}","number":"{number}","callId":"{callId}"}',
            values,
            (v) => JSON.stringify(v).slice(1, -1),
          );
    const signed = this.settings.dialMethod === 'GET' ? new URL(url).pathname + new URL(url).search : body;
    const response = await this.send(url, {
      method: this.settings.dialMethod,
      headers: {
        'content-type': 'application/json',
        'x-relate-timestamp': timestamp,
        'x-relate-signature': signPayload(this.settings.secret, timestamp, signed),
      },
      body: this.settings.dialMethod === 'GET' ? undefined : body,
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new CtiCommandError(`HTTP ${response.status}`);
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  async dial({ extension, number, agent }: { extension: string; number: string; agent: string }) {
    const reply = (await this.request({ action: 'dial', agent, extension, number, callId: '' })) as {
      callId?: unknown;
    } | null;
    return { callId: typeof reply?.callId === 'string' ? reply.callId : null };
  }

  async hangUp(callId: string): Promise<void> {
    await this.request({ action: 'hangup', agent: '', extension: '', number: '', callId });
  }

  async transfer(callId: string, extension: string): Promise<void> {
    await this.request({ action: 'transfer', agent: '', extension, number: '', callId });
  }
}
