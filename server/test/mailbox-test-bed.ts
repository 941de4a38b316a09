import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../src/platform/context.ts';
import { createTestApp, type TestApp } from './app.ts';
import type { TestDialect } from './databases.ts';
import { type DovecotServer, type ImapUser, mailboxInput, startDovecot } from './imap.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp.ts';

export type MailboxTestBed = {
  /** The app, the Dovecot server and (when asked for) the SMTP server: set once the suite has started. */
  t: TestApp;
  imap: DovecotServer;
  smtp: TestSmtpServer;
  /** The app's context, as a sync or a watcher is given it. */
  ctx(): AppContext;
  /** An IMAP client signed in as the user, signed out when the suite ends. */
  client(user: ImapUser): Promise<ImapFlow>;
  /** The body of a request connecting the user's mailbox. */
  mailboxBody(user: ImapUser, extra?: Record<string, unknown>): ReturnType<typeof mailboxInput>;
  /** Stored messages (or their mailbox entries), of one mailbox or of all. */
  countRows(table: 'emailMessages' | 'emailMessageMailboxes', mailboxId?: number): Promise<number>;
};

/**
 * What every mailbox suite starts with: a Dovecot server with the suite's users, the app on one
 * database, an in-process SMTP server when the suite sends mail, and the IMAP clients it opened —
 * started before its tests and stopped after them (call it inside the suite's `describe`).
 */
export function mailboxTestBed(
  dialect: TestDialect,
  users: Record<string, ImapUser>,
  options: { smtp?: boolean } = {},
): MailboxTestBed {
  const clients: ImapFlow[] = [];
  const bed: MailboxTestBed = {
    t: undefined as never,
    imap: undefined as never,
    smtp: undefined as never,
    ctx: () => ({ db: bed.t.database.db, dialect: bed.t.database.dialect, config: bed.t.config }) as AppContext,
    async client(user) {
      const c = await bed.imap.client(user);
      clients.push(c);
      return c;
    },
    mailboxBody: (user, extra = {}) => mailboxInput(bed.imap, user, extra),
    async countRows(table, mailboxId) {
      let q = bed.t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (mailboxId !== undefined) q = q.where('mailboxId', '=', mailboxId) as typeof q;
      return Number((await q.executeTakeFirstOrThrow()).n);
    },
  };
  beforeAll(async () => {
    bed.imap = await startDovecot(Object.values(users));
    if (options.smtp) bed.smtp = await startSmtpServer();
    bed.t = await createTestApp(dialect);
  });
  afterAll(async () => {
    for (const c of clients) await c.logout().catch(() => c.close());
    await bed.t?.close();
    await bed.smtp?.close();
    await bed.imap?.stop();
  });
  return bed;
}
