import { describe, expect, it } from 'vitest';
import { dayjs, localDate, todayIn } from './time.ts';

describe('calendar days in a time zone', () => {
  it('names the same day as dayjs for instants around every hour of three years, in zones east and west', () => {
    const zones = ['Asia/Shanghai', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'];
    for (const tz of zones)
      for (let i = 0; i < 3600; i++) {
        // Steps of 7 h 18 min cross every hour of the day, daylight-saving changes and year ends.
        const instant = new Date(Date.UTC(2024, 0, 1) + i * 438 * 60_000).toISOString();
        expect(localDate(instant, tz), `${instant} in ${tz}`).toBe(dayjs(instant).tz(tz).format('YYYY-MM-DD'));
      }
  });

  it('names today in the zone', () => {
    expect(todayIn('Asia/Shanghai')).toBe(dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD'));
    expect(localDate('2026-12-31T16:00:00.000Z', 'Asia/Shanghai')).toBe('2027-01-01');
    expect(localDate('2026-12-31T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-12-31');
  });
});
