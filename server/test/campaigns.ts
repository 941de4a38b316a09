import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { expect } from 'vitest';
import type { Client } from './app.ts';
import { unique } from './factories.ts';

/** The tests of campaign email, sequences and bounces share these: answers, members, the mail server, messages. */

type Response = { statusCode: number; body: string; json: () => any };

/** Expects the status (200 unless told) and answers the JSON body, if any. */
export async function ok<T = any>(response: Promise<Response>, status = 200): Promise<T> {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return (r.body ? r.json() : undefined) as T;
}

/** A mail program a person reads with (isbot lets it through, unlike a crawler or a privacy proxy). */
export const personAgent =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

/** Sets the company's outgoing mail server to the test SMTP server on `port` (from news@example.com unless told). */
export function useMailServer(by: Client, port: number, extra: Record<string, unknown> = {}) {
  return ok(
    by.put('/api/v1/settings/mail', { host: '127.0.0.1', port, secure: false, from: 'news@example.com', ...extra }),
  );
}

export type CampaignMember = { id: number; entity: string; entityId: number; status: string };

/** A campaign's members (up to 100), each with its record and status. */
export async function campaignMembers(by: Client, campaignId: number): Promise<CampaignMember[]> {
  return (await ok(by.get(`/api/v1/campaigns/${campaignId}/members`, { pageSize: 100 }))).items;
}

/** Each member's status by its record, as `contacts:12`. */
export async function memberStatuses(by: Client, campaignId: number): Promise<Record<string, string>> {
  return Object.fromEntries(
    (await campaignMembers(by, campaignId)).map((m) => [`${m.entity}:${m.entityId}`, m.status]),
  );
}

/** A new campaign with these records as members. */
export async function campaignWith(
  by: Client,
  members: Array<{ entity: 'contacts' | 'leads' | 'customers'; ids: number[] }> = [],
): Promise<number> {
  const id = (await ok(by.post('/api/v1/campaigns', { name: unique('活动'), type: 'email' }), 201)).id as number;
  for (const m of members) if (m.ids.length) await ok(by.post(`/api/v1/campaigns/${id}/members`, m));
  return id;
}

/** Records a contact's, lead's or customer's answer on a channel. */
export function grantConsent(
  by: Client,
  record: { entity: 'contacts' | 'leads' | 'customers'; id: number },
  channel: 'email' | 'sms' = 'email',
  state: 'granted' | 'withdrawn' = 'granted',
) {
  return ok(by.put(`/api/v1/${record.entity}/${record.id}/consents`, { channel, state, source: '展会' }));
}

/** A header of a received message, unfolded. */
export const header = (raw: string, name: string) =>
  new RegExp(`^${name}:(.*(?:\\r\\n[ \\t].*)*)`, 'mi')
    .exec(raw)?.[1]
    ?.replace(/\r\n[ \t]/g, ' ')
    .trim() ?? null;

/** The links of a received message's HTML part (quoted-printable undone). */
export const linksIn = (raw: string) => {
  const body = raw.slice(raw.indexOf('Content-Type: text/html')).replace(/=\r\n/g, '').replace(/=3D/g, '=');
  return [...body.matchAll(/(?:href|src)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!);
};

/** A received message read as a mail program reads it: its subject, plain text and HTML decoded. */
export async function readMail(raw: string): Promise<{ subject: string; text: string; html: string }> {
  const mail = await simpleParser(raw);
  return { subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '' };
}

/** The web address a message's List-Unsubscribe header offers (RFC 8058's one-click link). */
export const oneClickLink = (raw: string) =>
  new URL(/<(https?:[^>]+)>/.exec(header(raw, 'List-Unsubscribe') ?? '')![1]!);

/** Posts a one-click unsubscribe (RFC 8058) as a mail provider does. */
export const postOneClick = (app: FastifyInstance, link: URL) =>
  app.inject({
    method: 'POST',
    url: link.pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
