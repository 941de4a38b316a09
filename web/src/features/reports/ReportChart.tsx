import type { ReportColumn, ReportResult } from '@relate/common';
import { Alert, Flex, Spin, theme } from 'antd';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChartKind, type ChartLook, chartParts, chartPlan } from '@relate/common/report-chart';
import { chinaMapLoaded, loadChinaMap } from './china-map';
import type { ReportRow } from '@relate/common/report-chart';

// Only the charts and parts used here are bundled; the map's geometry is loaded when a map is shown.
echarts.use([...chartParts, CanvasRenderer]);

export type { ChartKind };

/**
 * A report as a chart (see `chartPlan` for what each kind shows), themed with the app's colours. A
 * click on a bar, point, slice, funnel step or province hands `onPick` the row it stands for (or, for
 * a figure summed from several rows, the groupings it sums).
 */
export function ReportChart({
  result,
  kind,
  title,
  text,
  onPick,
}: {
  result: ReportResult;
  kind: ChartKind;
  title: (column: ReportColumn) => string;
  text: (column: ReportColumn, row: ReportRow) => string;
  onPick?: (row: ReportRow) => void;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const map = useChinaMap(kind === 'map');
  const look: ChartLook = {
    palette: [
      token.colorPrimary,
      token.colorSuccess,
      token.colorWarning,
      token.colorError,
      token.colorInfo,
      '#722ed1',
      '#13c2c2',
      '#eb2f96',
    ],
    fontFamily: token.fontFamily,
    text: token.colorText,
    secondaryText: token.colorTextSecondary,
    border: token.colorBorder,
    mapEmpty: token.colorFillSecondary,
    mapLow: token.colorPrimaryBg,
    mapHigh: token.colorPrimary,
    mapHover: token.colorWarning,
  };
  const plan = chartPlan({ result, kind, title, text, locale: i18n.language, clickable: Boolean(onPick), look });
  const option = useSameWhileAlike('option' in plan ? plan.option : null);
  const onEvents = useMemo(
    () => ({
      click: (params: { data?: { pick?: ReportRow } }) => {
        const row = params.data?.pick;
        if (row && onPick) onPick(row);
      },
    }),
    [onPick],
  );
  // No taller than the screen is wide, or a phone shows the map in a band of empty space.
  const height = kind === 'map' ? 'min(460px, 90vw)' : 360;

  if ('problem' in plan)
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={plan.problem === 'needsTwoMeasures' ? t('reports.needsTwoMeasures') : t('reports.needsProvinces')}
      />
    );
  if (kind === 'map' && !map.ready)
    return map.error ? (
      <Alert type="error" showIcon style={{ marginBottom: 12 }} message={map.error} />
    ) : (
      <Flex justify="center" align="center" style={{ height }}>
        <Spin />
      </Flex>
    );
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option!}
      notMerge
      opts={{ locale: i18n.language.startsWith('zh') ? 'ZH' : 'EN' }}
      onEvents={onEvents}
      style={{ height }}
    />
  );
}

/** Whether the map of China is ready to draw, loading it on first need. */
function useChinaMap(wanted: boolean): { ready: boolean; error?: string } {
  const [state, setState] = useState<{ ready: boolean; error?: string }>(() => ({ ready: chinaMapLoaded() }));
  useEffect(() => {
    if (!wanted || state.ready) return;
    let live = true;
    void loadChinaMap().then(
      () => live && setState({ ready: true }),
      (error: unknown) =>
        live && setState({ ready: false, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [wanted, state.ready]);
  return state;
}

/**
 * The value of the last render while it reads the same (functions aside): the page renders often, and
 * ECharts, handed a new option, would draw and animate the same chart again each time.
 */
function useSameWhileAlike<T>(value: T): T {
  const json = JSON.stringify(value);
  const [kept, setKept] = useState({ value, json });
  if (kept.json === json) return kept.value;
  setKept({ value, json });
  return value;
}
