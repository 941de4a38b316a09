import type { Body, CalendarQuery, QueryOf, TaskInput, TaskPatch, TaskQuery } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { calendarApi, tasksApi } from './api';

export const taskKeys = keysFor('tasks');
export const calendarKeys = keysFor('calendar');

export function useTasks(query: QueryOf<typeof TaskQuery>) {
  return useQuery({
    queryKey: taskKeys.list(query),
    queryFn: () => tasksApi.list(query),
    placeholderData: keepPreviousData,
  });
}

/** Tasks, planned follow-ups and anniversaries between two times, of the caller or of someone in their scope. */
export function useCalendar(from: string, to: string, userId?: number) {
  const query: QueryOf<typeof CalendarQuery> = { from, to, userId };
  return useQuery({
    queryKey: calendarKeys.list(query),
    queryFn: () => calendarApi.events(query),
    placeholderData: keepPreviousData,
  });
}

/** Saves the task form: a new task, or every field of one being edited. */
export function useSaveTask() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof TaskInput> }) =>
      id ? tasksApi.update(id, body) : tasksApi.create(body),
    onSuccess: () => refresh('tasks'),
  });
}

/** Changes some fields of a task: ticks it done, or moves it to another day. */
export function useUpdateTask() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof TaskPatch> }) => tasksApi.update(id, body),
    onSuccess: () => refresh('tasks'),
  });
}
