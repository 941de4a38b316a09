import type { Dashboard, Department, DashboardWidget, ReportSourceInfo, SavedReport } from '@relate/common';
import { describe, expect, it } from 'vitest';
import {
  builtinTitleKey,
  copiedWidgets,
  departmentAndBelow,
  groupMatch,
  narrowLayout,
  orderDashboards,
  placedWidgets,
  planWidget,
} from './dashboard-widgets';

const orders: ReportSourceInfo = {
  source: 'orders',
  fields: [
    { name: 'createdAt', kind: 'timestamp', dictionary: null },
    { name: 'departmentId', kind: 'department', dictionary: null },
    { name: 'status', kind: 'text', dictionary: null },
  ],
};
const known = { savedReports: [] as SavedReport[], sources: [orders] };

const widget = (fields: Partial<DashboardWidget> = {}): DashboardWidget => ({
  key: 'sales',
  title: '销售额',
  titleKey: null,
  reportId: null,
  chart: 'bar',
  dateField: 'createdAt',
  layout: { x: 0, y: 0, w: 6, h: 8 },
  definition: {
    source: 'orders',
    filters: [
      { field: 'status', op: 'eq', value: 'approved' },
      { field: 'createdAt', op: 'within', value: 'thisQuarter' },
    ],
    groupBy: [],
    measures: [{ aggregate: 'count' }],
    limit: 500,
  },
  ...fields,
});

describe('what a dashboard widget runs', () => {
  it("puts the dashboard's period in place of the widget's own on its date field, keeping its other filters", () => {
    const plan = planWidget(widget(), { period: 'lastMonth', departmentIds: [] }, known);
    expect(plan).toMatchObject({ kind: 'run', chart: 'bar' });
    expect(plan.kind === 'run' && plan.definition.filters).toEqual([
      { field: 'status', op: 'eq', value: 'approved' },
      { field: 'createdAt', op: 'within', value: 'lastMonth' },
    ]);
  });

  it('adds the period to a widget that had none on its date field', () => {
    const own = widget({ definition: { ...widget().definition!, filters: [] } });
    const plan = planWidget(own, { period: 'today', departmentIds: [] }, known);
    expect(plan.kind === 'run' && plan.definition.filters).toEqual([
      { field: 'createdAt', op: 'within', value: 'today' },
    ]);
  });

  it('leaves the filters of a widget without a date field as they are', () => {
    const plan = planWidget(widget({ dateField: null }), { period: 'today', departmentIds: [] }, known);
    expect(plan.kind === 'run' && plan.definition.filters).toEqual(widget().definition!.filters);
  });

  it('narrows every widget to the chosen departments', () => {
    const plan = planWidget(widget(), { period: 'thisQuarter', departmentIds: [3, 4] }, known);
    expect(plan.kind === 'run' && plan.definition.filters).toContainEqual({
      field: 'departmentId',
      op: 'in',
      value: [3, 4],
    });
  });

  it("runs a saved report's definition and chart, and says when the viewer no longer sees the report", () => {
    const report = { id: 7, definition: widget().definition!, chart: 'line' } as SavedReport;
    const saved = widget({ reportId: 7, definition: null });
    expect(
      planWidget(saved, { period: 'today', departmentIds: [] }, { ...known, savedReports: [report] }),
    ).toMatchObject({ kind: 'run', chart: 'line' });
    expect(planWidget(saved, { period: 'today', departmentIds: [] }, known)).toEqual({ kind: 'reportHidden' });
    expect(planWidget(saved, { period: 'today', departmentIds: [] }, { ...known, savedReports: undefined })).toEqual({
      kind: 'waiting',
    });
  });

  it('runs nothing on a source the viewer may not report on', () => {
    expect(planWidget(widget(), { period: 'today', departmentIds: [] }, { ...known, sources: [] })).toEqual({
      kind: 'forbidden',
    });
  });
});

describe('a dashboard on the grid', () => {
  it('stands the widgets one under another in reading order on a narrow screen', () => {
    const widgets = [
      widget({ key: 'b', layout: { x: 6, y: 0, w: 6, h: 8 } }),
      widget({ key: 'c', layout: { x: 0, y: 8, w: 12, h: 4 } }),
      widget({ key: 'a', layout: { x: 0, y: 0, w: 6, h: 8 } }),
    ];
    expect(narrowLayout(widgets)).toEqual([
      { i: 'a', x: 0, y: 0, w: 1, h: 8 },
      { i: 'b', x: 0, y: 8, w: 1, h: 8 },
      { i: 'c', x: 0, y: 16, w: 1, h: 4 },
    ]);
  });

  it('keeps a moved or resized widget within the bounds a dashboard keeps', () => {
    const [placed] = placedWidgets([widget()], [{ i: 'sales', x: 9, y: 2, w: 6, h: 30 }]);
    expect(placed.layout).toEqual({ x: 6, y: 2, w: 6, h: 20 });
  });
});

describe('the records behind a figure', () => {
  it('names a row by the values of its groupings only', () => {
    const row = { customerId: 5, 'customerId:label': '龙腾', count: 3, 'count:previous': 1 };
    expect(groupMatch(['customerId'], row)).toEqual({ customerId: 5 });
  });

  it('takes a department with every department below it', () => {
    const departments = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: 1 },
      { id: 5, parentId: null },
    ] as Department[];
    expect(departmentAndBelow(departments, 1).sort()).toEqual([1, 2, 3, 4]);
    expect(departmentAndBelow(departments, 2).sort()).toEqual([2, 3]);
  });
});

describe('the list of dashboards', () => {
  it('puts the built-in ones first in their own order, then the viewer’s own, then those shared with them', () => {
    const listed = [
      { id: 1, name: '服务分析', builtin: 'service', mine: false },
      { id: 9, name: '同事的看板', builtin: null, mine: false },
      { id: 2, name: '经营总览', builtin: 'executive', mine: false },
      { id: 8, name: '我的看板', builtin: null, mine: true },
      { id: 3, name: '财务分析', builtin: 'finance', mine: false },
      { id: 4, name: '销售分析', builtin: 'sales', mine: false },
    ] as Dashboard[];
    expect(orderDashboards(listed).map((d) => d.id)).toEqual([2, 4, 1, 3, 8, 9]);
  });
});

describe('copies of a built-in dashboard', () => {
  it('keep the key of each built-in title, so every viewer reads it in their own language', () => {
    const builtin = { builtin: 'sales' as const };
    const copies = copiedWidgets(builtin, [widget({ key: 'funnel', title: '销售漏斗' })], () => 'Sales funnel');
    expect(copies).toEqual([expect.objectContaining({ key: 'funnel', title: 'Sales funnel', titleKey: 'funnel' })]);
    expect(builtinTitleKey({ builtin: null }, copies[0])).toBe('funnel');
  });

  it('keep a title the user typed as typed', () => {
    const own = { builtin: null };
    const copies = copiedWidgets(own, [widget({ key: 'w1', title: '我的图表' })], (w) => w.title);
    expect(copies[0]).toMatchObject({ title: '我的图表', titleKey: null });
    expect(builtinTitleKey(own, copies[0])).toBeNull();
  });
});
