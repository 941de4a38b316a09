import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { SmsSettings, SmsSettingsInput } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { seal, unseal } from '../../platform/secret-box.ts';
import { readOwnRowSetting, writeOwnRowSetting } from '../settings/index.ts';
import type { SmsProvider } from './provider.ts';
import { aliyunProvider } from './providers/aliyun.provider.ts';
import { outboxProvider } from './providers/outbox.provider.ts';
import { tencentProvider } from './providers/tencent.provider.ts';

const key = 'smsProvider';

/** As stored: each key secret sealed with the server's secret (platform/secret-box.ts), never shown again. */
type Stored = {
  provider: SmsSettings['provider'];
  perRecipientPerHour: number;
  aliyun: { accessKeyId: string; secretSealed: string; endpoint: string | null; protocol: 'https' | 'http' } | null;
  tencent: {
    secretId: string;
    secretSealed: string;
    sdkAppId: string;
    region: string;
    endpoint: string | null;
    protocol: 'https' | 'http';
  } | null;
};

export function readStored(db: Kysely<DB>): Promise<Stored | null> {
  return readOwnRowSetting<Stored>(db, key);
}

/**
 * A callback URL's signature: an HMAC of the provider and kind under a key derived from the server's
 * secret. Aliyun's and Tencent's pushes carry no signature of their own, so the URL given to them does.
 */
export function callbackSignature(secret: string, provider: string, kind: string): string {
  const callbackKey = Buffer.from(hkdfSync('sha256', secret, 'relate', 'sms-callbacks', 32));
  return createHmac('sha256', callbackKey).update(`${provider}:${kind}`).digest('hex');
}

export function checkCallbackSignature(secret: string, provider: string, kind: string, given: string): boolean {
  const expected = Buffer.from(callbackSignature(secret, provider, kind));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const callbackPath = (secret: string, provider: string, kind: string) =>
  `/api/public/v1/sms/callbacks/${provider}/${kind}?signature=${callbackSignature(secret, provider, kind)}`;

function publicSettings(ctx: AppContext, stored: Stored | null): SmsSettings | null {
  if (!stored) return null;
  const secret = ctx.config.sessionSecret;
  return {
    provider: stored.provider,
    perRecipientPerHour: stored.perRecipientPerHour,
    aliyun: stored.aliyun
      ? {
          accessKeyId: stored.aliyun.accessKeyId,
          secretSet: Boolean(stored.aliyun.secretSealed),
          endpoint: stored.aliyun.endpoint,
          protocol: stored.aliyun.protocol,
        }
      : null,
    tencent: stored.tencent
      ? {
          secretId: stored.tencent.secretId,
          secretSet: Boolean(stored.tencent.secretSealed),
          sdkAppId: stored.tencent.sdkAppId,
          region: stored.tencent.region,
          endpoint: stored.tencent.endpoint,
          protocol: stored.tencent.protocol,
        }
      : null,
    callbacks: {
      receipts: callbackPath(secret, stored.provider, 'receipts'),
      replies: callbackPath(secret, stored.provider, 'replies'),
    },
  };
}

export async function getSmsSettings(ctx: AppContext): Promise<SmsSettings | null> {
  return publicSettings(ctx, await readStored(ctx.db));
}

export async function saveSmsSettings(ctx: AppContext, actor: Actor, input: SmsSettingsInput): Promise<SmsSettings> {
  const secret = ctx.config.sessionSecret;
  return inTransaction(ctx, async (ctx) => {
    const before = await readStored(ctx.db);
    const sealedOr = (plain: string | undefined, kept: string | undefined, field: string) => {
      if (plain) return seal(secret, plain);
      if (kept) return kept;
      throw fieldError(field, 'smsSecretRequired');
    };
    const stored: Stored = {
      provider: input.provider,
      perRecipientPerHour: input.perRecipientPerHour,
      // Left out, a provider's keys stay as they were (switching to the outbox for a while keeps them); null removes them.
      aliyun:
        input.aliyun === undefined
          ? (before?.aliyun ?? null)
          : input.aliyun
            ? {
                accessKeyId: input.aliyun.accessKeyId,
                secretSealed: sealedOr(
                  input.aliyun.accessKeySecret,
                  before?.aliyun?.secretSealed,
                  'aliyun.accessKeySecret',
                ),
                endpoint: input.aliyun.endpoint ?? null,
                protocol: input.aliyun.protocol,
              }
            : null,
      tencent:
        input.tencent === undefined
          ? (before?.tencent ?? null)
          : input.tencent
            ? {
                secretId: input.tencent.secretId,
                secretSealed: sealedOr(input.tencent.secretKey, before?.tencent?.secretSealed, 'tencent.secretKey'),
                sdkAppId: input.tencent.sdkAppId,
                region: input.tencent.region,
                endpoint: input.tencent.endpoint ?? null,
                protocol: input.tencent.protocol,
              }
            : null,
    };
    if (stored.provider === 'aliyun' && !stored.aliyun) throw fieldError('aliyun', 'required');
    if (stored.provider === 'tencent' && !stored.tencent) throw fieldError('tencent', 'required');
    await writeOwnRowSetting(ctx.db, key, stored);
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'settings',
      detail: {
        smsProvider: {
          provider: stored.provider,
          perRecipientPerHour: stored.perRecipientPerHour,
          aliyunSecretChanged: Boolean(input.aliyun?.accessKeySecret),
          tencentSecretChanged: Boolean(input.tencent?.secretKey),
        },
      },
    });
    return publicSettings(ctx, stored)!;
  });
}

const unsealed = (secret: string, sealed: string) => {
  const plain = unseal(secret, sealed);
  if (plain === null) throw new AppError('CONFLICT', 'smsSecretUnreadable');
  return plain;
};

/** The provider set up, ready to send; `name` picks one for its callbacks whichever is current. */
export function providerOf(
  ctx: AppContext,
  stored: Stored,
  name: SmsSettings['provider'] = stored.provider,
): SmsProvider {
  const secret = ctx.config.sessionSecret;
  if (name === 'aliyun' && stored.aliyun)
    return aliyunProvider({
      accessKeyId: stored.aliyun.accessKeyId,
      accessKeySecret: unsealed(secret, stored.aliyun.secretSealed),
      endpoint: stored.aliyun.endpoint,
      protocol: stored.aliyun.protocol,
    });
  if (name === 'tencent' && stored.tencent)
    return tencentProvider({
      secretId: stored.tencent.secretId,
      secretKey: unsealed(secret, stored.tencent.secretSealed),
      sdkAppId: stored.tencent.sdkAppId,
      region: stored.tencent.region,
      endpoint: stored.tencent.endpoint,
      protocol: stored.tencent.protocol,
    });
  if (name === 'outbox') return outboxProvider(ctx.db);
  throw new AppError('CONFLICT', 'smsNotConfigured');
}
