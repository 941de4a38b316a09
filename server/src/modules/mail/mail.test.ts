import { describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient } from '../../../test/factories.ts';
import { appWithMailServer } from '../../../test/smtp.ts';
import { jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { sealKeptMailPassword } from './mail.settings.ts';

/** Subject lines come encoded (RFC 2047) when they are not ASCII. */
const decodedSubject = (raw: string) => {
  const line = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return line
    .replace(/\r\n[ \t]/g, '')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
    );
};

describe.each(testDialects)('outgoing mail on %s', (dialect) => {
  const env = appWithMailServer(dialect);
  const runJobs = () =>
    runDueJobs(
      { db: env.t.database.db, dialect: env.t.database.dialect, config: env.t.config } as AppContext,
      jobHandlers,
      [],
      'test',
      new Date(Date.now() + 3600_000),
    );

  it('keeps the mail server settings without showing the password, and sends a test message', async () => {
    expect((await env.t.admin.get('/api/v1/settings/mail')).json()).toBeNull();
    expect((await env.t.admin.post('/api/v1/settings/mail/test', { to: 'ops@example.com' })).statusCode).toBe(409);
    const saved = await env.t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      username: 'crm',
      password: 's3cret',
      from: 'crm@example.com',
      fromName: 'Relate',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      username: 'crm',
      from: 'crm@example.com',
      fromName: 'Relate',
      bounceAddress: null,
      passwordSet: true,
      dkimDomain: null,
      dkimSelector: null,
      dkimKeySet: false,
    });
    expect(JSON.stringify((await env.t.admin.get('/api/v1/settings/mail')).json())).not.toContain('s3cret');
    // Nor does the database hold it in plain text: it is sealed with the server's secret.
    const keptValue = async () =>
      (
        await env.t.database.db
          .selectFrom('settings')
          .select('value')
          .where('key', '=', 'mailServer')
          .executeTakeFirstOrThrow()
      ).value as string;
    expect(await keptValue()).not.toContain('s3cret');
    // Saving without a password keeps the stored one.
    expect(
      (
        await env.t.admin.put('/api/v1/settings/mail', {
          host: '127.0.0.1',
          port: env.smtp.port,
          secure: false,
          username: 'crm',
          from: 'crm@example.com',
        })
      ).json().passwordSet,
    ).toBe(true);

    expect((await env.t.admin.post('/api/v1/settings/mail/test', { to: 'ops@example.com' })).statusCode).toBe(204);
    expect(env.smtp.received.at(-1)).toMatchObject({ from: 'crm@example.com', to: ['ops@example.com'] });

    // Settings saved before passwords were sealed are sealed when the server starts, and still sign in.
    const { passwordSealed: _sealed, ...plain } = JSON.parse(await keptValue());
    await env.t.database.db
      .updateTable('settings')
      .set({ value: JSON.stringify({ ...plain, password: 's3cret' }) })
      .where('key', '=', 'mailServer')
      .execute();
    expect((await env.t.admin.get('/api/v1/settings/mail')).json().passwordSet).toBe(true);
    await sealKeptMailPassword(env.t.database.db, env.t.config.sessionSecret);
    expect(await keptValue()).not.toContain('s3cret');
    expect((await env.t.admin.post('/api/v1/settings/mail/test', { to: 'ops@example.com' })).statusCode).toBe(204);

    env.smtp.state.reject = true;
    const refused = await env.t.admin.post('/api/v1/settings/mail/test', { to: 'ops@example.com' });
    env.smtp.state.reject = false;
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error.message).toContain('Mailbox unavailable');
  });

  it('emails a task reminder in the assignee’s language when a mail server is set up', async () => {
    await env.t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      from: 'crm@example.com',
    });
    const rep = await createUserClient(env.t, 'sales_rep', undefined, { email: 'rep@example.com', locale: 'zh-CN' });
    const before = env.smtp.received.length;
    const dueAt = new Date(Date.now() + 20 * 60_000).toISOString();
    expect((await rep.post('/api/v1/tasks', { subject: '给客户回电', dueAt, remindMinutes: 30 })).statusCode).toBe(201);
    await runJobs();
    await runJobs();
    const mails = env.smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['rep@example.com']);
    expect(decodedSubject(mails[0].raw)).toBe('任务即将到期：给客户回电');
  });

  it('sends nothing once the mail server is removed, and keeps the settings from non-admins', async () => {
    const rep = await createUserClient(env.t, 'sales_rep', undefined, { email: 'rep2@example.com' });
    expect((await rep.get('/api/v1/settings/mail')).statusCode).toBe(403);
    expect(
      (await rep.put('/api/v1/settings/mail', { host: 'x', port: 25, secure: false, from: 'a@b.co' })).statusCode,
    ).toBe(403);
    const bad = await env.t.admin.put('/api/v1/settings/mail', {
      host: '',
      port: 70000,
      secure: false,
      from: 'not-an-address',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['from', 'host', 'port']);

    expect((await env.t.admin.delete('/api/v1/settings/mail')).statusCode).toBe(204);
    const before = env.smtp.received.length;
    await rep.post('/api/v1/tasks', {
      subject: 'quiet',
      dueAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      remindMinutes: 30,
    });
    await runJobs();
    expect(env.smtp.received.length).toBe(before);
    expect(
      (await rep.get('/api/v1/notifications')).json().items.some((n: { kind: string }) => n.kind === 'taskDue'),
    ).toBe(true);
  });
});
