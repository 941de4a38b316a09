import type {
  Body,
  CalendarEvent,
  CalendarQuery,
  Page,
  QueryOf,
  Task,
  TaskInput,
  TaskPatch,
  TaskQuery,
} from '@relate/common';
import { api } from '../../app/api';

export const tasksApi = {
  list: (query: QueryOf<typeof TaskQuery>) => api.get<Page<Task>>('/api/v1/tasks', query),
  create: (body: Body<typeof TaskInput>) => api.post<Task>('/api/v1/tasks', body),
  update: (id: number, body: Body<typeof TaskPatch>) => api.patch<Task>(`/api/v1/tasks/${id}`, body),
};

export const calendarApi = {
  events: (query: QueryOf<typeof CalendarQuery>) => api.get<CalendarEvent[]>('/api/v1/calendar', query),
};
