import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { reserveNumbers } from './sequences.ts';

/**
 * The next number of a document from a format such as `Q{YYYY}{MM}-{SEQ4}`: the date parts are
 * filled in the company's time zone and the counter runs per resulting prefix (so it restarts each month).
 */
export async function nextDocumentNumber(
  db: Kysely<DB>,
  kind: string,
  format: string,
  timezone: string,
  now = new Date(),
): Promise<string> {
  const day = dayjs(now).tz(timezone);
  const dated = format
    .replace(/\{YYYY\}/g, day.format('YYYY'))
    .replace(/\{YY\}/g, day.format('YY'))
    .replace(/\{MM\}/g, day.format('MM'))
    .replace(/\{DD\}/g, day.format('DD'));
  const n = await reserveNumbers(db, `${kind}:${dated}`, 1);
  return dated.replace(/\{SEQ([3-6])\}/g, (_, width: string) => String(n).padStart(Number(width), '0'));
}
