import { describe, expect, it } from 'vitest';
import { lunarDayName, lunarMonthName } from './lunar-label';

describe('lunar names', () => {
  it('names the days as Chinese calendars print them', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 29, 30].map(lunarDayName)).toEqual([
      '初一',
      '初九',
      '初十',
      '十一',
      '十九',
      '二十',
      '廿一',
      '廿九',
      '三十',
    ]);
  });

  it('names the months, leap months included', () => {
    expect(lunarMonthName({ month: 1, leap: false })).toBe('正月');
    expect(lunarMonthName({ month: 6, leap: true })).toBe('闰六月');
    expect(lunarMonthName({ month: 11, leap: false })).toBe('冬月');
    expect(lunarMonthName({ month: 12, leap: false })).toBe('腊月');
  });
});
