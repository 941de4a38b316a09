import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/**
 * Sending one webhook request: a POST of JSON with a 10 s timeout, no redirect followed (a 3xx is an
 * answer like any other), and — unless the configuration allows them — no connection to loopback,
 * private, link-local or otherwise internal addresses (SSRF). The address is checked as the socket
 * connects (the `lookup` hook), so a name that resolves elsewhere later cannot slip past a check made
 * earlier (DNS rebinding).
 */

export const sendTimeoutMs = 10_000;
/** How much of a reply is kept in the delivery log. */
export const excerptLength = 500;

const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(net, bits, 'ipv6');

/** Whether an IP address lies in the server's own or a private network. */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isInternalAddress(mapped[1]);
  const version = isIP(address);
  if (!version) return true;
  return internal.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/** Why a URL may not be a webhook's (a message key), or null. Names are checked again when sent. */
export function urlProblem(url: string, allowPrivate: boolean): 'webhookUrlInvalid' | 'webhookUrlInternal' | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'webhookUrlInvalid';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'webhookUrlInvalid';
  if (parsed.username || parsed.password) return 'webhookUrlInvalid';
  if (allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (/^localhost$/i.test(host) || /\.localhost$/i.test(host)) return 'webhookUrlInternal';
  if (isIP(host) && isInternalAddress(host)) return 'webhookUrlInternal';
  return null;
}

export type SendResult = {
  /** The receiver's HTTP status, or null when none came (refused, timed out, not reachable). */
  status: number | null;
  excerpt: string | null;
  error: string | null;
  durationMs: number;
};

/** HMAC-SHA256 of `timestamp.body` with the webhook's secret, as `X-Relate-Signature` carries it (hex). */
export function relateSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** POSTs `body` to `url` with `headers`; never throws, the outcome is in the result. */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<SendResult> {
  const started = Date.now();
  const done = (status: number | null, excerpt: string | null, error: string | null): SendResult => ({
    status,
    excerpt,
    error,
    durationMs: Date.now() - started,
  });
  const problem = urlProblem(url, options.allowPrivate);
  if (problem) return Promise.resolve(done(null, null, problem));
  const target = new URL(url);
  const guardedLookup = (
    hostname: string,
    lookupOptions: object,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      if (!options.allowPrivate && list.some((a) => isInternalAddress(a.address)))
        return callback(Object.assign(new Error('webhookUrlInternal'), { code: 'EINTERNAL' }), []);
      if ((lookupOptions as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
  return new Promise((resolve) => {
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Relate-Webhooks/1',
          ...headers,
        },
        lookup: guardedLookup as never,
        timeout: options.timeoutMs ?? sendTimeoutMs,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          // Only the start of a reply is kept.
          if (size < excerptLength * 4) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8').slice(0, excerptLength);
          resolve(done(response.statusCode ?? null, text || null, null));
        });
        response.on('error', (error) => resolve(done(response.statusCode ?? null, null, error.message)));
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`no answer within ${(options.timeoutMs ?? sendTimeoutMs) / 1000} s`)),
    );
    request.on('error', (error) => resolve(done(null, null, error.message)));
    request.end(body);
  });
}
