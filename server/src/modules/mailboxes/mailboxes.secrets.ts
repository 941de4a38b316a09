import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { unseal } from '../../platform/secret-box.ts';
import type { ImapAccount } from './mailboxes.imap.ts';

/** The IMAP sign-in of a stored mailbox, its password unsealed with the server's secret. */
export function imapAccountOf(
  ctx: AppContext,
  mailbox: {
    imapHost: string;
    imapPort: number;
    imapTls: boolean | number;
    imapUser: string;
    imapPasswordSealed: string;
  },
): ImapAccount {
  const password = unseal(ctx.config.sessionSecret, mailbox.imapPasswordSealed);
  // Sealed under another secret (SESSION_SECRET changed): the password has to be entered again.
  if (password === null) throw new AppError('MAILBOX_LOGIN_FAILED', 'mailboxPasswordUnreadable');
  return {
    host: mailbox.imapHost,
    port: Number(mailbox.imapPort),
    tls: Boolean(mailbox.imapTls),
    user: mailbox.imapUser,
    password,
  };
}
