import type { MimeNode, SplitterChunk } from '@zone-eu/mailsplit';
import type { AppContext } from '../../platform/context.ts';
import { lazyPackage } from '../../platform/lazy-package.ts';

// mailparser's own MIME splitter: mailparser folds a report's delivery-status part into the message text.
const mailsplit = lazyPackage<typeof import('@zone-eu/mailsplit')>('@zone-eu/mailsplit');
const headersOf = (text: string) => new (mailsplit().Headers)(Buffer.from(text));

/** One recipient of a delivery status notification (RFC 3464): what became of the message sent to it. */
export type DeliveryStatus = {
  /** The address the report is about (Final-Recipient), lower-cased; null when the report names none. */
  address: string | null;
  /** failed, delayed, delivered, relayed or expanded. */
  action: string;
  /** The enhanced status code (RFC 3463), e.g. 5.1.1; a 5 is permanent, a 4 transient. */
  status: string | null;
  /** What the receiving server said (Diagnostic-Code), as it said it. */
  diagnostic: string | null;
};

/** A bounce or delay notice, read from its machine-readable part. */
export type DeliveryReport = {
  /** The Message-ID of the message the report is about (from its returned headers), without angle brackets. */
  originalMessageId: string | null;
  recipients: DeliveryStatus[];
};

/** Whether a message's Content-Type says it is a delivery status notification. */
export function isDeliveryReport(
  contentType: { value?: string; params?: Record<string, string> } | string | undefined,
) {
  if (!contentType || typeof contentType === 'string') return false;
  return (
    contentType.value?.toLowerCase() === 'multipart/report' &&
    contentType.params?.['report-type']?.toLowerCase() === 'delivery-status'
  );
}

type Part = { node: MimeNode; body: Buffer[] };

/**
 * Reads a DSN's `message/delivery-status` part (one block of per-message fields, then one block per
 * recipient) and the Message-ID of the returned message, from `text/rfc822-headers` or an embedded
 * `message/rfc822`. Null when the message has no delivery-status part.
 */
export async function readDeliveryReport(source: Buffer): Promise<DeliveryReport | null> {
  const parts = await splitParts(source);
  const status = parts.find((part) => part.node.contentType === 'message/delivery-status');
  if (!status) return null;
  const blocks = (await decoded(status))
    .toString('utf8')
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => headersOf(`${block.trim()}\n`));
  const recipients = blocks
    .filter((block) => block.hasHeader('action'))
    .map((block) => ({
      address: addressOf(block.getFirst('final-recipient') || block.getFirst('original-recipient')),
      action: block.getFirst('action').trim().toLowerCase(),
      status: /\d\.\d{1,3}\.\d{1,3}/.exec(block.getFirst('status'))?.[0] ?? null,
      diagnostic: block.getFirst('diagnostic-code').trim().slice(0, 500) || null,
    }));
  return { originalMessageId: await returnedMessageId(parts, status), recipients };
}

/** "rfc822; someone@example.com" → someone@example.com. */
function addressOf(field: string): string | null {
  const value = field.includes(';') ? field.slice(field.indexOf(';') + 1) : field;
  const address = value.trim().replace(/^<|>$/g, '').toLowerCase();
  return address.includes('@') ? address : null;
}

const returnedTypes = new Set(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']);

async function returnedMessageId(parts: Part[], status: Part): Promise<string | null> {
  const after = parts.slice(parts.indexOf(status) + 1);
  for (const [index, part] of after.entries()) {
    if (!returnedTypes.has(part.node.contentType || '')) continue;
    const head = (await decoded(part)).toString('utf8').split(/\r?\n\r?\n/)[0]!;
    // When the splitter reads an embedded message as nodes of its own, its headers are the next node's.
    const next = after[index + 1]?.node;
    const id = head.trim()
      ? headersOf(`${head}\n`).getFirst('message-id')
      : next?.headers
        ? next.headers.getFirst('message-id')
        : '';
    const found = /<([^<>\s]+)>/.exec(id)?.[1] ?? id.trim();
    if (found) return found;
  }
  return null;
}

async function splitParts(source: Buffer): Promise<Part[]> {
  const parts: Part[] = [];
  const splitter = new (mailsplit().Splitter)({ maxHeadSize: 256 * 1024 });
  splitter.end(source);
  for await (const chunk of splitter as AsyncIterable<SplitterChunk>) {
    if (chunk.type === 'node') parts.push({ node: chunk as MimeNode, body: [] });
    else if (chunk.type === 'body' && parts.length) parts[parts.length - 1]!.body.push(chunk.value as Buffer);
  }
  return parts;
}

/** A part's body with its transfer encoding (base64, quoted-printable) undone. */
function decoded(part: Part): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const decoder = part.node.getDecoder();
    const out: Buffer[] = [];
    decoder.on('data', (chunk: Buffer) => out.push(chunk));
    decoder.on('error', reject);
    decoder.on('end', () => resolve(Buffer.concat(out)));
    for (const chunk of part.body) decoder.write(chunk);
    decoder.end();
  });
}

export type DeliveryReportHandler = (ctx: AppContext, report: DeliveryReport) => Promise<void>;

let deliveryReportHandler: DeliveryReportHandler | null = null;

/**
 * Who is told of the delivery reports a mailbox sync reads (campaign email, which marks its recipients
 * bounced); registered at start-up, as the module that sent the messages depends on this one, not back.
 * The handler runs in the transaction that records the batch, so a report is taken in exactly once.
 */
export function onDeliveryReport(handler: DeliveryReportHandler): void {
  deliveryReportHandler = handler;
}

export async function takeDeliveryReport(ctx: AppContext, report: DeliveryReport): Promise<void> {
  await deliveryReportHandler?.(ctx, report);
}
