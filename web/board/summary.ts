/** Counts at the top: total, coming up, by status (chips that filter) and by type (bars that filter). */
import type { BoardRow } from '../../src/domain/board.js';
import { countRows } from '../../src/domain/board.js';
import { h } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { STATUSES, TYPES, statusLabel, statusTone, typeLabel } from './labels.js';

export function upcomingCount(rows: readonly BoardRow[], today: string): number {
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + 29 * 86_400_000).toISOString().slice(0, 10);
  let n = 0;
  for (const r of rows) {
    const start = r.start ?? r.end;
    if (
      start &&
      start >= today &&
      start <= until &&
      (r.status === 'SUBMITTED' || r.status === 'AGREED' || r.status === 'AUTHORIZED' || r.status === 'IN_PROGRESS')
    )
      n++;
  }
  return n;
}

export function renderSummary(
  rows: readonly BoardRow[],
  today: string,
  on: { type(t: string): void; status(s: string): void },
  active: { types?: string[]; statuses?: string[] },
) {
  const c = countRows(rows);
  const maxType = Math.max(1, ...Object.values(c.byType));
  const tiles = h(
    'div',
    { class: 'tiles' },
    h(
      'div',
      { class: 'tile' },
      h('div', { class: 'tile-n', 'data-count': 'total' }, formatNumber(c.total)),
      h('div', { class: 'tile-l' }, t('board.count.total')),
    ),
    h(
      'div',
      { class: 'tile' },
      h('div', { class: 'tile-n' }, formatNumber(upcomingCount(rows, today))),
      h('div', { class: 'tile-l' }, t('board.count.upcoming')),
    ),
  );
  const statuses = h(
    'div',
    { class: 'chips', role: 'group', 'aria-label': t('board.count.by_status') },
    STATUSES.filter((s) => c.byStatus[s]).map((s) =>
      h(
        'button',
        {
          class: `chip tone-${statusTone(s)}${active.statuses?.includes(s) ? ' on' : ''}`,
          type: 'button',
          'data-status': s,
          onclick: () => on.status(s),
        },
        statusLabel(s),
        h('b', {}, formatNumber(c.byStatus[s]!)),
      ),
    ),
  );
  const types = h(
    'div',
    { class: 'bars', role: 'group', 'aria-label': t('board.count.by_type') },
    TYPES.filter((x) => c.byType[x]).map((x) =>
      h(
        'button',
        {
          class: `bar t-${x}${active.types?.includes(x) ? ' on' : ''}`,
          type: 'button',
          'data-type': x,
          onclick: () => on.type(x),
        },
        h('span', { class: 'bar-l' }, typeLabel(x)),
        h(
          'span',
          { class: 'bar-track' },
          h('span', { class: 'bar-fill', style: `width:${Math.max(2, Math.round((100 * c.byType[x]!) / maxType))}%` }),
        ),
        h('span', { class: 'bar-n' }, formatNumber(c.byType[x]!)),
      ),
    ),
  );
  return h(
    'section',
    { class: 'summary' },
    h('div', { class: 'summary-left' }, tiles, h('h3', {}, t('board.count.by_status')), statuses),
    h('div', { class: 'summary-right' }, h('h3', {}, t('board.count.by_type')), types),
  );
}
