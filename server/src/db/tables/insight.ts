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

/** A customer's value over the scoring window (RFM): their figures, quintile scores (1–5) and class. */
export type CustomerValueTable = {
  customerId: number;
  class: string;
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  lastOrderAt: string;
  /** Whole days from the last order to the scoring. */
  recencyDays: number;
  frequency: number;
  /** Minor units of the run's currency. */
  monetary: number;
  scoredAt: string;
};

/** A scoring run: its window and currency, and how many customers (and how much value) each class held. */
export type RfmRunTable = {
  id: Generated<number>;
  computedAt: string;
  windowDays: number;
  currency: string;
  customers: number;
  classes: unknown;
  durationMs: number;
};

/**
 * A customer at risk of churning, or holding open receivables or tickets, as the last computation found
 * them: bought orders, the last one, twice the median days between them (the limit the days since the
 * last order must pass), and what is still open.
 */
export type ChurnRiskTable = {
  customerId: number;
  boughtOrders: number;
  lastOrderAt: string | null;
  rhythmLimitDays: number | null;
  daysSinceOrder: number | null;
  /** 1 when the days since the last order passed the limit. */
  orderRhythm: number;
  /** Minor units of the run's currency. */
  openReceivable: number;
  /** Instalments not received in full, in any currency. */
  openInstalments: number;
  openTickets: number;
  computedAt: string;
};

/** A churn risk computation: when, in which currency, how many customers' order rhythm broke, how long it took. */
export type ChurnRunTable = {
  id: Generated<number>;
  computedAt: string;
  currency: string;
  orderRhythm: number;
  durationMs: number;
};

/** When a saved report is sent by email, and to whom (common/schemas/reports.ts, ReportSchedule). */
export type ReportScheduleTable = Timestamps & {
  reportId: number;
  frequency: string;
  weekday: number | null;
  monthDay: number | null;
  hour: number;
  recipientIds: unknown;
  enabled: number;
  nextRunAt: string | null;
  lastSentAt: string | null;
  lastError: string | null;
};

/** A month whose forecast was taken as the month began (see ForecastSnapshotTable). */
export type ForecastMonthTable = { month: string; currency: string; takenAt: string };

/** An owner's open opportunities expected to close in a month, as the month began: minor units of its currency. */
export type ForecastSnapshotTable = {
  month: string;
  ownerId: number;
  departmentId: number | null;
  weighted: number;
  pipeline: number;
  openCount: number;
};

export type InsightTables = {
  churnRisks: ChurnRiskTable;
  churnRuns: ChurnRunTable;
  forecastMonths: ForecastMonthTable;
  forecastSnapshots: ForecastSnapshotTable;
  customerValues: CustomerValueTable;
  rfmRuns: RfmRunTable;
  reports: ReportTable;
  reportShares: ReportShareTable;
  reportSchedules: ReportScheduleTable;
  dashboards: DashboardTable;
  dashboardShares: DashboardShareTable;
};
