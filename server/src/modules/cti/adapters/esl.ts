import { type Handshake, type Session, SocketConnection } from './socket-connection.ts';
import {
  CtiCommandError,
  type CtiEvent,
  type EventSink,
  extensionOfChannel,
  isExtension,
  type TelephonyAdapter,
} from './types.ts';

/**
 * FreeSWITCH through the event socket (ESL, inbound mode): each message is a block of `Key: value` headers
 * ended by an empty line (LF), followed by `Content-Length` bytes of body when it says so. Events are asked
 * for as `event plain …`: their body is another header block, values URL-encoded. Relate authenticates,
 * follows CHANNEL_CREATE, CHANNEL_BRIDGE, CHANNEL_HOLD/UNHOLD, CHANNEL_EXECUTE (transfer), RECORD_STOP and
 * CHANNEL_HANGUP_COMPLETE by the call's UUID, and sends `api originate`, `uuid_kill`, `uuid_transfer`.
 */
export type EslSettings = {
  host: string;
  port: number;
  password: string;
  dialContext: string;
  recordingBaseUrl: string | null;
};

export type EslMessage = { headers: Record<string, string>; body: string };

const eventNames = [
  'CHANNEL_CREATE',
  'CHANNEL_BRIDGE',
  'CHANNEL_HOLD',
  'CHANNEL_UNHOLD',
  'CHANNEL_EXECUTE',
  'RECORD_STOP',
  'CHANNEL_HANGUP_COMPLETE',
];

function headerBlock(text: string, decode: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const value = line.slice(colon + 1).trim();
    headers[line.slice(0, colon).trim()] = decode ? safeDecode(value) : value;
  }
  return headers;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Splits what was read so far into whole messages (headers and body); returns those and the rest. */
export function parseEslMessages(buffer: Buffer): { messages: EslMessage[]; rest: Buffer } {
  const messages: EslMessage[] = [];
  let rest = buffer;
  for (;;) {
    const end = rest.indexOf('\n\n');
    if (end < 0) break;
    const headers = headerBlock(rest.subarray(0, end).toString('utf8'), false);
    const length = Number(headers['Content-Length'] ?? 0);
    if (rest.length < end + 2 + length) break;
    const body = rest.subarray(end + 2, end + 2 + length).toString('utf8');
    rest = rest.subarray(end + 2 + length);
    messages.push({ headers, body });
  }
  return { messages, rest };
}

/** An event's own headers: a `text/event-plain` body is a header block of URL-encoded values. */
export function eventHeaders(message: EslMessage): Record<string, string> | null {
  if (message.headers['Content-Type'] !== 'text/event-plain') return null;
  return headerBlock(message.body, true);
}

type CallTrack = { ringing: boolean; answered: boolean; recording: string | null };

/** Turns FreeSWITCH events into CTI events, one call (Channel-Call-UUID) at a time. */
export class EslCallTracker {
  private readonly calls = new Map<string, CallTrack>();
  constructor(private readonly recordingBaseUrl: string | null) {}

  private track(uuid: string): CallTrack {
    let call = this.calls.get(uuid);
    if (!call) {
      call = { ringing: false, answered: false, recording: null };
      this.calls.set(uuid, call);
    }
    return call;
  }

  handle(e: Record<string, string>): CtiEvent[] {
    const callId = e['Channel-Call-UUID'] ?? e['Unique-ID'];
    if (!callId) return [];
    const micros = Number(e['Event-Date-Timestamp']);
    const at = Number.isFinite(micros) && micros > 0 ? new Date(micros / 1000).toISOString() : new Date().toISOString();
    const aLeg = e['Unique-ID'] === callId;
    const caller = e['Caller-Caller-ID-Number'] ?? '';
    switch (e['Event-Name']) {
      case 'CHANNEL_CREATE': {
        const call = this.track(callId);
        if (call.ringing) return [];
        if (aLeg && isExtension(caller)) {
          call.ringing = true;
          const to = e['Caller-Destination-Number'] ?? '';
          return [
            { type: 'ringing', callId, direction: 'outbound', from: caller, to, extension: caller, queue: null, at },
          ];
        }
        if (!aLeg) {
          // The agent's leg of a call from outside: it rings the agent's phone.
          call.ringing = true;
          const extension = extensionOfChannel(e['Channel-Name']) ?? e['Caller-Destination-Number'] ?? null;
          return [
            {
              type: 'ringing',
              callId,
              direction: 'inbound',
              from: caller,
              to: e['variable_sip_to_user'] ?? e['Other-Leg-Destination-Number'] ?? '',
              extension,
              queue: e['variable_cc_queue'] ?? null,
              at,
            },
          ];
        }
        return [];
      }
      case 'CHANNEL_BRIDGE': {
        const call = this.track(callId);
        if (call.answered) return [];
        call.answered = true;
        const extension =
          extensionOfChannel(e['Other-Leg-Channel-Name']) ?? extensionOfChannel(e['Channel-Name']) ?? null;
        return [{ type: 'answered', callId, extension, at }];
      }
      case 'CHANNEL_HOLD':
      case 'CHANNEL_UNHOLD':
        return [{ type: 'held', callId, held: e['Event-Name'] === 'CHANNEL_HOLD', at }];
      case 'CHANNEL_EXECUTE':
        if (e.Application !== 'transfer') return [];
        return [{ type: 'transferred', callId, to: (e['Application-Data'] ?? '').split(' ')[0] ?? '', at }];
      case 'RECORD_STOP':
        if (e['Record-File-Path']) this.track(callId).recording = e['Record-File-Path'];
        return [];
      case 'CHANNEL_HANGUP_COMPLETE': {
        if (!aLeg) return [];
        const call = this.calls.get(callId);
        this.calls.delete(callId);
        const events: CtiEvent[] = [{ type: 'hungup', callId, cause: e['Hangup-Cause'] ?? null, at }];
        if (call?.recording) {
          const file = call.recording.split('/').pop()!;
          const url = this.recordingBaseUrl ? `${this.recordingBaseUrl.replace(/\/$/, '')}/${file}` : call.recording;
          events.push({ type: 'recording', callId, url, at });
        }
        return events;
      }
      default:
        return [];
    }
  }
}

