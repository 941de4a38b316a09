import type nodemailer from 'nodemailer';
import type MailComposerType from 'nodemailer/lib/mail-composer';
import { lazyPackage } from '../../platform/lazy-package.ts';
import type { StoredMailSettings } from './mail.settings.ts';

const mailer = lazyPackage<typeof nodemailer>('nodemailer');
const lazyComposer = lazyPackage<typeof MailComposerType>('nodemailer/lib/mail-composer');

export type Mail = {
  to: string | string[];
  cc?: string[];
  /** Answers go to the person who sent it, not to the shared sending address. */
  replyTo?: string | null;
  subject: string;
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
};

/** An outgoing server: the company's (mail settings) or a mailbox's own. */
export type MailServer = Pick<StoredMailSettings, 'host' | 'port' | 'secure' | 'username' | 'password'>;

/** How to reach an outgoing server: address, login and the timeouts every send uses. */
function connectionOf(settings: MailServer) {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.username ? { user: settings.username, pass: settings.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  };
}

function transportOf(settings: MailServer) {
  return mailer().createTransport(connectionOf(settings));
}

/** The company's sender, with its display name when one is set. */
const senderOf = (settings: StoredMailSettings) =>
  settings.fromName ? { name: settings.fromName, address: settings.from } : settings.from;

export type ComposedMail = {
  from: { name: string | null; address: string };
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
  inReplyTo?: string | null;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
};

/**
 * The message as it goes over the wire (RFC 5322 bytes, Bcc left out), so that the very same bytes are
 * sent and placed in the Sent folder.
 */
export function composeMail(mail: ComposedMail): Promise<Buffer> {
  const MailComposer = lazyComposer();
  const composer = new MailComposer({
    from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
    to: mail.to,
    cc: mail.cc.length ? mail.cc : undefined,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? undefined,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo ?? undefined,
    references: mail.references?.length ? mail.references : undefined,
    headers: mail.headers,
    attachments: mail.attachments,
    date: new Date(),
  });
  return new Promise((resolve, reject) =>
    composer.compile().build((error: Error | null, message: Buffer) => (error ? reject(error) : resolve(message))),
  );
}

/** Sends composed bytes to the recipients (To, Cc and Bcc); a refused message throws with the server's reason. */
export async function sendRawMail(server: MailServer, envelope: { from: string; to: string[] }, raw: Buffer) {
  const transport = transportOf(server);
  try {
    await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}

/** Sends one message through the configured server; a refused message throws with the server's reason. */
export async function sendMail(settings: StoredMailSettings, mail: Mail): Promise<void> {
  const transport = transportOf(settings);
  try {
    await transport.sendMail({
      from: senderOf(settings),
      ...mail,
      replyTo: mail.replyTo ?? undefined,
    });
  } finally {
    transport.close();
  }
}

export type MailPool = {
  /** Sends one message; a refused message throws with the server's reason. */
  send(message: {
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<void>;
  close(): void;
};

/**
 * A pool of connections to the company's server for a bulk send (nodemailer's `pool`), signing each message
 * with DKIM when a key is given, its envelope sender the bounce address when one is set. The sender paces the messages; the pool only keeps connections open.
 */
export function openMailPool(
  settings: StoredMailSettings,
  dkim: { domainName: string; keySelector: string; privateKey: string } | null,
): MailPool {
  const transport = mailer().createTransport({
    ...connectionOf(settings),
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    dkim: dkim ?? undefined,
  });
  const from = senderOf(settings);
  // Bulk mail's bounces go to the bounce mailbox (the envelope sender), where a sync reads them.
  const bounceTo = settings.bounceAddress;
  return {
    async send(message) {
      await transport.sendMail({
        from,
        ...message,
        ...(bounceTo ? { envelope: { from: bounceTo, to: message.to } } : {}),
      });
    },
    close: () => transport.close(),
  };
}
