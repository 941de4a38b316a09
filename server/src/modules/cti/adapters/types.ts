/**
 * The telephony adapter interface: a PBX or cloud call center reports a call's events in its own terms,
 * and each adapter turns them into these; the CTI service knows nothing of any wire protocol.
 */
export type CtiEvent =
  | {
      type: 'ringing';
      /** The PBX's id of the whole call (Asterisk's Linkedid, FreeSWITCH's call UUID, the cloud's call id). */
      callId: string;
      direction: 'inbound' | 'outbound';
      from: string;
      to: string;
      /** The agent's extension that rings (inbound) or dials (outbound), when known. */
      extension: string | null;
      queue: string | null;
      at: string;
    }
  | { type: 'answered'; callId: string; extension: string | null; at: string }
  | { type: 'held'; callId: string; held: boolean; at: string }
  | { type: 'transferred'; callId: string; to: string; at: string }
  | { type: 'hungup'; callId: string; cause: string | null; at: string }
  | { type: 'recording'; callId: string; url: string; at: string };

export type CtiEventType = CtiEvent['type'];
export type EventSink = (event: CtiEvent) => void | Promise<void>;

/** The commands Relate gives a PBX: click-to-dial, hang up, transfer. */
export interface TelephonyAdapter {
  readonly kind: 'asterisk' | 'freeswitch' | 'cloud';
  /** Connects (AMI, ESL) and starts reporting events; the cloud adapter's events come in as HTTP callbacks. */
  start(sink: EventSink): Promise<void>;
  stop(): Promise<void>;
  /** Rings the agent's extension, then calls the number. Returns the PBX's call id when it tells. */
  dial(request: { extension: string; number: string; agent: string }): Promise<{ callId: string | null }>;
  hangUp(callId: string): Promise<void>;
  transfer(callId: string, extension: string): Promise<void>;
}

export class CtiCommandError extends Error {}

/** The moment of an event: the PBX's own when it gives one (Unix seconds), else now. */
export function eventTime(unixSeconds?: string | number | null): string {
  const n = Number(unixSeconds);
  return Number.isFinite(n) && n > 1e9 ? new Date(n * 1000).toISOString() : new Date().toISOString();
}

/** An agent's extension from a channel name: "PJSIP/8001-00000002", "SIP/8001-…", "sofia/internal/8001@…". */
export function extensionOfChannel(channel: string | undefined | null): string | null {
  if (!channel) return null;
  const match = /^(?:PJSIP|SIP|IAX2|Local)\/(\d{2,8})[-@/;]/.exec(channel) ?? /^sofia\/[^/]+\/(\d{2,8})@/.exec(channel);
  return match ? match[1]! : null;
}

/** An extension is a short number; a caller from outside has a full one. */
export const isExtension = (number: string | null | undefined) => Boolean(number && /^\d{2,6}$/.test(number));
