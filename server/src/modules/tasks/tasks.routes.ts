import { CalendarEvent, CalendarQuery, IdParams, pageOf, Task, TaskInput, TaskPatch, TaskQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { calendar } from './calendar.service.ts';
import * as service from './tasks.service.ts';

export function tasksRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'tasks';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/tasks',
      reads: 'replica',
      access: 'tasks.view',
      tag,
      summary: 'Tasks in your data scope',
      query: TaskQuery,
      response: pageOf(Task),
    },
    async ({ actor, query }) => service.listTasks(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/tasks/:id',
      access: 'tasks.view',
      tag,
      summary: 'One task',
      params: IdParams,
      response: Task,
    },
    async ({ actor, params }) => service.getTask(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tasks',
      access: 'tasks.create',
      tag,
      summary: 'Create a task (with an optional reminder and recurrence)',
      body: TaskInput,
      response: Task,
      status: 201,
    },
    async ({ actor, body }) => service.createTask(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/tasks/:id',
      access: 'tasks.edit',
      tag,
      summary: 'Change, reschedule or complete a task',
      params: IdParams,
      body: TaskPatch,
      response: Task,
    },
    async ({ actor, params, body }) => service.updateTask(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/tasks/:id',
      access: 'tasks.delete',
      tag,
      summary: 'Delete a task',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteTask(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/calendar',
      reads: 'replica',
      access: 'tasks.view',
      tag,
      summary: 'Tasks, planned follow-ups and anniversaries between two instants',
      query: CalendarQuery,
      response: z.array(CalendarEvent),
    },
    async ({ actor, query }) => calendar(ctx, actor, query),
  );
}
