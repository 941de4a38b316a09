import type { Generated } from 'kysely';
import type { Timestamps } from './columns.ts';

/** A saved report: its definition (common/schemas/reports.ts) and how it is shown, owned by one user. */
export type ReportTable = Timestamps & {
  id: Generated<number>;
  name: string;
  folder: string | null;
  definition: unknown;
  chart: string;
  ownerId: number;
};

/** Who else sees a saved report: the users of a role, or of a department. */
export type ReportShareTable = { reportId: number; roleId: number | null; departmentId: number | null };

/** A dashboard: report widgets on a grid (common/schemas/dashboards.ts); built in when `builtin` names it. */
export type DashboardTable = Timestamps & {
  id: Generated<number>;
  name: string;
  builtin: string | null;
  widgets: unknown;
  period: string;
  refreshMinutes: number | null;
  ownerId: number | null;
};

/** Who else sees a dashboard: the users of a role, or of a department. */
export type DashboardShareTable = { dashboardId: number; roleId: number | null; departmentId: number | null };

export type InsightTables = {
  reports: ReportTable;
  reportShares: ReportShareTable;
  dashboards: DashboardTable;
  dashboardShares: DashboardShareTable;
};
