import { describe, expect, it } from 'vitest';
import {
  type AnniversaryDate,
  candidateRanges,
  lunarOf,
  nextOccurrence,
  occurrencesBetween,
} from './anniversary-dates.ts';

const lunarAnniversary = (date: string, leapRule: AnniversaryDate['leapRule'] = 'leapMonth'): AnniversaryDate => {
  const lunar = lunarOf(date);
  return { calendar: 'lunar', monthDay: lunar.month * 100 + lunar.day, lunarLeap: lunar.leap, leapRule };
};

describe('lunar dates', () => {
  it('reads the lunar date of a solar day, leap months included', () => {
    expect(lunarOf('1990-10-03')).toEqual({ year: 1990, month: 8, day: 15, leap: false });
    // 2025 has a leap sixth month (闰六月).
    expect(lunarOf('2025-08-03')).toEqual({ year: 2025, month: 6, day: 10, leap: true });
    expect(lunarOf('2024-02-09')).toEqual({ year: 2023, month: 12, day: 30, leap: false });
  });

  it('comes round on the solar day of its lunar date, which moves from year to year', () => {
    const midAutumn = lunarAnniversary('1990-10-03');
    expect(nextOccurrence(midAutumn, '2026-01-01')).toBe('2026-09-25');
    expect(nextOccurrence(midAutumn, '2026-09-25')).toBe('2026-09-25');
    expect(nextOccurrence(midAutumn, '2026-09-26')).toBe('2027-09-15');
    expect(occurrencesBetween(midAutumn, '2026-01-01', '2027-12-31')).toEqual(['2026-09-25', '2027-09-15']);
  });

  it('puts a leap-month anniversary in the leap month when the year has it, else in the ordinary month', () => {
    const leapBorn = lunarAnniversary('2025-08-03');
    expect(leapBorn).toMatchObject({ monthDay: 610, lunarLeap: true });
    // 2025: 六月初十 is 4 July, 闰六月初十 3 August.
    expect(nextOccurrence(leapBorn, '2025-07-01')).toBe('2025-08-03');
    // 2026 and 2027 have no leap sixth month: the ordinary sixth month.
    expect(nextOccurrence(leapBorn, '2025-08-04')).toBe('2026-07-23');
    expect(nextOccurrence(leapBorn, '2026-07-24')).toBe('2027-07-13');
  });

  it('keeps a leap-month anniversary in the ordinary month when that rule is chosen', () => {
    const leapBorn = lunarAnniversary('2025-08-03', 'ordinaryMonth');
    expect(nextOccurrence(leapBorn, '2025-07-01')).toBe('2025-07-04');
    expect(nextOccurrence(leapBorn, '2025-07-05')).toBe('2026-07-23');
  });

  it('puts an ordinary-month anniversary in the ordinary month of a year with that leap month', () => {
    const ordinary = lunarAnniversary('2026-07-23');
    expect(ordinary).toMatchObject({ monthDay: 610, lunarLeap: false });
    expect(nextOccurrence(ordinary, '2025-07-01')).toBe('2025-07-04');
    expect(nextOccurrence(ordinary, '2025-07-05')).toBe('2026-07-23');
  });

  it('puts the 30th of a month on the 29th in a year whose month has 29 days', () => {
    const newYearsEve = lunarAnniversary('2024-02-09');
    // 腊月 of 2025 and 2026 has 29 days: 除夕 is the 29th.
    expect(nextOccurrence(newYearsEve, '2025-03-01')).toBe('2026-02-16');
    expect(nextOccurrence(newYearsEve, '2026-02-17')).toBe('2027-02-05');
  });
});

describe('solar dates', () => {
  it('falls on 28 February in a year without 29 February', () => {
    const leapDay: AnniversaryDate = { calendar: 'solar', monthDay: 229, lunarLeap: false, leapRule: 'leapMonth' };
    expect(nextOccurrence(leapDay, '2027-01-01')).toBe('2027-02-28');
    expect(nextOccurrence(leapDay, '2028-01-01')).toBe('2028-02-29');
    expect(nextOccurrence(leapDay, '2028-03-01')).toBe('2029-02-28');
  });
});

describe('candidate ranges', () => {
  it('covers every anniversary that falls in the window, in both calendars', () => {
    const windows: Array<[string, string]> = [
      ['2026-01-20', '2026-02-25'], // across the lunar new year
      ['2025-07-01', '2025-08-31'], // across a leap month
      ['2026-12-20', '2027-01-10'], // across the solar new year
      ['2027-02-01', '2027-02-28'],
    ];
    const anniversaries: AnniversaryDate[] = [
      ...['2024-02-09', '2025-08-03', '2026-07-23', '2026-02-17', '1990-10-03', '2026-01-29', '2026-12-31'].flatMap(
        (date) => [lunarAnniversary(date), lunarAnniversary(date, 'ordinaryMonth')],
      ),
      ...[101, 110, 229, 228, 705, 1231].map((monthDay): AnniversaryDate => ({
        calendar: 'solar',
        monthDay,
        lunarLeap: false,
        leapRule: 'leapMonth',
      })),
    ];
    for (const [first, last] of windows) {
      const ranges = candidateRanges(first, last);
      for (const anniversary of anniversaries) {
        if (!occurrencesBetween(anniversary, first, last).length) continue;
        const inRange = ranges[anniversary.calendar].some(
          ([from, to]) => anniversary.monthDay >= from && anniversary.monthDay <= to,
        );
        expect(inRange, `${JSON.stringify(anniversary)} in ${first}…${last}`).toBe(true);
      }
    }
  });
});
