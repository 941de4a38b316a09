import type { DashboardWidget } from '@relate/common';
import { useMemo } from 'react';
import { type Layout, Responsive, useContainerWidth } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import type { ReportRow } from '@relate/common/report-chart';
import { narrowLayout, placedWidgets, type WidgetPlan, wideLayout } from './dashboard-widgets';
import './dashboards.css';
import { WidgetCard } from './WidgetCard';

/** Narrower than this, the widgets stand one under another (a phone, a narrow window). */
const wideFrom = 768;
const breakpoints = { wide: wideFrom, narrow: 0 };
const cols = { wide: 12, narrow: 1 };
const margin = [16, 16] as const;
const padding = [0, 0] as const;

/**
 * The widgets on a grid of 12 columns; on a narrow screen one column, in reading order. While editing
 * (on a wide screen), a widget moves by its heading and resizes by its lower right corner.
 */
export function DashboardGrid({
  widgets,
  titleOf,
  planOf,
  refreshMinutes,
  editing,
  onChange,
  onPick,
}: {
  widgets: DashboardWidget[];
  titleOf: (widget: DashboardWidget) => string;
  planOf: (widget: DashboardWidget) => WidgetPlan;
  refreshMinutes: number | null;
  editing: boolean;
  onChange: (widgets: DashboardWidget[]) => void;
  onPick: (widget: DashboardWidget, match: ReportRow, caption: string) => void;
}) {
  const { width, containerRef, mounted } = useContainerWidth();
  const layouts = useMemo(() => ({ wide: wideLayout(widgets), narrow: narrowLayout(widgets) }), [widgets]);
  const movable = editing && width >= wideFrom;
  const placed = (layout: Layout) => {
    if (movable && layout.some((item) => widgets.some((w) => w.key === item.i)))
      onChange(placedWidgets(widgets, layout));
  };
  return (
    <div ref={containerRef} className={editing ? 'dashboard-grid dashboard-grid-editing' : 'dashboard-grid'}>
      {mounted && (
        <Responsive
          width={width}
          layouts={layouts}
          breakpoints={breakpoints}
          cols={cols}
          rowHeight={40}
          margin={margin}
          containerPadding={padding}
          dragConfig={{ enabled: movable, handle: '.ant-card-head', cancel: '.dashboard-widget-actions' }}
          resizeConfig={{ enabled: movable }}
          onLayoutChange={placed}
        >
          {widgets.map((widget) => (
            <div key={widget.key}>
              <WidgetCard
                widgetKey={widget.key}
                title={titleOf(widget)}
                plan={planOf(widget)}
                refreshMinutes={refreshMinutes}
                editing={editing}
                onRemove={() => onChange(widgets.filter((w) => w.key !== widget.key))}
                onPick={(match, caption) => onPick(widget, match, caption)}
              />
            </div>
          ))}
        </Responsive>
      )}
    </div>
  );
}
