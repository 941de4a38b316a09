import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { defaultReplicaMaxLagMs, defaultSqliteMmapMb, maxSqliteMmapMb } from './db/database.ts';
import { replicaTrustForMs } from './db/replica-health.ts';

const maxReplicaLagSeconds = 600;
const maxReadYourWritesSeconds = 3600;
const defaultReadYourWritesSeconds = 5;

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must start with sqlite: or postgres://')
      .optional(),
    /** A streaming replica of the PostgreSQL database, for heavy reads (lists, search, reports, exports); ignored on SQLite. */
    DATABASE_REPLICA_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// (a standby of the PostgreSQL database)')
      .optional(),
    /** Further behind the primary than this, the replica answers nothing: its reads go to the primary. */
    REPLICA_MAX_LAG_SECONDS: seconds(defaultReplicaMaxLagMs / 1000, maxReplicaLagSeconds),
    /** After a user's write, that user's reads go to the primary for this long, so they see what they wrote. */
    READ_YOUR_WRITES_SECONDS: seconds(defaultReadYourWritesSeconds, maxReadYourWritesSeconds),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    RELATE_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    RELATE_DEMO: z.enum(['0', '1', 'true', 'false', '']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** How long a running import or job may go without its server instance saying it is still at it before another instance takes it as abandoned. */
    WORK_LOCK_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(2, 'must be a whole number of at least 2')
      .max(86_400)
      .default(60),
    /** The address customers reach the server at (https://crm.example.com); links in unrequested mail such as password resets use only this. */
    PUBLIC_URL: z
      .string()
      .url()
      .regex(/^https?:\/\//, 'must start with http:// or https://')
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /** A TrueType/OpenType font with Chinese glyphs for PDF documents; the bundled Noto Sans SC otherwise. */
    RELATE_PDF_FONT: z
      .string()
      .min(1)
      .refine((file) => existsSync(file), 'no such file')
      .optional(),
    /** The reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges, comma-separated; none by default. */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .refine(
        (parts) => parts.every(isProxyAddress),
        'must be IP addresses or CIDR ranges, comma-separated (e.g. 127.0.0.1,10.0.0.0/8)',
      ),
    /** How much of a SQLite database file is read through memory mapping, in MB (0 to 2047). */
    SQLITE_MMAP_MB: z.coerce
      .number()
      .int('must be a whole number of MB from 0 to 2047')
      .min(0, 'must be a whole number of MB from 0 to 2047')
      .max(maxSqliteMmapMb, 'must be a whole number of MB from 0 to 2047')
      .default(defaultSqliteMmapMb),
    /**
     * Whether webhooks may be sent to loopback, private and link-local addresses (1/true). Off by default:
     * a webhook's URL must not reach into the server's own network (SSRF). Tests and a private install set it.
     */
    WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1', 'true', 'false', '']).optional(),
    /** Where uploaded files are kept: `directory` (DATA_DIR/files) or `database` (shared by every instance). */
    FILE_STORE: z.enum(['directory', 'database'], { message: 'must be directory or database' }).default('directory'),
    /** The largest file the database store takes, in MB; a larger upload is refused (413). */
    FILE_STORE_DATABASE_MAX_MB: z.coerce
      .number()
      .int('must be a whole number of MB from 1 to 1024')
      .min(1, 'must be a whole number of MB from 1 to 1024')
      .max(1024, 'must be a whole number of MB from 1 to 1024')
      .default(50),
    RATE_LIMIT_WINDOW_SECONDS: limit(60),
    RATE_LIMIT_SIGN_IN_PER_IP: limit(60),
    RATE_LIMIT_SIGN_IN_PER_ACCOUNT: limit(30),
    RATE_LIMIT_PASSWORD_PER_IP: limit(20),
    RATE_LIMIT_PASSWORD_PER_ACCOUNT: limit(5),
    RATE_LIMIT_PUBLIC_FORM_PER_IP: limit(30),
    RATE_LIMIT_SMS_CALLBACK_PER_IP: limit(600),
    RATE_LIMIT_WEB_FORM_PER_FORM: limit(300),
  })
  .superRefine((env, context) => {
    // A user's first read after the window may be the replica's, which may then be the lag limit behind,
    // measured up to replicaTrustForMs before: the window must outlast both for the read to hold the write.
    const needed = env.REPLICA_MAX_LAG_SECONDS + replicaTrustForMs / 1000;
    if (env.DATABASE_REPLICA_URL && env.DATABASE_URL?.startsWith('postgres') && env.READ_YOUR_WRITES_SECONDS < needed)
      context.addIssue({
        code: 'custom',
        path: ['READ_YOUR_WRITES_SECONDS'],
        message: `must be at least REPLICA_MAX_LAG_SECONDS + ${replicaTrustForMs / 1000} (${needed}), or a user could read the replica before their own write reached it`,
      });
  });

