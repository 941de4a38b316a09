import type AliyunClient from '@alicloud/dysmsapi20170525';
import type * as AliyunModels from '@alicloud/dysmsapi20170525';
import type * as OpenApiCore from '@alicloud/openapi-core';
import { lazyPackage } from '../../../platform/lazy-package.ts';
import { asRecords, chinaTime, type SmsProvider, SmsSendError, text } from '../provider.ts';

type AliyunPackage = typeof AliyunModels & { default: typeof AliyunClient };
const dysmsapi = lazyPackage<AliyunPackage>('@alicloud/dysmsapi20170525');
const openapiCore = lazyPackage<typeof OpenApiCore>('@alicloud/openapi-core');

export type AliyunSettings = {
  accessKeyId: string;
  accessKeySecret: string;
  /** host[:port]; the public endpoint when null. */
  endpoint: string | null;
  protocol: 'https' | 'http';
};

/**
 * Aliyun SMS (dysmsapi 2017-05-25) through its SDK, which signs each request with ACS3-HMAC-SHA256
 * (V3 signature: the canonical request — method, path, sorted query, the host, x-acs-* and content-type
 * headers, the body's SHA-256 — hashed and signed with the AccessKey secret). Delivery receipts
 * (SmsReport) and replies (SmsUp) arrive by Aliyun's HTTP batch push: JSON arrays.
 */
export function aliyunProvider(settings: AliyunSettings): SmsProvider {
  let client: AliyunClient | undefined;
  const clientOf = () => {
    if (client) return client;
    const { $OpenApiUtil } = openapiCore();
    const Client = dysmsapi().default;
    client = new Client(
      new $OpenApiUtil.Config({
        accessKeyId: settings.accessKeyId,
        accessKeySecret: settings.accessKeySecret,
        endpoint: settings.endpoint ?? 'dysmsapi.aliyuncs.com',
        protocol: settings.protocol,
        connectTimeout: 5_000,
        readTimeout: 10_000,
      }),
    );
    return client;
  };
  return {
    name: 'aliyun',
    async send(message) {
      const { SendSmsRequest } = dysmsapi();
      let body: { code?: string; message?: string; bizId?: string } | undefined;
      try {
        const response = await clientOf().sendSms(
          new SendSmsRequest({
            phoneNumbers: message.phone,
            signName: message.signature,
            templateCode: message.templateCode,
            templateParam: JSON.stringify(message.params),
          }),
        );
        body = response.body;
      } catch (error) {
        const failure = error as { code?: string; message?: string; data?: { Message?: string } };
        throw new SmsSendError(failure.data?.Message ?? failure.code ?? failure.message ?? 'unknown error');
      }
      if (body?.code !== 'OK' || !body.bizId)
        throw new SmsSendError(`${body?.code ?? '?'} ${body?.message ?? ''}`.trim());
      return { messageId: body.bizId };
    },
    receipts(payload) {
      return asRecords(payload).flatMap((item) => {
        const messageId = text(item.biz_id);
        if (!messageId) return [];
        const delivered = item.success === true || item.success === 'true';
        return [
          {
            messageId,
            delivered,
            error: delivered ? null : [text(item.err_code), text(item.err_msg)].filter(Boolean).join(' ') || null,
            at: chinaTime(item.report_time),
          },
        ];
      });
    },
    replies(payload) {
      return asRecords(payload).flatMap((item) => {
        const phone = text(item.phone_number);
        const content = text(item.content);
        return phone && content !== null ? [{ phone, text: content, at: chinaTime(item.send_time) }] : [];
      });
    },
    callbackAnswer: { code: 0, msg: '成功' },
  };
}
