import { BarChart, FunnelChart, GaugeChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';

/**
 * The ECharts charts and parts `chartPlan`'s options use, registered with a renderer by whoever draws them
 * (the browser on a canvas, the server's PDFs as SVG): only these are bundled.
 */
export const chartParts = [
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  ScatterChart,
  GaugeChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  // The options keep their labels inside the grid (`containLabel`), as ECharts 5 did.
  LegacyGridContainLabel,
];
