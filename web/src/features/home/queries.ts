import { useQuery } from '@tanstack/react-query';
import { keysFor } from '../../app/query-keys';
import { homeApi } from './api';

export const homeKeys = keysFor('home');

/** The work of the day for the caller (`me`) or for their team. */
export function useHome(view: 'me' | 'team') {
  return useQuery({ queryKey: homeKeys.part(view), queryFn: () => homeApi.get({ view }) });
}
