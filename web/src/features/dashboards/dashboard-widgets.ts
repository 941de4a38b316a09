import {
  builtinDashboards,
  type Dashboard,
  type Department,
  type DashboardWidget,
  type ReportChart,
  type ReportDefinitionInput,
  type ReportFilter,
  type ReportRelativePeriod,
  type ReportSourceInfo,
  type SavedReport,
} from '@relate/common';

/** What a widget runs, or why it runs nothing. */
export type WidgetPlan =
  | { kind: 'run'; definition: ReportDefinitionInput; chart: ReportChart }
  /** Its saved report is not one the viewer sees (deleted, or no longer shared with them). */
  | { kind: 'reportHidden' }
  /** The viewer may not report on its source. */
  | { kind: 'forbidden' }
  /** Saved reports or the viewer's sources are still loading. */
  | { kind: 'waiting' };

/** What the dashboard's toolbar applies to every widget. */
export type DashboardView = {
  period: ReportRelativePeriod;
  /** A department and every department below it; none: every department. */
  departmentIds: number[];
};

/**
 * The filters with the period on `dateField`: any relative period on that field gives way to it, so
 * the widget counts the dashboard's period; the other filters stay.
 */
export function withPeriod(filters: ReportFilter[], dateField: string, period: ReportRelativePeriod): ReportFilter[] {
  return [
    ...filters.filter((f) => !(f.field === dateField && f.op === 'within')),
    { field: dateField, op: 'within', value: period },
  ];
}

/**
 * What a widget runs under the dashboard's period and department: its saved report's definition and
 * chart, or its own; the period replaces the relative period on its date field (a widget without one
 * keeps its own), and the department filter narrows every source that has departments.
 */
export function planWidget(
  widget: DashboardWidget,
  view: DashboardView,
  known: { savedReports: SavedReport[] | undefined; sources: ReportSourceInfo[] | undefined },
): WidgetPlan {
  let definition = widget.definition;
  let chart = widget.chart;
  if (widget.reportId !== null) {
    if (!known.savedReports) return { kind: 'waiting' };
    const report = known.savedReports.find((r) => r.id === widget.reportId);
    if (!report) return { kind: 'reportHidden' };
    definition = report.definition;
    chart = report.chart;
  }
  if (!definition) return { kind: 'reportHidden' };
  if (!known.sources) return { kind: 'waiting' };
  const source = known.sources.find((s) => s.source === definition.source);
  if (!source) return { kind: 'forbidden' };
  let filters = definition.filters;
  if (widget.dateField) filters = withPeriod(filters, widget.dateField, view.period);
  if (view.departmentIds.length && source.fields.some((f) => f.name === 'departmentId'))
    filters = [...filters, { field: 'departmentId', op: 'in', value: view.departmentIds }];
  return { kind: 'run', definition: { ...definition, filters }, chart };
}

/** The built-in widget whose title a widget shows in the viewer's language (a built-in one's or a copy's), if any. */
export function builtinTitleKey(dashboard: Pick<Dashboard, 'builtin'>, widget: DashboardWidget): string | null {
  return dashboard.builtin ? widget.key : (widget.titleKey ?? null);
}

/**
 * A dashboard's widgets as a copy keeps them: a built-in widget keeps the key of its title, so the
 * copy shows it in each viewer's language; `titleOf` is the title written where that is unknown.
 */
export function copiedWidgets(
  dashboard: Pick<Dashboard, 'builtin'>,
  widgets: DashboardWidget[],
  titleOf: (widget: DashboardWidget) => string,
): DashboardWidget[] {
  return widgets.map((w) => ({ ...w, title: titleOf(w), titleKey: builtinTitleKey(dashboard, w) }));
}

/** A department and every department below it, at any depth. */
export function departmentAndBelow(departments: Department[], id: number): number[] {
  const found = [id];
  for (let i = 0; i < found.length; i++)
    for (const d of departments) if (d.parentId === found[i] && !found.includes(d.id)) found.push(d.id);
  return found;
}

type GridItem = { i: string; x: number; y: number; w: number; h: number };

/** The widgets on the grid of 12 columns, as the dashboard places them. */
export function wideLayout(widgets: DashboardWidget[]): GridItem[] {
  return widgets.map((w) => ({ i: w.key, ...w.layout }));
}

/** The widgets one under another, in reading order (top to bottom, left to right), for a narrow screen. */
export function narrowLayout(widgets: DashboardWidget[]): GridItem[] {
  const ordered = [...widgets].sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x);
  let y = 0;
  return ordered.map((w) => {
    const item = { i: w.key, x: 0, y, w: 1, h: w.layout.h };
    y += w.layout.h;
    return item;
  });
}

/** The widgets placed as the grid left them after a drag or resize, within the bounds a dashboard keeps. */
export function placedWidgets(widgets: DashboardWidget[], layout: readonly GridItem[]): DashboardWidget[] {
  return widgets.map((widget) => {
    const item = layout.find((l) => l.i === widget.key);
    if (!item) return widget;
    const w = Math.min(Math.max(item.w, 1), 12);
    return {
      ...widget,
      layout: {
        x: Math.min(Math.max(item.x, 0), 12 - w),
        y: Math.min(Math.max(item.y, 0), 1000),
        w,
        h: Math.min(Math.max(item.h, 1), 20),
      },
    };
  });
}

/** The row's values of the report's groupings, by column key: what names the records behind a figure. */
export function groupMatch(
  groupKeys: string[],
  row: Record<string, string | number | null>,
): Record<string, string | number | null> {
  return Object.fromEntries(groupKeys.filter((key) => key in row).map((key) => [key, row[key] ?? null]));
}

/**
 * The built-in dashboards in their own order (the executive one first), then the viewer's own, then
 * those shared with them, each by name: the same on every database, whatever order the list came in.
 */
export function orderDashboards(dashboards: Dashboard[]): Dashboard[] {
  const rank = (d: Dashboard) => (d.builtin ? builtinDashboards.indexOf(d.builtin) : d.mine ? 100 : 200);
  return [...dashboards].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id - b.id);
}
