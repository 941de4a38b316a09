import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeJson } from '../../../db/json.ts';
import { nowIso } from '../../../db/time.ts';
import { insertOutbox } from '../sms.repository.ts';
import { asRecords, type SmsProvider, text } from '../provider.ts';

/**
 * The local outbox, for development and tests: nothing leaves the server, each message is kept in
 * `sms_outbox` and shown on the administrators' outbox page. Its callbacks take the plain shapes
 * `[{ messageId, delivered, error? }]` and `{ phone, text }`, to play a provider's receipts and replies.
 */
export function outboxProvider(db: Kysely<DB>): SmsProvider {
  return {
    name: 'outbox',
    async send(message) {
      const messageId = `outbox-${randomUUID()}`;
      await insertOutbox(db, {
        phone: message.phone,
        signature: message.signature,
        templateCode: message.templateCode,
        params: writeJson(message.params),
        content: message.content,
        messageId,
        createdAt: nowIso(),
      });
      return { messageId };
    },
    receipts(payload) {
      return asRecords(payload).flatMap((item) => {
        const messageId = text(item.messageId);
        return messageId
          ? [{ messageId, delivered: item.delivered === true, error: text(item.error), at: text(item.at) }]
          : [];
      });
    },
    replies(payload) {
      return asRecords(payload).flatMap((item) => {
        const phone = text(item.phone);
        const content = text(item.text);
        return phone && content !== null ? [{ phone, text: content, at: text(item.at) }] : [];
      });
    },
    callbackAnswer: { code: 0, msg: 'OK' },
  };
}
