import { z } from 'zod';
import { CsvList, IdList, IsoDateTime, OptionalLongText, PageQuery, Id, RecordId } from './common.ts';

export const taskPriorities = ['low', 'normal', 'high'] as const;
export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export const recurrences = ['none', 'daily', 'weekly', 'monthly'] as const;
export const taskRelatedEntities = ['customers', 'leads', 'opportunities'] as const;

const TaskFields = z.object({
  subject: z.string().trim().min(1).max(200),
  type: z.string().trim().min(1).max(50),
  priority: z.enum(taskPriorities),
  dueAt: IsoDateTime,
  assigneeId: RecordId.optional(),
  relatedEntity: z.enum(taskRelatedEntities).nullish(),
  relatedId: RecordId.nullish(),
  status: z.enum(taskStatuses).optional(),
  remindMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .nullish(),
  notes: OptionalLongText,
  recurrence: z.enum(recurrences),
});
export const TaskInput = TaskFields.extend({
  type: TaskFields.shape.type.default('todo'),
  priority: TaskFields.shape.priority.default('normal'),
  recurrence: TaskFields.shape.recurrence.default('none'),
});
export type TaskInput = z.infer<typeof TaskInput>;
/** Without defaults: a field left out of a change stays as it is. */
export const TaskPatch = TaskFields.partial();

export const Task = z.object({
  id: z.number(),
  subject: z.string(),
  type: z.string(),
  priority: z.enum(taskPriorities),
  dueAt: z.string(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  departmentId: z.number().nullable(),
  relatedEntity: z.enum(taskRelatedEntities).nullable(),
  relatedId: z.number().nullable(),
  relatedName: z.string().nullable(),
  status: z.enum(taskStatuses),
  remindMinutes: z.number().nullable(),
  notes: z.string().nullable(),
  recurrence: z.enum(recurrences),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof Task>;

export const taskSortFields = ['dueAt', 'priority', 'createdAt', 'subject'] as const;
export const TaskQuery = PageQuery.extend({
  status: CsvList,
  assigneeId: IdList,
  relatedEntity: z.enum(taskRelatedEntities).optional(),
  relatedId: Id.optional(),
  dueFrom: IsoDateTime.optional(),
  dueTo: IsoDateTime.optional(),
  overdue: z.stringbool().optional(),
});

export const CalendarQuery = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  /** A manager may look at someone in their scope; by default the caller's own calendar. */
  userId: Id.optional(),
});
export const calendarKinds = ['task', 'followup', 'anniversary'] as const;
export const CalendarEvent = z.object({
  kind: z.enum(calendarKinds),
  id: z.string(),
  title: z.string(),
  start: z.string(),
  allDay: z.boolean(),
  status: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.number().nullable(),
  /** Whether the event can be moved to another time (tasks only). */
  movable: z.boolean(),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;
