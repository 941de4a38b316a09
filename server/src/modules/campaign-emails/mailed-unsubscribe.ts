import type { AppContext } from '../../platform/context.ts';
import { readMailSettings } from '../mail/index.ts';
import type { ReceivedMail } from '../mailboxes/index.ts';
import * as repo from './campaign-emails.repository.ts';
import { unsubscribeRecipientByMail } from './public.service.ts';
import { recipientOfToken } from './tracking.ts';

/** The subject a List-Unsubscribe mailto asks a mail program to send: the word and the recipient's token. */
const subjectOf = (token: string) => `unsubscribe ${token}`;

/** The mailto: of a List-Unsubscribe header (RFC 2369): a message to the unsubscribe address naming the recipient. */
export function unsubscribeMailto(address: string, token: string): string {
  return `mailto:${address}?subject=${encodeURIComponent(subjectOf(token))}`;
}

const asksToUnsubscribe = /^\s*(?:unsubscribe|退订)/i;
const tokenIn = /\b(\d{1,10}\.[A-Za-z0-9_-]{22})\b/;

/**
 * Requests to unsubscribe mailed to the address campaign mail gives in its List-Unsubscribe header (the bounce
 * address of the mail settings), read by a mailbox sync: a message to it whose subject starts with
 * "unsubscribe" (or 退订) unsubscribes the recipient its signed token names — as the one-click link does — or,
 * written by hand without one, the recipient of the campaign message it answers when it comes from the address
 * that message went to. Anything else is left alone; a request read twice changes nothing more.
 */
export async function takeMailedUnsubscribes(ctx: AppContext, messages: ReceivedMail[]): Promise<void> {
  const requests = messages.filter((m) => asksToUnsubscribe.test(m.subject));
  if (!requests.length) return;
  const address = (await readMailSettings(ctx.db, ctx.config.sessionSecret))?.bounceAddress?.toLowerCase();
  if (!address) return;
  for (const message of requests) {
    if (![...message.to, ...message.cc].some((to) => to.address.toLowerCase() === address)) continue;
    const token = tokenIn.exec(message.subject)?.[1];
    const signed = token ? recipientOfToken(ctx.config.sessionSecret, token) : null;
    if (signed) {
      await unsubscribeRecipientByMail(ctx, signed);
      continue;
    }
    const from = message.from?.address.toLowerCase();
    for (const messageId of [message.inReplyTo, ...message.references]) {
      const answered = messageId ? await repo.findRecipientByMessageId(ctx.db, messageId) : undefined;
      if (!answered || !from || answered.email?.toLowerCase() !== from) continue;
      await unsubscribeRecipientByMail(ctx, answered.id);
      break;
    }
  }
}
