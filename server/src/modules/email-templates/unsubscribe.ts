import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** The record an unsubscribe link stops marketing mail to: a contact, a lead or a customer. */
export type UnsubscribeHolder = { entity: 'contacts' | 'leads' | 'customers'; id: number };

/** The key unsubscribe links are signed with, derived from the server's secret. */
const keyOf = (secret: string) => Buffer.from(hkdfSync('sha256', secret, 'relate', 'email-unsubscribe', 32));

// A contact's token is its bare id (as in the links sent before leads and customers were mailed).
const prefixes = { contacts: '', leads: 'lead-', customers: 'customer-' } as const;
const subjects = { contacts: 'contact', leads: 'lead', customers: 'customer' } as const;

const signatureOf = (secret: string, holder: UnsubscribeHolder) =>
  createHmac('sha256', keyOf(secret))
    .update(`${subjects[holder.entity]}:${holder.id}`)
    .digest('base64url')
    .slice(0, 32);

/** A record's unsubscribe token: its kind, its id and a signature, so that no one can unsubscribe another by guessing. */
export function unsubscribeToken(secret: string, holder: UnsubscribeHolder): string {
  return `${prefixes[holder.entity]}${holder.id}.${signatureOf(secret, holder)}`;
}

/** The record a token names, if its signature holds. */
export function holderOfToken(secret: string, token: string): UnsubscribeHolder | null {
  const match = /^(lead-|customer-)?(\d{1,10})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const entity = match[1] === 'lead-' ? 'leads' : match[1] === 'customer-' ? 'customers' : 'contacts';
  const holder = { entity, id: Number(match[2]) } as const;
  const expected = Buffer.from(signatureOf(secret, holder));
  const given = Buffer.from(match[3]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? holder : null;
}

/** The link a recipient unsubscribes by; for sample data (no record) a link that names no one. */
export function unsubscribeUrl(secret: string, origin: string, holder: UnsubscribeHolder | null): string {
  return `${origin}/unsubscribe/${holder ? unsubscribeToken(secret, holder) : 'preview'}`;
}
