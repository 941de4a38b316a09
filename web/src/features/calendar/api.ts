import type { CalendarYear, LunarDays } from '@relate/common';
import { api } from '../../app/api';

export const workingCalendarApi = {
  year: (year: number) => api.get<CalendarYear>(`/api/v1/calendar/years/${year}`),
  /** The day N working days after `from` (today when not given). */
  workingDaysFrom: (days: number, from?: string) =>
    api.get<{ date: string }>('/api/v1/calendar/working-days', { days, from }),
  /** Each day's lunar date and the solar term beginning on it (up to 62 days). */
  lunarDays: (from: string, to: string) => api.get<LunarDays>('/api/v1/calendar/lunar-days', { from, to }),
};
