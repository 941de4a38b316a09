import { type Handshake, type Session, SocketConnection } from './socket-connection.ts';
import {
  CtiCommandError,
  type CtiEvent,
  type EventSink,
  eventTime,
  extensionOfChannel,
  isExtension,
  type TelephonyAdapter,
} from './types.ts';

/**
 * Asterisk through the Manager Interface (AMI): a TCP connection on which each message is a block of
 * `Key: value` lines ended by an empty line (CRLF). Relate logs in, reads the call events of Asterisk 13
 * and later — Newchannel, DialBegin/DialEnd, Hold/Unhold, BlindTransfer/AttendedTransfer, VarSet of
 * MIXMONITOR_FILENAME, Hangup — grouped by the call's Linkedid, and sends Originate, Hangup and Redirect.
 */
export type AmiSettings = {
  host: string;
  port: number;
  username: string;
  secret: string;
  dialContext: string;
  recordingBaseUrl: string | null;
};

export type AmiMessage = Record<string, string>;

/** Splits the bytes read so far into whole messages; returns those and the rest. */
export function parseAmiBlocks(buffer: string): { messages: AmiMessage[]; rest: string } {
  const messages: AmiMessage[] = [];
  let rest = buffer;
  for (let end = rest.indexOf('\r\n\r\n'); end >= 0; end = rest.indexOf('\r\n\r\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 4);
    const message: AmiMessage = {};
    for (const line of block.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) message[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    if (Object.keys(message).length) messages.push(message);
  }
  return { messages, rest };
}

export function amiBlock(fields: Record<string, string | number>): string {
  return `${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\r\n')}\r\n\r\n`;
}

type CallTrack = {
  /** Channel by Uniqueid: its name, caller number and dialled extension. */
  firstChannel: string | null;
  ringing: boolean;
  answered: boolean;
  recording: string | null;
  queue: string | null;
};

/** Turns AMI events into CTI events, one call (Linkedid) at a time. Exported for tests of recorded sequences. */
export class AmiCallTracker {
  private readonly calls = new Map<string, CallTrack>();
  private readonly channels = new Map<string, { name: string; callerNum: string; exten: string; linkedid: string }>();
  constructor(private readonly recordingBaseUrl: string | null) {}

  /** The channel a hang-up or transfer acts on: the call's first channel (the caller's side). */
  channelOf(callId: string): string | null {
    return this.calls.get(callId)?.firstChannel ?? null;
  }

  private track(linkedid: string): CallTrack {
    let call = this.calls.get(linkedid);
    if (!call) {
      call = { firstChannel: null, ringing: false, answered: false, recording: null, queue: null };
      this.calls.set(linkedid, call);
    }
    return call;
  }

  handle(m: AmiMessage): CtiEvent[] {
    const linkedid = m.Linkedid ?? m.DestLinkedid ?? m.TransfererLinkedid ?? m.OrigTransfererLinkedid;
    if (!m.Event || !linkedid) return [];
    const at = eventTime(m.Timestamp);
    switch (m.Event) {
      case 'Newchannel': {
        const call = this.track(linkedid);
        this.channels.set(m.Uniqueid ?? m.Channel!, {
          name: m.Channel ?? '',
          callerNum: m.CallerIDNum ?? '',
          exten: m.Exten ?? '',
          linkedid,
        });
        if (m.Uniqueid === linkedid || !call.firstChannel) call.firstChannel ??= m.Channel ?? null;
        return [];
      }
      case 'QueueCallerJoin':
        this.track(linkedid).queue = m.Queue ?? null;
        return [];
      case 'DialBegin': {
        const call = this.track(linkedid);
        if (call.ringing) return [];
        call.ringing = true;
        const from = m.CallerIDNum && m.CallerIDNum !== '<unknown>' ? m.CallerIDNum : '';
        const destExtension = extensionOfChannel(m.DestChannel);
        const caller = this.channels.get(m.Uniqueid ?? '') ?? this.channels.get(linkedid);
        if (isExtension(from)) {
          // An agent dials out (or Relate's Originate rang the agent and now dials the number).
          const to = (m.DialString ?? '').replace(/@.*$/, '').replace(/^.*\//, '') || m.DestCallerIDNum || '';
          return [
            { type: 'ringing', callId: linkedid, direction: 'outbound', from, to, extension: from, queue: null, at },
          ];
        }
        return [
          {
            type: 'ringing',
            callId: linkedid,
            direction: 'inbound',
            from,
            to: caller?.exten || m.Exten || m.DialString || '',
            extension: destExtension ?? (isExtension(m.DialString) ? m.DialString! : null),
            queue: call.queue,
            at,
          },
        ];
      }
      case 'DialEnd': {
        const call = this.track(linkedid);
        if (m.DialStatus !== 'ANSWER' || call.answered) return [];
        call.answered = true;
        return [{ type: 'answered', callId: linkedid, extension: extensionOfChannel(m.DestChannel), at }];
      }
      case 'Hold':
      case 'Unhold':
        return [{ type: 'held', callId: linkedid, held: m.Event === 'Hold', at }];
      case 'BlindTransfer':
        return [{ type: 'transferred', callId: linkedid, to: m.Extension ?? '', at }];
      case 'AttendedTransfer':
        return [
          {
            type: 'transferred',
            callId: linkedid,
            to:
              extensionOfChannel(m.SecondTransfererChannel ?? m.TransferTargetChannel) ?? m.SecondTransfererExten ?? '',
            at,
          },
        ];
      case 'VarSet':
        if (m.Variable === 'MIXMONITOR_FILENAME' && m.Value) this.track(linkedid).recording = m.Value;
        return [];
      case 'Hangup': {
        const call = this.calls.get(linkedid);
        this.channels.delete(m.Uniqueid ?? '');
        // The call ends with its first channel (the caller's side).
        if (!call || m.Uniqueid !== linkedid) return [];
        this.calls.delete(linkedid);
        const events: CtiEvent[] = [{ type: 'hungup', callId: linkedid, cause: m['Cause-txt'] ?? m.Cause ?? null, at }];
        if (call.recording) {
          const file = call.recording.split('/').pop()!;
          const url = this.recordingBaseUrl ? `${this.recordingBaseUrl.replace(/\/$/, '')}/${file}` : call.recording;
          events.push({ type: 'recording', callId: linkedid, url, at });
        }
        return events;
      }
      default:
        return [];
    }
  }
}

export class AmiAdapter implements TelephonyAdapter {
  readonly kind = 'asterisk' as const;
  readonly connection: SocketConnection;
  private sink: EventSink = () => {};
  private nextActionId = 1;
  private readonly pending = new Map<string, { resolve: (m: AmiMessage) => void; reject: (e: Error) => void }>();
  private readonly tracker: AmiCallTracker;

  constructor(private readonly settings: AmiSettings) {
    this.tracker = new AmiCallTracker(settings.recordingBaseUrl);
    this.connection = new SocketConnection(settings, (handshake) => this.session(handshake));
  }

  async start(sink: EventSink): Promise<void> {
    this.sink = sink;
    await this.connection.start();
  }

  /** One connection: the banner line, then Login, then blocks — responses by ActionID, events to the tracker. */
  private session(handshake: Handshake): Session {
    let bannerSeen = false;
    return {
      read: (buffer) => {
        let rest = buffer;
        if (!bannerSeen) {
          const eol = rest.indexOf('\r\n');
          if (eol < 0) return rest;
          bannerSeen = true;
          rest = rest.subarray(eol + 2);
          this.action({
            Action: 'Login',
            Username: this.settings.username,
            Secret: this.settings.secret,
            Events: 'call',
          })
            .then(() => handshake.ready())
            .catch((error: Error) => handshake.fail(error));
        }
        // Whole blocks only are decoded, so a character split between two reads stays whole.
        const end = rest.lastIndexOf('\r\n\r\n');
        if (end < 0) return rest;
        for (const message of parseAmiBlocks(rest.subarray(0, end + 4).toString('utf8')).messages)
          this.receive(message);
        return rest.subarray(end + 4);
      },
      closed: () => {
        for (const waiting of this.pending.values()) waiting.reject(new CtiCommandError('AMI connection closed'));
        this.pending.clear();
      },
    };
  }

  private receive(message: AmiMessage): void {
    const waiting = message.ActionID ? this.pending.get(message.ActionID) : undefined;
    if (message.Response && waiting) {
      this.pending.delete(message.ActionID!);
      if (message.Response === 'Error') waiting.reject(new CtiCommandError(message.Message ?? 'AMI error'));
      else waiting.resolve(message);
      return;
    }
    for (const event of this.tracker.handle(message)) void Promise.resolve(this.sink(event)).catch(() => {});
  }

  /** Sends an action and waits for its Response (Success or Error) by ActionID. */
  action(fields: Record<string, string | number>): Promise<AmiMessage> {
    if (!this.connection.connected) return Promise.reject(new CtiCommandError('AMI not connected'));
    const actionId = String(this.nextActionId++);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(actionId);
        reject(new CtiCommandError('AMI did not answer'));
      }, 10_000);
      timer.unref();
      this.pending.set(actionId, {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.connection.write(amiBlock({ ...fields, ActionID: actionId }));
    });
  }

  async stop(): Promise<void> {
    await this.connection.stop(() => this.action({ Action: 'Logoff' }).catch(() => {}));
  }

  async dial({ extension, number }: { extension: string; number: string }) {
    const context = this.settings.dialContext;
    await this.action({
      Action: 'Originate',
      Channel: `Local/${extension}@${context}`,
      Context: context,
      Exten: number,
      Priority: 1,
      CallerID: `${number} <${extension}>`,
      Async: 'true',
    });
    // The call's Linkedid is known only from its events (Newchannel, DialBegin).
    return { callId: null };
  }

  async hangUp(callId: string): Promise<void> {
    const channel = this.tracker.channelOf(callId);
    if (!channel) throw new CtiCommandError('unknown call');
    await this.action({ Action: 'Hangup', Channel: channel });
  }

  async transfer(callId: string, extension: string): Promise<void> {
    const channel = this.tracker.channelOf(callId);
    if (!channel) throw new CtiCommandError('unknown call');
    await this.action({
      Action: 'Redirect',
      Channel: channel,
      Exten: extension,
      Context: this.settings.dialContext,
      Priority: 1,
    });
  }
}
