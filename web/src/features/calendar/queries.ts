import { useQuery } from '@tanstack/react-query';
import { keysFor } from '../../app/query-keys';
import { workingCalendarApi } from './api';

const keys = keysFor('calendar');

/** A year of the company's working calendar (read again when the settings change). */
export function useWorkingYear(year: number) {
  return useQuery({ queryKey: keys.part('working-year', year), queryFn: () => workingCalendarApi.year(year) });
}
