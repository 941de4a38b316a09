import { z } from 'zod';
import { Id } from './common.ts';
import { ReportDefinition, reportCharts, reportRelativePeriods } from './reports.ts';

/** The dashboards every company has from the start, ready on a fresh install. */
export const builtinDashboards = ['executive', 'sales', 'service', 'finance'] as const;
export type BuiltinDashboard = (typeof builtinDashboards)[number];

/** Where a widget sits on the dashboard's grid of 12 columns (rows of a fixed height). */
export const WidgetLayout = z.object({
  x: z.number().int().min(0).max(11),
  y: z.number().int().min(0).max(1000),
  w: z.number().int().min(1).max(12),
  h: z.number().int().min(1).max(20),
});
export type WidgetLayout = z.infer<typeof WidgetLayout>;

export const DashboardWidget = z
  .object({
    key: z.string().trim().min(1).max(40),
    title: z.string().trim().min(1).max(100),
    /**
     * A widget copied from a built-in dashboard: the built-in widget whose title it shows, in each
     * viewer's language (`title` is read only where that title is unknown); none: `title` as typed.
     */
    titleKey: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]+$/)
      .max(40)
      .nullable()
      .default(null),
    /** A saved report the widget shows as it stands, or a definition of the widget's own. */
    reportId: z.number().int().positive().nullable().default(null),
    definition: ReportDefinition.nullable().default(null),
    chart: z.enum(reportCharts).default('bar'),
    /** The date or time field the dashboard's period applies to; none: the widget keeps its own filters. */
    dateField: z.string().trim().min(1).max(64).nullable().default(null),
    layout: WidgetLayout,
  })
  .refine((w) => (w.reportId === null) !== (w.definition === null), {
    message: 'widgetReportOrDefinition',
    path: ['definition'],
  });
export type DashboardWidget = z.infer<typeof DashboardWidget>;
export type DashboardWidgetInput = z.input<typeof DashboardWidget>;

/** A dashboard's fields without defaults: a change leaves out what it does not change. */
const dashboardFields = {
  name: z.string().trim().min(1).max(100),
  widgets: z
    .array(DashboardWidget)
    .max(24)
    .refine((widgets) => new Set(widgets.map((w) => w.key)).size === widgets.length, { message: 'widgetKeysUnique' }),
  /** The period applied to every widget when the dashboard opens (each viewer may change it). */
  period: z.enum(reportRelativePeriods),
  /** Refreshed every so many minutes while open; none: only when asked. */
  refreshMinutes: z.number().int().min(1).max(1440).nullable(),
  sharedWithRoleIds: z.array(z.number().int().positive()).max(50),
  sharedWithDepartmentIds: z.array(z.number().int().positive()).max(50),
};

export const DashboardInput = z.object({
  ...dashboardFields,
  period: dashboardFields.period.default('thisMonth'),
  refreshMinutes: dashboardFields.refreshMinutes.default(null),
  sharedWithRoleIds: dashboardFields.sharedWithRoleIds.default([]),
  sharedWithDepartmentIds: dashboardFields.sharedWithDepartmentIds.default([]),
});
export type DashboardInput = z.input<typeof DashboardInput>;

/** A change to a dashboard: what is given replaces what it held. */
export const DashboardPatch = z.object(dashboardFields).partial();
export type DashboardPatch = z.input<typeof DashboardPatch>;

export const Dashboard = z.object({
  id: z.number(),
  name: z.string(),
  /** A built-in dashboard: seen by everyone, changed by no one (copied to be changed). */
  builtin: z.enum(builtinDashboards).nullable(),
  widgets: z.array(DashboardWidget),
  period: z.enum(reportRelativePeriods),
  refreshMinutes: z.number().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  /** Whether the caller owns it (and may change or delete it). */
  mine: z.boolean(),
  sharedWithRoleIds: z.array(z.number()),
  sharedWithDepartmentIds: z.array(z.number()),
  /** The roles whose users see it on their home page. */
  homeOfRoleIds: z.array(z.number()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** The dashboards a role's home page may show: the built-in ones, and those shared with the role (none yet for a new role). */
export const HomeDashboardChoicesQuery = z.object({ roleId: Id.optional() });

/** A dashboard an administrator may choose for a role's home page. */
export const HomeDashboardChoice = Dashboard.pick({ id: true, name: true, builtin: true, ownerName: true });
export type HomeDashboardChoice = z.infer<typeof HomeDashboardChoice>;