export class EslAdapter implements TelephonyAdapter {
  readonly kind = 'freeswitch' as const;
  readonly connection: SocketConnection;
  private sink: EventSink = () => {};
  /** Replies come in the order the commands were sent. */
  private readonly replies: Array<{ resolve: (m: EslMessage) => void; reject: (e: Error) => void }> = [];
  private readonly tracker: EslCallTracker;

  constructor(private readonly settings: EslSettings) {
    this.tracker = new EslCallTracker(settings.recordingBaseUrl);
    this.connection = new SocketConnection(settings, (handshake) => this.session(handshake));
  }

  async start(sink: EventSink): Promise<void> {
    this.sink = sink;
    await this.connection.start();
  }

  /** One connection: auth/request answered with the password and the events asked for, then replies in order and events. */
  private session(handshake: Handshake): Session {
    return {
      read: (buffer) => {
        const { messages, rest } = parseEslMessages(buffer);
        for (const message of messages) this.receive(message, handshake);
        return rest;
      },
      closed: () => {
        for (const waiting of this.replies.splice(0)) waiting.reject(new CtiCommandError('ESL connection closed'));
      },
    };
  }

  private receive(message: EslMessage, handshake: Handshake): void {
    const type = message.headers['Content-Type'];
    if (type === 'auth/request') {
      this.command(`auth ${this.settings.password}`)
        .then(() => this.command(`event plain ${eventNames.join(' ')}`))
        .then(() => handshake.ready())
        .catch((error: Error) => handshake.fail(error));
    } else if (type === 'command/reply' || type === 'api/response') {
      const waiting = this.replies.shift();
      const text = type === 'api/response' ? message.body : (message.headers['Reply-Text'] ?? '');
      if (!waiting) return;
      if (text.startsWith('-ERR')) waiting.reject(new CtiCommandError(text.trim()));
      else waiting.resolve(message);
    } else if (type === 'text/disconnect-notice') {
      this.connection.end();
    } else {
      const event = eventHeaders(message);
      if (event) for (const e of this.tracker.handle(event)) void Promise.resolve(this.sink(e)).catch(() => {});
    }
  }

  /** Sends one command and waits for its reply (command/reply, or api/response for `api`). */
  command(text: string): Promise<EslMessage> {
    if (!this.connection.connected) return Promise.reject(new CtiCommandError('ESL not connected'));
    return new Promise((resolve, reject) => {
      this.replies.push({ resolve, reject });
      this.connection.write(`${text.replace(/[\r\n]/g, ' ')}\n\n`);
    });
  }

  async stop(): Promise<void> {
    await this.connection.stop(() => void this.connection.write('exit\n\n'));
  }

  async dial({ extension, number }: { extension: string; number: string }) {
    const reply = await this.command(
      `api originate {origination_caller_id_number=${extension}}user/${extension} ${number} XML ${this.settings.dialContext}`,
    );
    const uuid = /^\+OK\s+(\S+)/.exec(reply.body.trim())?.[1] ?? null;
    return { callId: uuid };
  }

  async hangUp(callId: string): Promise<void> {
    await this.command(`api uuid_kill ${callId}`);
  }

  async transfer(callId: string, extension: string): Promise<void> {
    await this.command(`api uuid_transfer ${callId} ${extension} XML ${this.settings.dialContext}`);
  }
}
