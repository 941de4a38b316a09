import type { Dashboard, DashboardWidget } from '@relate/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportSources, useSavedReports } from '../reports/queries';
import { type PickedFigure, ReportRecordsDrawer } from '../reports/ReportRecordsDrawer';
import { DashboardGrid } from './DashboardGrid';
import { builtinTitleKey, type DashboardView, planWidget, type WidgetPlan } from './dashboard-widgets';

/** A dashboard's name and its widgets' titles: a built-in one's (or a copy's of one) in the viewer's language. */
export function useDashboardWords() {
  const { t } = useTranslation();
  return {
    nameOf: (d: Pick<Dashboard, 'builtin' | 'name'>) =>
      d.builtin ? t(`dashboards.builtins.${d.builtin}`, { defaultValue: d.name }) : d.name,
    titleOf: (d: Pick<Dashboard, 'builtin'>, w: DashboardWidget) => {
      const key = builtinTitleKey(d, w);
      return key ? t(`dashboards.widgets.${key}`, { defaultValue: w.title }) : w.title;
    },
  };
}

/** What each widget runs under the dashboard's period and department, once the viewer's sources and saved reports are read. */
export function useWidgetPlanner(view: DashboardView) {
  const sources = useReportSources();
  const savedReports = useSavedReports();
  const known = { savedReports: savedReports.data, sources: sources.data };
  return { known, planOf: (widget: DashboardWidget) => planWidget(widget, view, known) };
}

/**
 * A dashboard's widgets on their grid, each run in the viewer's own scope; a figure opens the records
 * behind it. While `editing`, widgets move, resize and go, and `onChange` receives them.
 */
export function DashboardFigures({
  dashboard,
  widgets = dashboard.widgets,
  planOf,
  editing = false,
  onChange,
}: {
  dashboard: Dashboard;
  widgets?: DashboardWidget[];
  planOf: (widget: DashboardWidget) => WidgetPlan;
  editing?: boolean;
  onChange?: (widgets: DashboardWidget[]) => void;
}) {
  const { titleOf } = useDashboardWords();
  const [picked, setPicked] = useState<PickedFigure | null>(null);
  return (
    <>
      <DashboardGrid
        widgets={widgets}
        titleOf={(w) => titleOf(dashboard, w)}
        planOf={planOf}
        refreshMinutes={dashboard.refreshMinutes}
        editing={editing}
        onChange={(next) => onChange?.(next)}
        onPick={(widget, match, caption) => {
          const plan = planOf(widget);
          if (plan.kind === 'run') setPicked({ definition: plan.definition, match, caption });
        }}
      />
      <ReportRecordsDrawer figure={picked} onClose={() => setPicked(null)} />
    </>
  );
}
