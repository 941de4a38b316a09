import type { DemandForecastSeries } from '@relate/common';
import { theme } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * One series of the demand forecast: what was sold each month (solid), what the method forecast for the
 * last six of them when fitted on the months before (dotted), and the next months forecast (dashed, from
 * the last month sold), with the 80 % interval in the tooltip.
 */
export function DemandForecastChart({ series, height = 320 }: { series: DemandForecastSeries; height?: number }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const option = useMemo(() => {
    const months = [...series.history.map((h) => h.month), ...series.forecast.map((f) => f.month)];
    const at = (month: string) => months.indexOf(month);
    const empty = () => months.map(() => null as number | null);
    const sold = empty();
    series.history.forEach((h, i) => (sold[i] = Number(h.quantity)));
    const tested = empty();
    for (const b of series.backtest) tested[at(b.month)] = Number(b.forecast);
    const ahead = empty();
    const last = series.history.at(-1);
    if (last) ahead[at(last.month)] = Number(last.quantity);
    for (const f of series.forecast) ahead[at(f.month)] = Number(f.quantity);
    const interval = new Map(series.forecast.map((f) => [f.month, f]));
    return {
      color: [token.colorPrimary, token.colorTextTertiary, token.colorWarning],
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: Array<{ axisValue: string; seriesName: string; value: number | null; marker: string }>) => {
          const month = params[0]?.axisValue ?? '';
          const lines = params
            .filter((p) => p.value !== null && p.value !== undefined)
            .filter((p) => !(p.seriesName === t('demandForecast.chart.forecast') && !interval.has(month)))
            .map((p) => `${p.marker}${p.seriesName}: ${p.value}`);
          const range = interval.get(month);
          if (range?.low !== undefined && range.high !== undefined)
            lines.push(t('demandForecast.chart.interval', { low: range.low, high: range.high }));
          return [month, ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: months, boundaryGap: false },
      yAxis: { type: 'value', min: 0 },
      series: [
        { name: t('demandForecast.chart.actual'), type: 'line', data: sold, symbolSize: 5 },
        {
          name: t('demandForecast.chart.backtest'),
          type: 'line',
          data: tested,
          lineStyle: { type: 'dotted' },
          symbolSize: 4,
        },
        {
          name: t('demandForecast.chart.forecast'),
          type: 'line',
          data: ahead,
          lineStyle: { type: 'dashed', width: 2 },
          symbolSize: 6,
        },
      ],
    };
  }, [series, t, token]);
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      opts={{ locale: i18n.language.startsWith('zh') ? 'ZH' : 'EN' }}
      style={{ height }}
    />
  );
}
