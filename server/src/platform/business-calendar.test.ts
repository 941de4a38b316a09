import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  addWorkingDays,
  type BusinessCalendar,
  businessMinutesBetween,
  isWorkingDay,
} from './business-calendar.ts';
import { statutoryDay, statutoryYearKnown } from './statutory-calendar.ts';

// Shanghai, Monday to Friday 09:00–18:00. 2026-10-01…07 is the National Day holiday and Sunday
// 2026-10-11 is worked in its place. 2026-11-27 is a Friday.
const calendar: BusinessCalendar = {
  timezone: 'Asia/Shanghai',
  businessDays: [1, 2, 3, 4, 5],
  businessStart: '09:00',
  businessEnd: '18:00',
  statutoryCalendar: false,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-10-11'],
};
const at = (local: string) => new Date(`${local}+08:00`);
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('business calendar', () => {
  it.each([
    ['within the day', '2026-11-24T10:00', 120, '2026-11-24 12:00'],
    ['to the closing minute', '2026-11-24T17:00', 60, '2026-11-24 18:00'],
    ['over the night', '2026-11-24T17:00', 90, '2026-11-25 09:30'],
    ['from before opening', '2026-11-24T07:15', 30, '2026-11-24 09:30'],
    ['from after closing', '2026-11-24T21:00', 30, '2026-11-25 09:30'],
    ['over the weekend', '2026-11-27T17:30', 60, '2026-11-30 09:30'],
    ['raised on a Saturday', '2026-11-28T11:00', 15, '2026-11-30 09:15'],
    ['a whole working day', '2026-11-24T09:00', 540, '2026-11-24 18:00'],
    ['three working days', '2026-11-26T12:00', 3 * 540, '2026-12-01 12:00'],
    ['over the National Day holiday to the worked Sunday', '2026-09-30T17:00', 120, '2026-10-08 10:00'],
    ['on the worked Sunday', '2026-10-11T08:00', 60, '2026-10-11 10:00'],
  ])('adds working minutes %s', (_, from, minutes, expected) => {
    expect(local(addBusinessMinutes(at(from), minutes, calendar))).toBe(expected);
  });

  it.each([
    ['within the day', '2026-11-24T10:00', '2026-11-24T12:30', 150],
    ['over the night', '2026-11-24T17:00', '2026-11-25T10:00', 120],
    ['over the weekend', '2026-11-27T17:00', '2026-11-30T09:30', 90],
    ['the weekend alone', '2026-11-28T09:00', '2026-11-29T18:00', 0],
    ['backwards', '2026-11-25T10:00', '2026-11-24T10:00', 0],
    ['over the holiday', '2026-09-30T17:00', '2026-10-08T10:00', 120],
  ])('counts working minutes %s', (_, from, to, minutes) => {
    expect(businessMinutesBetween(at(from), at(to), calendar)).toBe(minutes);
  });

  it('is the inverse of adding', () => {
    for (const minutes of [1, 59, 540, 541, 5000]) {
      const start = at('2026-11-26T16:47');
      expect(businessMinutesBetween(start, addBusinessMinutes(start, minutes, calendar), calendar)).toBe(minutes);
    }
  });

  it('runs on the wall clock when the calendar has no working time', () => {
    const always = { ...calendar, businessDays: [], extraWorkdays: [] };
    expect(local(addBusinessMinutes(at('2026-11-28T11:00'), 90, always))).toBe('2026-11-28 12:30');
  });
});

// The State Council's 2026 schedule: Mid-autumn 09-25…27 off; National Day 10-01…07 off, with Sunday 09-20
// and Saturday 10-10 worked instead. 2027's was not in the data of this version.
describe('the statutory calendar', () => {
  const statutory: BusinessCalendar = { ...calendar, statutoryCalendar: true, holidays: [], extraWorkdays: [] };

  it('knows the published years, their holidays and the weekend days worked instead', () => {
    expect(statutoryYearKnown(2026)).toBe(true);
    expect(statutoryYearKnown(2004)).toBe(true);
    expect(statutoryYearKnown(2099)).toBe(false);
    expect(statutoryDay('2026-10-01')).toEqual({ kind: 'holiday', nameEn: 'National Day', nameZh: '国庆节' });
    expect(statutoryDay('2026-10-10')).toEqual({ kind: 'workday', nameEn: 'National Day', nameZh: '国庆节' });
    expect(statutoryDay('2026-10-12')).toBeNull();
  });

  it.each([
    ['a holiday on a weekday', '2026-10-01', false],
    ['a Mid-autumn holiday on a Friday', '2026-09-25', false],
    ['a Saturday worked instead', '2026-10-10', true],
    ['a Sunday worked instead', '2026-09-20', true],
    ['an ordinary Sunday', '2026-10-11', false],
    ['an ordinary Monday', '2026-10-12', true],
    ['a weekday of a year not yet published', '2099-01-01', true],
  ])('counts %s', (_, date, worked) => {
    expect(isWorkingDay(statutory, date)).toBe(worked);
    // Without it, only the weekdays count.
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    expect(isWorkingDay({ ...statutory, statutoryCalendar: false }, date)).toBe(weekday >= 1 && weekday <= 5);
  });

  it("lets the company's own days overrule it", () => {
    expect(isWorkingDay({ ...statutory, extraWorkdays: ['2026-10-02'] }, '2026-10-02')).toBe(true);
    expect(isWorkingDay({ ...statutory, holidays: ['2026-10-10'] }, '2026-10-10')).toBe(false);
  });

  it('runs SLA clocks over the holidays to the worked Saturday', () => {
    expect(local(addBusinessMinutes(at('2026-09-30T17:00'), 120, statutory))).toBe('2026-10-08 10:00');
    expect(local(addBusinessMinutes(at('2026-10-09T17:30'), 60, statutory))).toBe('2026-10-10 09:30');
  });

  it.each([
    ['the next working day over the National Day holiday', '2026-09-30', 1, '2026-10-08'],
    ['three working days, the worked Saturday among them', '2026-10-08', 3, '2026-10-12'],
    ['over Mid-autumn', '2026-09-24', 1, '2026-09-28'],
    ['zero: the day itself when worked', '2026-10-10', 0, '2026-10-10'],
    ['zero: else the next worked day', '2026-10-03', 0, '2026-10-08'],
  ])('gives %s', (_, from, days, expected) => {
    expect(addWorkingDays(statutory, from, days)).toBe(expected);
  });
});
