import type { ReportChart, ReportColumn, ReportResult } from '../schemas/reports.ts';
import type {
  BarSeriesOption,
  FunnelSeriesOption,
  GaugeSeriesOption,
  LineSeriesOption,
  MapSeriesOption,
  PieSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { type ComposeOption, format } from 'echarts/core';
import { provinceShortName } from './provinces.ts';
import { type GroupValue, type ReportRow, combined, pickOf, valuesOf } from './report-groups.ts';

export type ChartKind = Exclude<ReportChart, 'table' | 'pivot'>;

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | FunnelSeriesOption
  | ScatterSeriesOption
  | GaugeSeriesOption
  | MapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** The app's colours and font, from the Ant Design theme. */
export type ChartLook = {
  palette: string[];
  fontFamily: string;
  text: string;
  secondaryText: string;
  border: string;
  /** A province without figures, the least and the most, and one under the pointer. */
  mapEmpty: string;
  mapLow: string;
  mapHigh: string;
  mapHover: string;
};

export type ChartInput = {
  result: ReportResult;
  kind: ChartKind;
  /** A column's heading and a cell's text, as the table shows them. */
  title: (column: ReportColumn) => string;
  text: (column: ReportColumn, row: ReportRow) => string;
  locale: string;
  /** Whether a click on an item names its row (and the item shows a pointer). */
  clickable: boolean;
  look: ChartLook;
};

/** A chart's ECharts option, or why the report cannot be shown so. */
export type ChartPlan = { option: ChartOption } | { problem: 'needsTwoMeasures' | 'needsProvinces' };

/**
 * A report as a chart of its first measure (a scatter: its first two; a gauge: its total). Each item
 * carries in `pick` the row it stands for, or the groupings it sums (see `pickOf`). Money is shown in
 * major units, and every figure in a tooltip as the table writes it.
 */
export function chartPlan({ result, kind, title, text, locale, clickable, look }: ChartInput): ChartPlan {
  const groups = result.columns.filter((c) => c.kind === 'group');
  const measures = result.columns.filter((c) => c.kind === 'measure');
  const [first, second] = groups;
  const measure = measures[0] ?? result.columns.find((c) => c.kind !== 'group')!;
  const inChart = (column: ReportColumn, value: number | null) =>
    value === null ? null : column.type === 'money' ? value / 100 : value;
  const written = (column: ReportColumn) => (value: unknown) =>
    typeof value !== 'number' || Number.isNaN(value)
      ? '-'
      : text(column, { [column.key]: column.type === 'money' ? Math.round(value * 100) : value });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const scale = (column: ReportColumn) => (value: number) =>
    `${compact.format(value)}${column.type === 'percent' ? '%' : ''}`;
  // '-' is ECharts' word for a missing figure.
  const figure = (rows: ReportRow[]) => inChart(measure, combined(rows, measure)) ?? ('-' as const);
  const cursor = clickable ? 'pointer' : 'default';
  const everything: GroupValue = { id: 'all', value: null, label: title(measure), rows: result.rows };
  const byFirst = first
    ? valuesOf(result.rows, first, (row) => text(first, row), { asGiven: kind === 'funnel' })
    : [everything];
  const base = {
    color: look.palette,
    textStyle: { fontFamily: look.fontFamily, color: look.text },
  };
  const legend: LegendComponentOption = { top: 0, type: 'scroll', textStyle: { color: look.text } };
  const itemTooltip: TooltipComponentOption = { trigger: 'item', confine: true, valueFormatter: written(measure) };
  const axisLabel = { color: look.secondaryText };

  switch (kind) {
    case 'bar':
    case 'stackedBar':
    case 'line':
    case 'area': {
      const bars = kind === 'bar' || kind === 'stackedBar';
      const series = second ? valuesOf(result.rows, second, (row) => text(second, row)) : [everything];
      const sameSeries = (row: ReportRow, of: GroupValue) =>
        !second || JSON.stringify(row[second.key] ?? null) === of.id;
      return {
        option: {
          ...base,
          ...(second ? { legend } : {}),
          tooltip: {
            trigger: 'axis',
            confine: true,
            axisPointer: { type: bars ? 'shadow' : 'line' },
            valueFormatter: written(measure),
          },
          grid: { left: 8, right: 16, top: second ? 40 : 16, bottom: 8, containLabel: true },
          xAxis: {
            type: 'category',
            data: byFirst.map((c) => c.label),
            axisLabel: {
              ...axisLabel,
              interval: byFirst.length <= 24 ? 0 : 'auto',
              rotate: byFirst.length > 6 ? 30 : 0,
              hideOverlap: true,
              width: 120,
              overflow: 'truncate',
            },
          },
          yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: scale(measure) } },
          series: series.map((s) => {
            const stack = second && (kind === 'stackedBar' || kind === 'area') ? { stack: 'total' } : {};
            const data = byFirst.map((category) => {
              const cell = category.rows.filter((row) => sameSeries(row, s));
              return { value: figure(cell), pick: pickOf(cell, groups.slice(0, second ? 2 : 1)) };
            });
            return bars
              ? { type: 'bar', name: s.label, ...stack, emphasis: { focus: 'series' }, cursor, data }
              : {
                  type: 'line',
                  name: s.label,
                  ...stack,
                  ...(kind === 'area' ? { areaStyle: { opacity: second ? 0.6 : 0.3 } } : {}),
                  emphasis: { focus: 'series' },
                  symbolSize: 7,
                  cursor,
                  data,
                };
          }),
        },
      };
    }
    case 'pie':
    case 'donut':
      return {
        option: {
          ...base,
          legend,
          tooltip: itemTooltip,
          series: [
            {
              type: 'pie',
              name: title(measure),
              // A pie is whole; a donut leaves its middle open.
              radius: kind === 'donut' ? ['42%', '70%'] : '70%',
              center: ['50%', '55%'],
              cursor,
              label: { formatter: '{b}: {d}%', color: look.text },
              ...(kind === 'donut' ? { itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 } } : {}),
              data: byFirst.map((c) => ({
                name: c.label,
                value: figure(c.rows),
                pick: pickOf(c.rows, groups.slice(0, 1)),
              })),
            },
          ],
        },
      };
    case 'funnel':
      return {
        option: {
          ...base,
          legend,
          tooltip: itemTooltip,
          series: [
            {
              type: 'funnel',
              name: title(measure),
              // Stages in the order the grouping gives them, not by size.
              sort: 'none',
              top: 40,
              bottom: 8,
              left: '10%',
              width: '80%',
              minSize: '10%',
              gap: 2,
              cursor,
              label: {
                position: 'inside',
                formatter: (item: { name: string; value: unknown }) => `${item.name}  ${written(measure)(item.value)}`,
              },
              data: byFirst.map((c) => ({
                name: c.label,
                value: figure(c.rows),
                pick: pickOf(c.rows, groups.slice(0, 1)),
              })),
            },
          ],
        },
      };
    case 'scatter': {
      const [across, up] = measures;
      if (!up) return { problem: 'needsTwoMeasures' };
      const points = result.rows.flatMap((row) => {
        const x = inChart(across, numberOf(row[across.key]));
        const y = inChart(up, numberOf(row[up.key]));
        if (x === null || y === null) return [];
        const name = groups.map((g) => text(g, row)).join(' · ') || title(across);
        return [{ name, value: [x, y], pick: row }];
      });
      const line = (column: ReportColumn, value: unknown) =>
        `${format.encodeHTML(title(column))}: ${format.encodeHTML(written(column)(value))}`;
      return {
        option: {
          ...base,
          tooltip: {
            trigger: 'item',
            confine: true,
            formatter: (item: unknown) => {
              const { name, value } = item as { name: string; value: [number, number] };
              return [format.encodeHTML(name), line(across, value[0]), line(up, value[1])].join('<br/>');
            },
          },
          grid: { left: 8, right: 24, top: 32, bottom: 28, containLabel: true },
          xAxis: {
            type: 'value',
            name: title(across),
            nameLocation: 'middle',
            nameGap: 28,
            scale: true,
            axisLabel: { ...axisLabel, formatter: scale(across) },
          },
          yAxis: { type: 'value', name: title(up), scale: true, axisLabel: { ...axisLabel, formatter: scale(up) } },
          series: [
            {
              type: 'scatter',
              name: `${title(across)} / ${title(up)}`,
              symbolSize: 12,
              cursor,
              emphasis: { focus: 'self', label: { show: true, position: 'top', formatter: '{b}' } },
              data: points,
            },
          ],
        },
      };
    }
    case 'gauge': {
      const percent = measure.kind === 'share' || measure.type === 'percent';
      const total = inChart(measure, numberOf(result.totals[measure.key])) ?? 0;
      const largest = Math.max(total, ...result.rows.map((row) => inChart(measure, numberOf(row[measure.key])) ?? 0));
      return {
        option: {
          ...base,
          series: [
            {
              type: 'gauge',
              min: 0,
              max: percent ? 100 : roundUp(largest),
              splitNumber: 5,
              progress: { show: true, width: 14 },
              axisLine: { lineStyle: { width: 14 } },
              axisTick: { show: false },
              splitLine: { length: 10, lineStyle: { width: 2, color: look.border } },
              axisLabel: { ...axisLabel, distance: 22, formatter: scale(measure) },
              pointer: { width: 5 },
              anchor: { show: true, size: 12, showAbove: true },
              title: { offsetCenter: [0, '72%'], color: look.secondaryText },
              detail: {
                offsetCenter: [0, '42%'],
                fontSize: 24,
                color: look.text,
                formatter: () => text(measure, result.totals),
              },
              data: [{ value: total, name: title(measure) }],
            },
          ],
        },
      };
    }
    case 'map': {
      const provinces = new Map<string, ReportRow[]>();
      for (const c of byFirst) {
        const name = first ? provinceShortName(c.value === null ? null : String(c.value)) : null;
        if (name) provinces.set(name, [...(provinces.get(name) ?? []), ...c.rows]);
      }
      if (!provinces.size) return { problem: 'needsProvinces' };
      const data = [...provinces].map(([name, rows]) => ({
        name,
        value: figure(rows),
        pick: pickOf(rows, groups.slice(0, 1)),
      }));
      const highest = Math.max(0, ...data.map((d) => (d.value === '-' ? 0 : d.value))) || 1;
      return {
        option: {
          ...base,
          tooltip: itemTooltip,
          visualMap: {
            type: 'continuous',
            min: 0,
            max: highest,
            text: [scale(measure)(highest), scale(measure)(0)],
            left: 8,
            bottom: 8,
            itemHeight: 100,
            inRange: { color: [look.mapLow, look.mapHigh] },
            textStyle: { color: look.secondaryText },
          },
          series: [
            {
              type: 'map',
              map: 'china',
              name: title(measure),
              selectedMode: false,
              // As large as fits, in its own proportions: on a phone it shrinks to the width.
              left: 8,
              right: 8,
              top: 8,
              bottom: 8,
              preserveAspect: 'contain',
              cursor,
              itemStyle: { areaColor: look.mapEmpty, borderColor: look.border },
              emphasis: { label: { show: true, color: look.text }, itemStyle: { areaColor: look.mapHover } },
              data,
            },
          ],
        },
      };
    }
  }
}

const numberOf = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

/** The gauge's end: the figure rounded up to 1, 2, 2.5 or 5 times a power of ten. */
export function roundUp(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((end) => end >= value)!;
}
