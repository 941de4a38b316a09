import { fromMinorUnits, type ProfitabilityRow } from '@relate/common';
import { theme } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * Revenue beside cost as bars, with the margin % as a line on its own axis, for the rows given (the top of
 * the page); a click on a bar or point hands its row to `onPick`. Without costs, revenue alone.
 */
export function ProfitabilityChart({
  rows,
  costs,
  label,
  money,
  onPick,
}: {
  rows: ProfitabilityRow[];
  costs: boolean;
  label: (row: ProfitabilityRow) => string;
  money: (minor: number) => string;
  onPick?: (row: ProfitabilityRow) => void;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const option = useMemo(() => {
    // Chart heights only: the figures shown stay exact in the tooltip and the table.
    const height = (minor: number | null | undefined) => (minor == null ? null : Number(fromMinorUnits(minor)));
    const point = (row: ProfitabilityRow, value: number | null) => ({ value, row });
    const series: object[] = [
      {
        name: t('profitability.columns.revenue'),
        type: 'bar',
        data: rows.map((row) => point(row, height(row.revenue))),
        itemStyle: { color: token.colorPrimary },
      },
    ];
    if (costs)
      series.push(
        {
          name: t('profitability.columns.cost'),
          type: 'bar',
          data: rows.map((row) => point(row, height(row.cost))),
          itemStyle: { color: token.colorWarning },
        },
        {
          name: t('profitability.columns.marginPercent'),
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((row) => point(row, row.marginPercent == null ? null : Number(row.marginPercent))),
          itemStyle: { color: token.colorSuccess },
        },
      );
    return {
      textStyle: { fontFamily: token.fontFamily },
      tooltip: {
        trigger: 'axis',
        formatter: (items: Array<{ seriesName: string; marker: string; data: { row: ProfitabilityRow } }>) => {
          const row = items[0]?.data.row;
          if (!row) return '';
          const lines = [
            `<b>${label(row)}</b>`,
            `${items[0].marker}${t('profitability.columns.revenue')}: ${money(row.revenue)}`,
          ];
          if (costs) {
            lines.push(`${t('profitability.columns.cost')}: ${row.cost == null ? '-' : money(row.cost)}`);
            lines.push(`${t('profitability.columns.margin')}: ${row.margin == null ? '-' : money(row.margin)}`);
            lines.push(`${t('profitability.columns.marginPercent')}: ${row.marginPercent ?? '-'}%`);
          }
          return lines.join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map(label),
        axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0, width: 100, overflow: 'truncate' },
      },
      yAxis: [
        { type: 'value' },
        ...(costs ? [{ type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }] : []),
      ],
      series,
    };
  }, [rows, costs, label, money, t, token]);
  const onEvents = useMemo(
    () => ({
      click: (params: { data?: { row?: ProfitabilityRow } }) => {
        if (params.data?.row && onPick) onPick(params.data.row);
      },
    }),
    [onPick],
  );
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      opts={{ locale: i18n.language.startsWith('zh') ? 'ZH' : 'EN' }}
      onEvents={onEvents}
      style={{ height: 340 }}
    />
  );
}
