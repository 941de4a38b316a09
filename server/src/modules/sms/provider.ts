import type { SmsProviderName } from '@relate/common';

/** One message as a provider sends it: a registered template, its signature and the values of its variables. */
export type OutgoingSms = {
  /** Digits; a Chinese mobile without +86. */
  phone: string;
  signature: string;
  templateCode: string;
  /** The template's variables by name, and their order (Tencent's {1}, {2} …). */
  params: Record<string, string>;
  order: string[];
  /** The text as the recipient reads it, for the outbox. */
  content: string;
};

/** A delivery receipt from a provider's callback. */
export type SmsReceipt = { messageId: string; delivered: boolean; error: string | null; at: string | null };
/** A reply (uplink) from a provider's callback. */
export type SmsReply = { phone: string; text: string; at: string | null };

/**
 * What every SMS provider does: send one templated message (answering the provider's id for it, which
 * its delivery receipt names), and read its callbacks' bodies. Aliyun, Tencent and the local outbox
 * each live in their own file behind this interface.
 */
export interface SmsProvider {
  readonly name: SmsProviderName;
  send(message: OutgoingSms): Promise<{ messageId: string }>;
  receipts(body: unknown): SmsReceipt[];
  replies(body: unknown): SmsReply[];
  /** What the provider expects back from a callback it delivered. */
  readonly callbackAnswer: Record<string, unknown>;
}

/** The provider refused or could not be reached: the reason is shown to the sender. */
export class SmsSendError extends Error {}

export const asRecords = (body: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : []).filter(
    (item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object',
  );

export const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/** "2026-12-07 10:11:12" in China's time, or an ISO instant, as an ISO instant; null when unreadable. */
export function chinaTime(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(raw) ? `${raw.replace(' ', 'T')}+08:00` : raw;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
