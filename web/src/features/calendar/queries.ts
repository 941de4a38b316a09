import { useQuery } from '@tanstack/react-query';
import { keysFor } from '../../app/query-keys';
import { workingCalendarApi } from './api';

const keys = keysFor('calendar');

/** A year of the company's working calendar (read again when the settings change). */
export function useWorkingYear(year: number) {
  return useQuery({ queryKey: keys.part('working-year', year), queryFn: () => workingCalendarApi.year(year) });
}

/** The lunar dates (and solar terms) of the days from `from` to `to`; nothing is read while `from` is null. */
export function useLunarDays(from: string | null, to: string | null) {
  return useQuery({
    queryKey: keys.part('lunar-days', from, to),
    queryFn: () => workingCalendarApi.lunarDays(from!, to!),
    enabled: Boolean(from && to),
    staleTime: Infinity,
  });
}
