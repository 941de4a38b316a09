import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** The key unsubscribe links are signed with, derived from the server's secret. */
const keyOf = (secret: string) => Buffer.from(hkdfSync('sha256', secret, 'relate', 'email-unsubscribe', 32));

const signatureOf = (secret: string, contactId: number) =>
  createHmac('sha256', keyOf(secret)).update(`contact:${contactId}`).digest('base64url').slice(0, 32);

/** A contact's unsubscribe token: its id and a signature, so that no one can unsubscribe another by guessing. */
export function unsubscribeToken(secret: string, contactId: number): string {
  return `${contactId}.${signatureOf(secret, contactId)}`;
}

/** The contact a token names, if its signature holds. */
export function contactOfToken(secret: string, token: string): number | null {
  const match = /^(\d{1,10})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(signatureOf(secret, id));
  const given = Buffer.from(match[2]);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The link a recipient unsubscribes by; for sample data (no contact) a link that names no one. */
export function unsubscribeUrl(secret: string, origin: string, contactId: number | null): string {
  return `${origin}/unsubscribe/${contactId ? unsubscribeToken(secret, contactId) : 'preview'}`;
}
