import type * as TencentSms from 'tencentcloud-sdk-nodejs-sms';
import { lazyPackage } from '../../../platform/lazy-package.ts';
import { asRecords, type SmsProvider, SmsSendError, text } from '../provider.ts';

const tencentSms = lazyPackage<typeof TencentSms>('tencentcloud-sdk-nodejs-sms');

export type TencentSettings = {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  region: string;
  /** host[:port]; the public endpoint when null. */
  endpoint: string | null;
  protocol: 'https' | 'http';
};

/**
 * Tencent Cloud SMS (API 2021-01-11) through its SDK, which signs with TC3-HMAC-SHA256: the canonical
 * request (method, path, query, content-type and host headers, the body's SHA-256) hashed into a string to
 * sign with the date and the credential scope `date/service/tc3_request`, signed with a key derived
 * from "TC3" + SecretKey by HMAC over the date, the service and "tc3_request". Delivery receipts
 * arrive as a JSON array, replies one JSON object at a time.
 */
export function tencentProvider(settings: TencentSettings): SmsProvider {
  let client: InstanceType<typeof TencentSms.sms.v20210111.Client> | undefined;
  const clientOf = () =>
    (client ??= new (tencentSms().sms.v20210111.Client)({
      credential: { secretId: settings.secretId, secretKey: settings.secretKey },
      region: settings.region,
      profile: {
        httpProfile: {
          endpoint: settings.endpoint ?? 'sms.tencentcloudapi.com',
          protocol: `${settings.protocol}://`,
          reqTimeout: 10,
        },
      },
    }));
  return {
    name: 'tencent',
    async send(message) {
      let status: { Code?: string; Message?: string; SerialNo?: string } | undefined;
      try {
        const response = await clientOf().SendSms({
          PhoneNumberSet: [message.phone.length === 11 ? `+86${message.phone}` : `+${message.phone}`],
          SmsSdkAppId: settings.sdkAppId,
          SignName: message.signature,
          TemplateId: message.templateCode,
          TemplateParamSet: message.order.map((name) => message.params[name] ?? ''),
        });
        status = response.SendStatusSet?.[0];
      } catch (error) {
        const failure = error as { code?: string; message?: string };
        throw new SmsSendError([failure.code, failure.message].filter(Boolean).join(' ') || 'unknown error');
      }
      if (status?.Code !== 'Ok' || !status.SerialNo)
        throw new SmsSendError(`${status?.Code ?? '?'} ${status?.Message ?? ''}`.trim());
      return { messageId: status.SerialNo };
    },
    receipts(payload) {
      return asRecords(payload).flatMap((item) => {
        const messageId = text(item.sid);
        if (!messageId) return [];
        const delivered = item.report_status === 'SUCCESS';
        return [
          {
            messageId,
            delivered,
            error: delivered ? null : [text(item.errmsg), text(item.description)].filter(Boolean).join(' ') || null,
            at: secondsOrTime(item.user_receive_time),
          },
        ];
      });
    },
    replies(payload) {
      return asRecords(payload).flatMap((item) => {
        const mobile = text(item.mobile);
        const content = text(item.text);
        if (!mobile || content === null) return [];
        const nation = text(item.nationcode) ?? '86';
        return [
          { phone: nation === '86' ? mobile : `${nation}${mobile}`, text: content, at: secondsOrTime(item.time) },
        ];
      });
    },
    callbackAnswer: { result: 0, errmsg: 'OK' },
  };
}

/** Tencent gives a time as Unix seconds or as "2026-12-07 10:11:12" (China's time). */
function secondsOrTime(value: unknown): string | null {
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  const raw = text(value);
  if (!raw) return null;
  if (/^\d+$/.test(raw)) return new Date(Number(raw) * 1000).toISOString();
  const time = Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(raw) ? `${raw.replace(' ', 'T')}+08:00` : raw);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
