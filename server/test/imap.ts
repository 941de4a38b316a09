import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './ports.ts';

/** Where Debian's dovecot-imapd puts the server; .ci/run installs it. Tests of IMAP skip (saying so) without it. */
export const dovecotBinary = ['/usr/sbin/dovecot', '/usr/bin/dovecot'].find((p) => existsSync(p)) ?? null;

export type ImapUser = { name: string; password: string };
export type DovecotServer = {
  port: number;
  /** A client signed in as the user (for placing messages by APPEND and reading flags); closed by the caller. */
  client(user: ImapUser): Promise<ImapFlow>;
  stop(): Promise<void>;
};

function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`dovecot stopped: ${log()}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`dovecot did not listen on ${port}: ${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * A real Dovecot IMAP server on a free port of 127.0.0.1, with a throw-away configuration, users and
 * maildirs in a temporary directory, run as the current user (no chroot, no TLS, plain sign-in).
 */
export async function startDovecot(users: ImapUser[]): Promise<DovecotServer> {
  if (!dovecotBinary) throw new Error('dovecot is not installed (apt-get install dovecot-imapd)');
  const dir = mkdtempSync(path.join(tmpdir(), 'relate-dovecot-'));
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(path.join(dir, sub));
  const port = await freePort();
  const me = userInfo();
  const group = spawnSync('id', ['-gn']).stdout.toString().trim() || me.username;
  // The login process may not run as root: as root it runs as Debian's unprivileged dovenull (or nobody).
  const loginUser = me.uid !== 0 ? me.username : spawnSync('id', ['dovenull']).status === 0 ? 'dovenull' : 'nobody';
  // Nor may mail be read as root: as root the maildirs belong to nobody.
  const mailUid = me.uid !== 0 ? me.uid : Number(spawnSync('id', ['-u', 'nobody']).stdout.toString().trim());
  const mailGid = me.uid !== 0 ? me.gid : Number(spawnSync('id', ['-g', 'nobody']).stdout.toString().trim());
  for (const sub of ['mail', 'home']) chownSync(path.join(dir, sub), mailUid, mailGid);
  // The login process reaches the auth socket under base_dir, so the directory must be open to it.
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'users'), users.map((u) => `${u.name}:{PLAIN}${u.password}`).join('\n') + '\n');
  writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${me.username}
default_internal_group = ${group}
default_login_user = ${loginUser}
mail_location = sdbox:${dir}/mail/%u
first_valid_uid = ${Math.min(mailUid, me.uid)}
first_valid_gid = 0
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service auth {
  user = ${me.username}
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
`,
  );
  const child = spawn(dovecotBinary, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitForPort(port, child, () => output);
  return {
    port,
    async client(user) {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user: user.name, pass: user.password },
        logger: false,
        disableAutoIdle: true,
      });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small RFC 5322 message. */
export function rawMessage(m: {
  from: string;
  to: string;
  subject: string;
  date: Date;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  text?: string;
  html?: string;
  attachment?: { name: string; content: string };
  headers?: Record<string, string>;
}): string {
  const head = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Date: ${m.date.toUTCString()}`,
    ...(m.messageId ? [`Message-ID: <${m.messageId}>`] : []),
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references?.length ? [`References: ${m.references.map((r) => `<${r}>`).join(' ')}`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
  ];
  const text = m.text ?? 'Hello';
  if (!m.html && !m.attachment) return [...head, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  const boundary = 'b-relate-test';
  const parts = [
    ['Content-Type: text/plain; charset=utf-8', '', text],
    ...(m.html ? [['Content-Type: text/html; charset=utf-8', '', m.html]] : []),
    ...(m.attachment
      ? [
          [
            `Content-Type: text/plain; name="${m.attachment.name}"`,
            `Content-Disposition: attachment; filename="${m.attachment.name}"`,
            'Content-Transfer-Encoding: base64',
            '',
            Buffer.from(m.attachment.content).toString('base64'),
          ],
        ]
      : []),
  ];
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    ...parts.flatMap((p) => [`--${boundary}`, ...p]),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/**
 * Places many messages in a folder by IMAP APPEND, all sent at once (LITERAL+, which Dovecot offers)
 * rather than one round trip each: 2 000 messages in a second or two.
 */
export function appendMany(port: number, user: ImapUser, folder: string, messages: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = '';
    let sent = false;
    let done = 0;
    const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\r\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('* OK') && !sent && !line.includes('Logged in')) {
          socket.write(`L LOGIN ${quote(user.name)} ${quote(user.password)}\r\n`);
        } else if (line.startsWith('L OK')) {
          sent = true;
          const parts = messages.map((m, i) => `A${i} APPEND ${quote(folder)} {${Buffer.byteLength(m)}+}\r\n${m}\r\n`);
          socket.write(parts.join(''));
        } else if (/^(L|A\d+) (NO|BAD)/.test(line)) {
          socket.destroy();
          reject(new Error(line));
        } else if (/^A\d+ OK/.test(line) && ++done === messages.length) {
          socket.end('Z LOGOUT\r\n');
          resolve();
        }
      }
    });
  });
}

/** The body of a request connecting a Dovecot user's mailbox to Relate (plain IMAP on 127.0.0.1). */
export function mailboxInput(imap: DovecotServer, user: ImapUser, extra: Record<string, unknown> = {}) {
  return {
    address: `${user.name}@relate.test`,
    imapHost: '127.0.0.1',
    imapPort: imap.port,
    imapTls: false,
    imapUser: user.name,
    password: user.password,
    syncFrom: '2026-01-01',
    ...extra,
  };
}
