import type { AppContext } from '../../platform/context.ts';
import type { ParsedEmail } from './mailboxes.imap.ts';

/** What a module told of received mail sees of each message. */
export type ReceivedMail = Pick<ParsedEmail, 'from' | 'to' | 'cc' | 'subject' | 'inReplyTo' | 'references'>;

export type ReceivedMailHandler = (ctx: AppContext, messages: ReceivedMail[]) => Promise<void>;

let receivedMailHandler: ReceivedMailHandler | null = null;

/**
 * Who is told of every message a mailbox sync reads, whoever it is about (campaign email, which takes the
 * unsubscribe requests mailed to its address); registered at start-up, as that module depends on this one.
 * The handler runs in the transaction that records the batch, so a message is taken in once.
 */
export function onReceivedMail(handler: ReceivedMailHandler): void {
  receivedMailHandler = handler;
}

export async function takeReceivedMail(ctx: AppContext, messages: ReceivedMail[]): Promise<void> {
  if (messages.length) await receivedMailHandler?.(ctx, messages);
}
