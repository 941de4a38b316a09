/**
 * A report drawn as a chart, the same in the browser and on the server (a PDF): the ECharts option of
 * each kind of chart, the rows a figure stands for, and the provinces of the map of China. Imported as
 * `@relate/common/report-chart`, apart from the rest of common, so that only what draws charts loads ECharts.
 */
export * from './chart-options.ts';
export * from './chart-parts.ts';
export * from './provinces.ts';
export * from './report-groups.ts';
