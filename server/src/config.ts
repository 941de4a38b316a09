import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must start with sqlite: or postgres://')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  RELATE_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  RELATE_DEMO: z.enum(['0', '1', 'true', 'false', '']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  sessionSecret: string;
  adminPassword: string | undefined;
  demo: boolean;
  logLevel: string;
  pdfFont: string | undefined;
  publicUrl: string | undefined;
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
    pdfFont: values.RELATE_PDF_FONT,
    publicUrl: values.PUBLIC_URL,
  };
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
