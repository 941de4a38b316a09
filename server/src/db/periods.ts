/**
 * The period an instant or a date falls in, in a time zone, as the label both databases write:
 * `2026-12-06` (day), `2026-W49` (ISO week, Monday first), `2026-12` (month), `2026-Q4`, `2026`.
 * PostgreSQL writes them with `to_char` (see `periodLabel` in the reports); SQLite calls this function
 * as `relate_period(value, unit, zone)`.
 */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Offsets of a zone by UTC hour (a zone changes its offset on the hour, or the half hour, at most once an hour). */
const offsetCache = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMs(instant: Date, zone: string): number {
  const key = `${zone}|${instant.toISOString().slice(0, 16)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offset = local - Math.floor(instant.getTime() / 1000) * 1000;
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The calendar day (as a UTC date at midnight) of a value: a date as it is, an instant in the zone. */
function localDay(value: string, zone: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  const local = new Date(instant.getTime() + zoneOffsetMs(instant, zone));
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** ISO 8601 week-numbering year and week of a day: the week of its Thursday. */
function isoWeek(day: Date): { year: number; week: number } {
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return {
    year: thursday.getUTCFullYear(),
    week: 1 + Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000)),
  };
}

export function periodOf(value: unknown, unit: unknown, zone: unknown): string | null {
  if (typeof value !== 'string' || typeof zone !== 'string') return null;
  const day = localDay(value, zone);
  if (!day) return null;
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + 1;
  switch (unit) {
    case 'day':
      return `${year}-${pad(month)}-${pad(day.getUTCDate())}`;
    case 'week': {
      const week = isoWeek(day);
      return `${week.year}-W${pad(week.week)}`;
    }
    case 'month':
      return `${year}-${pad(month)}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return String(year);
    default:
      return null;
  }
}

const minute = 60_000;
const fixedOffsets = new Map<string, FixedOffset | null>();

/** A zone's offset from UTC in whole minutes at an instant. */
function offsetMinutesAt(time: number, zone: string): number {
  return Math.round(zoneOffsetMs(new Date(time), zone) / minute);
}

/** A zone's offset that holds from `since` (an ISO instant; null: as far back as 1900) on, for ever. */
export type FixedOffset = { minutes: number; since: string | null };

/**
 * The offset a zone keeps from some instant on, with no change foreseen (checked every fortnight until
 * 2100): so the periods of the instants after it can be labelled by SQL, adding the offset, instead of a
 * function called per row. Null for a zone that changes its clocks (summer time).
 * Asia/Shanghai: +480 minutes since the end of its summer time in September 1991.
 */
export function fixedOffsetOf(zone: string): FixedOffset | null {
  if (fixedOffsets.has(zone)) return fixedOffsets.get(zone)!;
  // On the minute: zones change their offset on a minute (an hour or half an hour, in fact).
  const now = Math.floor(Date.now() / minute) * minute;
  const minutes = offsetMinutesAt(now, zone);
  const fortnight = 14 * 24 * 60 * minute;
  let fixed: FixedOffset | null = { minutes, since: null };
  for (let t = now; t < Date.UTC(2100, 0, 1); t += fortnight) if (offsetMinutesAt(t, zone) !== minutes) fixed = null;
  if (fixed) {
    // Back, a fortnight at a time, to the last instant with another offset; then to the minute.
    let held = now;
    while (held > Date.UTC(1900, 0, 1) && offsetMinutesAt(held - fortnight, zone) === minutes) held -= fortnight;
    if (held > Date.UTC(1900, 0, 1)) {
      let other = held - fortnight;
      while (held - other > minute) {
        const middle = other + Math.floor((held - other) / 2 / minute) * minute;
        if (offsetMinutesAt(middle, zone) === minutes) held = middle;
        else other = middle;
      }
      fixed.since = new Date(held).toISOString();
    }
  }
  fixedOffsets.set(zone, fixed);
  return fixed;
}
