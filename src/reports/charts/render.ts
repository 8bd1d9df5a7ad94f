/**
 * Draws the summary chart on the server, without a browser: Apache ECharts' server-side SVG
 * renderer lays it out (text measured with the shipped font), resvg turns the SVG into a PNG
 * with that font only. Used by /summary, the report files and the plan board.
 */
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, CHART_FONT_FILES, measureText } from './fonts.js';
import type { SummaryChartModel } from './chart-data.js';

export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

export interface RenderChartOptions {
  locale: 'vi' | 'en';
  /** Pixels; the height follows from the number of countries. Default 1200. */
  width?: number;
}

/** One colour per activity type, in ACTIVITY_TYPES order (readable when printed in grey too). */
const TYPE_COLORS: Record<string, string> = {
  OUTBOUND: '#1f4e9c',
  INBOUND: '#d9822b',
  LETTER: '#6aa84f',
  CONFERENCE: '#a61c3c',
  ONLINE_TALK: '#45a5c4',
  AGREEMENT: '#7b4fa0',
  EXCHANGE: '#e3b505',
  MEDIA: '#5c5c5c',
  AWARD: '#c76d9e',
  OTHER: '#9bb7d4',
};
const INK = '#222222';
const GRID_LINE = '#e3e3e3';
const FONT = { fontFamily: CHART_FONT_FAMILY, color: INK };

let platformSet = false;
function usePlatform() {
  if (platformSet) return;
  echarts.setPlatformAPI({ measureText: (text: string, font?: string) => ({ width: measureText(text, font) }) });
  platformSet = true;
}

const BAR_ROW = 38;

function layout(m: SummaryChartModel, width: number) {
  // About five legend entries fit a row of the full 1200 px width; fewer on a narrow (phone) chart.
  const perRow = Math.max(1, Math.min(5, Math.floor((width - 80) / 210)));
  const legendRows = Math.max(1, Math.ceil(m.series.length / perRow));
  const monthsTop = 120 + legendRows * 30;
  const monthsHeight = 420;
  const countriesLabelTop = monthsTop + monthsHeight + 80;
  const countriesTop = countriesLabelTop + 50;
  const countriesHeight = Math.max(1, m.countries.length) * BAR_ROW;
  return {
    width,
    height: countriesTop + countriesHeight + 50,
    monthsTop,
    monthsHeight,
    countriesLabelTop,
    countriesTop,
    countriesHeight,
  };
}

function option(m: SummaryChartModel, locale: string, L: ReturnType<typeof layout>): echarts.EChartsOption {
  const fmt = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'vi-VN');
  const totals = m.categories.map((_, i) => m.series.reduce((s, x) => s + (x.data[i] ?? 0), 0));
  const many = m.categories.length > 16;
  // Long labels ("Chưa xác định") wrap inside their own slot instead of running off the edge.
  const slot = Math.floor((L.width - 140) / Math.max(1, m.categories.length)) - 6;
  const empty = (top: number, height: number) => ({
    type: 'text' as const,
    left: 'center',
    top: top + height / 2 - 12,
    style: { text: m.emptyText, fontFamily: CHART_FONT_FAMILY, fontSize: 18, fill: '#777777' },
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: FONT,
    title: [
      { text: m.title, left: 'center', top: 18, textStyle: { ...FONT, fontSize: 26, fontWeight: 'bold' } },
      { text: m.monthsTitle, left: 40, top: 70, textStyle: { ...FONT, fontSize: 20, fontWeight: 'bold' } },
      {
        text: m.countriesTitle,
        left: 40,
        top: L.countriesLabelTop,
        textStyle: { ...FONT, fontSize: 20, fontWeight: 'bold' },
      },
    ],
    legend: {
      top: 108,
      left: 40,
      right: 40,
      itemWidth: 22,
      itemHeight: 14,
      textStyle: { ...FONT, fontSize: 16 },
      data: m.series.map((s) => s.name),
    },
    grid: [
      { left: 40, right: 40, top: L.monthsTop, height: L.monthsHeight, containLabel: true },
      { left: 40, right: 90, top: L.countriesTop, height: L.countriesHeight, containLabel: true },
    ],
    xAxis: [
      {
        gridIndex: 0,
        type: 'category',
        data: m.categories,
        axisTick: { alignWithLabel: true },
        axisLabel: {
          ...FONT,
          fontSize: 16,
          lineHeight: 20,
          interval: 0,
          rotate: many ? 45 : 0,
          ...(many ? {} : { width: slot, overflow: 'break' as const }),
        },
      },
      {
        gridIndex: 1,
        type: 'value',
        minInterval: 1,
        axisLabel: { ...FONT, fontSize: 14 },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
    ],
    yAxis: [
      {
        gridIndex: 0,
        type: 'value',
        minInterval: 1,
        axisLabel: { ...FONT, fontSize: 14 },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      {
        gridIndex: 1,
        type: 'category',
        inverse: true,
        data: m.countries.map((c) => c.label),
        axisLabel: { ...FONT, fontSize: 16 },
      },
    ],
    series: [
      ...m.series.map((s) => ({
        type: 'bar' as const,
        name: s.name,
        stack: 'types',
        barMaxWidth: 56,
        itemStyle: { color: TYPE_COLORS[s.type] ?? '#888888' },
        data: s.data,
      })),
      // The month's total above each stack.
      {
        type: 'scatter' as const,
        symbolSize: 0,
        silent: true,
        data: totals.map((v) => (v > 0 ? v : null)),
        label: {
          show: true,
          position: 'top' as const,
          ...FONT,
          fontSize: 15,
          fontWeight: 'bold' as const,
          formatter: (p: { value: unknown }) => fmt.format(Number(p.value)),
        },
      },
      {
        type: 'bar' as const,
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 26,
        itemStyle: { color: '#1f4e9c' },
        data: m.countries.map((c) => c.count),
        label: {
          show: true,
          position: 'right' as const,
          ...FONT,
          fontSize: 15,
          formatter: (p: { value: unknown }) => fmt.format(Number(p.value)),
        },
      },
    ],
    graphic: [
      ...(m.total === 0 ? [empty(L.monthsTop, L.monthsHeight)] : []),
      ...(m.countries.length === 0 ? [empty(L.countriesTop - 10, L.countriesHeight)] : []),
    ],
  };
}

/** The summary chart as SVG and PNG (for Telegram, the report files and the plan board). */
export function renderSummaryCharts(model: SummaryChartModel, opts: RenderChartOptions): RenderedChart {
  usePlatform();
  const L = layout(model, opts.width ?? 1200);
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: L.width,
    height: L.height,
    locale: 'EN',
  });
  let svg: string;
  try {
    chart.setOption(option(model, opts.locale, L));
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const png = new Resvg(svg, {
    font: {
      fontFiles: [CHART_FONT_FILES.regular, CHART_FONT_FILES.bold],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
    },
    background: '#ffffff',
    shapeRendering: 2,
    textRendering: 1,
  })
    .render()
    .asPng();
  return { svg, png, width: L.width, height: L.height };
}