function seconds(fallback: number, max: number) {
  const meaning = `must be a number of seconds above 0 and at most ${max}`;
  return z.coerce.number(meaning).positive(meaning).max(max, meaning).default(fallback);
}

function limit(fallback: number) {
  return z.coerce.number().int().min(1, 'must be a whole number of at least 1').max(1_000_000).default(fallback);
}

function isProxyAddress(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/** Requests allowed per window (`windowSeconds`) from one address or for one account. */
export type RateLimits = {
  windowSeconds: number;
  signInPerIp: number;
  signInPerAccount: number;
  passwordPerIp: number;
  passwordPerAccount: number;
  publicFormPerIp: number;
  /** SMS providers' delivery-receipt and reply callbacks per client address. */
  smsCallbackPerIp: number;
  /** Submissions of one web-to-lead form, from anyone. */
  webFormPerForm: number;
};

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  sessionSecret: string;
  adminPassword: string | undefined;
  demo: boolean;
  logLevel: string;
  /** Milliseconds after which running work whose instance stopped refreshing its lock counts as abandoned. */
  workLockTimeoutMs: number;
  pdfFont: string | undefined;
  publicUrl: string | undefined;
  /** Addresses of the proxies trusted to report the client's address; empty trusts none. */
  trustProxy: string[];
  /** MB of a SQLite database file read through memory mapping. */
  sqliteMmapMb: number;
  rateLimits: RateLimits;
  /** Where uploaded files are kept (platform/file-store.ts). */
  fileStore: { kind: 'directory' | 'database'; databaseMaxMb: number };
  /** Webhooks may reach loopback and private addresses (refused otherwise). */
  webhooksAllowPrivate: boolean;
  /** The read replica (PostgreSQL only; db/replica-routing.ts). */
  replica: {
    url: string | undefined;
    /** Further behind than this, reads go to the primary. */
    maxLagMs: number;
    /** How long after a user's write that user's reads go to the primary. */
    readYourWritesMs: number;
  };
};

export class ConfigError extends Error {}

/** Reads the environment once; a bad value names its variable in one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseUrl: values.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'relate.db')}`,
    sessionSecret: values.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    adminPassword: values.RELATE_ADMIN_PASSWORD,
    demo: values.RELATE_DEMO === '1' || values.RELATE_DEMO === 'true',
    logLevel: values.LOG_LEVEL,
    workLockTimeoutMs: values.WORK_LOCK_TIMEOUT_SECONDS * 1000,
    pdfFont: values.RELATE_PDF_FONT,
    publicUrl: values.PUBLIC_URL,
    trustProxy: values.TRUST_PROXY,
    sqliteMmapMb: values.SQLITE_MMAP_MB,
    webhooksAllowPrivate: values.WEBHOOKS_ALLOW_PRIVATE === '1' || values.WEBHOOKS_ALLOW_PRIVATE === 'true',
    fileStore: { kind: values.FILE_STORE, databaseMaxMb: values.FILE_STORE_DATABASE_MAX_MB },
    replica: {
      url: values.DATABASE_REPLICA_URL,
      maxLagMs: Math.round(values.REPLICA_MAX_LAG_SECONDS * 1000),
      readYourWritesMs: Math.round(values.READ_YOUR_WRITES_SECONDS * 1000),
    },
    rateLimits: {
      windowSeconds: values.RATE_LIMIT_WINDOW_SECONDS,
      signInPerIp: values.RATE_LIMIT_SIGN_IN_PER_IP,
      signInPerAccount: values.RATE_LIMIT_SIGN_IN_PER_ACCOUNT,
      passwordPerIp: values.RATE_LIMIT_PASSWORD_PER_IP,
      passwordPerAccount: values.RATE_LIMIT_PASSWORD_PER_ACCOUNT,
      publicFormPerIp: values.RATE_LIMIT_PUBLIC_FORM_PER_IP,
      smsCallbackPerIp: values.RATE_LIMIT_SMS_CALLBACK_PER_IP,
      webFormPerForm: values.RATE_LIMIT_WEB_FORM_PER_FORM,
    },
  };
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
