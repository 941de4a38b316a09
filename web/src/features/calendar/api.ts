import type { CalendarYear } from '@relate/common';
import { api } from '../../app/api';

export const workingCalendarApi = {
  year: (year: number) => api.get<CalendarYear>(`/api/v1/calendar/years/${year}`),
  /** The day N working days after `from` (today when not given). */
  workingDaysFrom: (days: number, from?: string) =>
    api.get<{ date: string }>('/api/v1/calendar/working-days', { days, from }),
};
