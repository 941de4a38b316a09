import { describe, expect, it } from 'vitest';
import { comparedDays, relativeDays } from './relative-periods.ts';

describe('relative periods', () => {
  it('names the days of a period relative to today, weeks from Monday', () => {
    expect(relativeDays('thisWeek', '2026-12-06')).toEqual({ from: '2026-11-30', until: '2026-12-07' });
    expect(relativeDays('lastQuarter', '2026-02-10')).toEqual({ from: '2025-10-01', until: '2026-01-01' });
    expect(relativeDays('yearToDate', '2026-12-06')).toEqual({ from: '2026-01-01', until: '2026-12-07' });
  });

  it('compares with the period before, whole months staying whole', () => {
    expect(comparedDays('thisMonth', '2026-03-31', 'previousPeriod')).toEqual({
      from: '2026-02-01',
      until: '2026-03-01',
    });
    expect(comparedDays('lastMonth', '2026-12-06', 'previousPeriod')).toEqual({
      from: '2026-10-01',
      until: '2026-11-01',
    });
    expect(comparedDays('thisQuarter', '2026-01-15', 'previousPeriod')).toEqual({
      from: '2025-10-01',
      until: '2026-01-01',
    });
    expect(comparedDays('thisWeek', '2026-12-06', 'previousPeriod')).toEqual({
      from: '2026-11-23',
      until: '2026-11-30',
    });
    expect(comparedDays('last30Days', '2026-12-06', 'previousPeriod')).toEqual({
      from: '2026-10-08',
      until: '2026-11-07',
    });
    expect(comparedDays('today', '2026-03-01', 'previousPeriod')).toEqual({ from: '2026-02-28', until: '2026-03-01' });
  });

  it('compares with the same days a year earlier, a leap day landing on the last of February', () => {
    expect(comparedDays('thisMonth', '2026-12-06', 'previousYear')).toEqual({
      from: '2025-12-01',
      until: '2026-01-01',
    });
    expect(comparedDays('yearToDate', '2026-12-06', 'previousPeriod')).toEqual({
      from: '2025-01-01',
      until: '2025-12-07',
    });
    expect(comparedDays('today', '2028-02-29', 'previousYear')).toEqual({ from: '2027-02-28', until: '2027-03-01' });
    expect(comparedDays('last7Days', '2026-12-06', 'previousYear')).toEqual({
      from: '2025-11-30',
      until: '2025-12-07',
    });
  });
});
