export {
  buildSummaryChartModel,
  type ChartTimingCount,
  type SummaryChartModel,
  type ChartSeries,
  TOP_COUNTRIES,
} from './chart-data.js';
export { renderSummaryCharts, type RenderedChart, type RenderChartOptions } from './render.js';
export { CHART_FONT_FAMILY, CHART_FONT_FILES } from './fonts.js';
