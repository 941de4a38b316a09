import type { ReportColumn, ReportResult } from '@relate/common';
import { theme } from 'antd';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';

// Only the charts and parts used here are bundled.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartKind = 'bar' | 'line' | 'pie';

/**
 * A report's first measure as a chart: by the first grouping along the axis (or the slices), and by
 * the second, if any, as stacked series. Money is shown in major units. Themed with the app's colours.
 */
export function ReportChart({
  result,
  kind,
  title,
  text,
}: {
  result: ReportResult;
  kind: ChartKind;
  title: (column: ReportColumn) => string;
  text: (column: ReportColumn, row: Record<string, string | number | null>) => string;
}) {
  const { token } = theme.useToken();
  const option = useMemo(() => {
    const groups = result.columns.filter((c) => c.kind === 'group');
    const measure = result.columns.find((c) => c.kind === 'measure')!;
    const valueOf = (row: Record<string, string | number | null>) => {
      const value = Number(row[measure.key] ?? 0);
      return measure.type === 'money' ? value / 100 : value;
    };
    const [first, second] = groups;
    const categories = [...new Set(result.rows.map((row) => (first ? text(first, row) : title(measure))))];
    const base = {
      color: [
        token.colorPrimary,
        token.colorSuccess,
        token.colorWarning,
        token.colorError,
        token.colorInfo,
        '#722ed1',
        '#13c2c2',
        '#eb2f96',
      ],
      textStyle: { fontFamily: token.fontFamily },
      tooltip: { trigger: kind === 'pie' ? 'item' : 'axis' },
      legend: { top: 0, type: 'scroll' },
    };
    if (kind === 'pie')
      return {
        ...base,
        series: [
          {
            type: 'pie',
            name: title(measure),
            radius: ['40%', '70%'],
            data: result.rows.map((row) => ({ name: first ? text(first, row) : title(measure), value: valueOf(row) })),
          },
        ],
      };
    const seriesNames = second ? [...new Set(result.rows.map((row) => text(second, row)))] : [title(measure)];
    const series = seriesNames.map((name) => ({
      type: kind,
      name,
      stack: second ? 'total' : undefined,
      data: categories.map((category) =>
        result.rows
          .filter(
            (row) =>
              (first ? text(first, row) : title(measure)) === category && (!second || text(second, row) === name),
          )
          .reduce((sum, row) => sum + valueOf(row), 0),
      ),
    }));
    return {
      ...base,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value' },
      series,
    };
  }, [result, kind, title, text, token]);
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 360 }} />;
}
