import type nodemailer from 'nodemailer';
import { lazyPackage } from '../../platform/lazy-package.ts';
import type { StoredMailSettings } from './mail.settings.ts';

const mailer = lazyPackage<typeof nodemailer>('nodemailer');

export type Mail = {
  to: string | string[];
  cc?: string[];
  /** Answers go to the person who sent it, not to the shared sending address. */
  replyTo?: string | null;
  subject: string;
  text: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
};

/** Sends one message through the configured server; a refused message throws with the server's reason. */
export async function sendMail(settings: StoredMailSettings, mail: Mail): Promise<void> {
  const transport = mailer().createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.username ? { user: settings.username, pass: settings.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({
      from: settings.fromName ? { name: settings.fromName, address: settings.from } : settings.from,
      ...mail,
      replyTo: mail.replyTo ?? undefined,
    });
  } finally {
    transport.close();
  }
}
