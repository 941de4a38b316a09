import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';
import type { TestDialect } from './databases.ts';

export type ReceivedMail = { from: string; to: string[]; raw: string };

/** A real SMTP server on a free local port that keeps what it receives; `reject` makes it refuse messages. */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const state = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    // Plain connections on loopback: no TLS, so sign-in is allowed without it.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'crm' && auth.password === 's3cret') return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.reject) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type TestSmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/**
 * A test app and a local SMTP server for the tests of one describe block: started before them and closed
 * after. Read `env.t` and `env.smtp` inside the tests (they exist once the block has started).
 */
export function appWithMailServer(dialect: TestDialect) {
  const env = {} as { t: TestApp; smtp: TestSmtpServer };
  beforeAll(async () => {
    env.t = await createTestApp(dialect);
    env.smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await env.t?.close();
    await env.smtp?.close();
  });
  return env;
}
