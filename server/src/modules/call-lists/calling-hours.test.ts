import { describe, expect, it } from 'vitest';
import { type CallingHours, isCallingTime, isHoliday, nextCallingTime } from './calling-hours.ts';

const shanghai: CallingHours = {
  timezone: 'Asia/Shanghai',
  holidays: ['2026-03-10'],
  extraWorkdays: [],
  statutoryCalendar: true,
  start: '09:00',
  end: '21:00',
};
const at = (iso: string) => new Date(iso);

describe('calling hours', () => {
  it('keeps a time inside the window and moves one before it to 09:00 the same day', () => {
    expect(nextCallingTime(shanghai, at('2026-03-03T02:30:00Z')).toISOString()).toBe('2026-03-03T02:30:00.000Z');
    // 07:00 in Shanghai → 09:00.
    expect(nextCallingTime(shanghai, at('2026-03-02T23:00:00Z')).toISOString()).toBe('2026-03-03T01:00:00.000Z');
  });

  it('moves a time after 21:00 to 09:00 the next day, weekends included', () => {
    // Friday 22:00 → Saturday 09:00: calls go out at weekends.
    expect(nextCallingTime(shanghai, at('2026-03-06T14:00:00Z')).toISOString()).toBe('2026-03-07T01:00:00.000Z');
  });

  it('skips public holidays: the statutory ones and the company’s own days off', () => {
    // National Day 2026: 1–7 October (statutory holidays).
    expect(isHoliday(shanghai, '2026-10-01')).toBe(true);
    expect(nextCallingTime(shanghai, at('2026-09-30T14:00:00Z')).toISOString()).toBe('2026-10-08T01:00:00.000Z');
    expect(isHoliday(shanghai, '2026-03-10')).toBe(true);
    expect(nextCallingTime(shanghai, at('2026-03-09T15:00:00Z')).toISOString()).toBe('2026-03-11T01:00:00.000Z');
    // A day the company names as worked is a calling day, and without the statutory calendar holidays are not kept.
    expect(isHoliday({ ...shanghai, extraWorkdays: ['2026-10-01'] }, '2026-10-01')).toBe(false);
    expect(isHoliday({ ...shanghai, statutoryCalendar: false }, '2026-10-01')).toBe(false);
  });

  it('reads the hours in the company’s time zone and takes 24:00 as the end of the day', () => {
    const london = { ...shanghai, timezone: 'Europe/London', statutoryCalendar: false, holidays: [] };
    expect(nextCallingTime(london, at('2026-07-01T06:00:00Z')).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    const late = { ...shanghai, start: '20:00', end: '24:00' };
    expect(isCallingTime(late, at('2026-03-03T15:59:00Z'))).toBe(true);
    expect(nextCallingTime(late, at('2026-03-03T16:00:00Z')).toISOString()).toBe('2026-03-04T12:00:00.000Z');
  });
});
