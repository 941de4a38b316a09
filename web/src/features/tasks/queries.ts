import type { CalendarEvent, Page, Task } from '@relate/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export function useTasks(filters: Record<string, string | number | boolean | undefined>) {
  return useQuery({
    queryKey: ['tasks', 'list', filters],
    queryFn: () => api.get<Page<Task>>('/api/v1/tasks', filters as Record<string, string>),
    placeholderData: (p) => p,
  });
}

export function useCalendar(from: string, to: string, userId?: number) {
  return useQuery({
    queryKey: ['tasks', 'calendar', from, to, userId],
    queryFn: () => api.get<CalendarEvent[]>('/api/v1/calendar', { from, to, userId }),
    placeholderData: (p) => p,
  });
}

export function useSaveTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, values }: { id?: number; values: Record<string, unknown> }) =>
      id ? api.patch<Task>(`/api/v1/tasks/${id}`, values) : api.post<Task>('/api/v1/tasks', values),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
