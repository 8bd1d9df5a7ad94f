/**
 * The summary chart under the counts: the same chart as /summary and the report files, drawn by the
 * server for the current filter (GET api/chart) and shown as an image. It follows the filter after a
 * short pause, and an answer to an older filter never replaces a newer one.
 */
import type { BoardFilter } from '../../src/domain/board.js';
import type { Api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

const DELAY_MS = 250;

export function createChartPanel(api: Pick<Api, 'chart'>) {
  const img = h('img', { class: 'chart-img', alt: t('board.chart.alt'), hidden: true });
  const note = h('p', { class: 'chart-note', role: 'status' }, t('board.chart.loading'));
  const el = h('details', { class: 'chart-box', open: true }, h('summary', {}, t('board.chart.title')), note, img);
  let asked = 0;
  let timer: number | undefined;

  async function draw(filter: BoardFilter, ticket: number) {
    try {
      // Drawn a little wider than the box (the server clamps it to 480–1200 px), then scaled to fit.
      const svg = await api.chart(filter, Math.round(Math.max(el.clientWidth, 320) * 1.5));
      if (ticket !== asked) return;
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      img.hidden = false;
      note.textContent = '';
      el.dataset.drawn = String(ticket);
    } catch {
      if (ticket !== asked) return;
      img.hidden = true;
      note.textContent = t('board.chart.failed');
    }
  }

  return {
    el,
    /** Draws the chart of `filter` (now, or after a short pause while the user is still choosing). */
    load(filter: BoardFilter, now = false) {
      window.clearTimeout(timer);
      const ticket = ++asked;
      el.dataset.asked = String(ticket);
      if (now) void draw(filter, ticket);
      else timer = window.setTimeout(() => void draw(filter, ticket), DELAY_MS);
    },
  };
}
