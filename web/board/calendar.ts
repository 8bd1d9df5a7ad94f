/**
 * A month of what is planned: activities with days (a day, a range, a deadline) on their days, the
 * others overlapping the month (a month, a quarter, a year) in a list under the grid — never pinned
 * to a day they do not have.
 */
import type { BoardRow } from '../../src/domain/board.js';
import { monthBounds } from '../../src/domain/timing/calendar.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { statusTone, typeLabel } from './labels.js';
import type { Board } from './state.js';

const DAY_PRECISIONS = new Set(['DAY', 'RANGE', 'DEADLINE']);
const MAX_PER_DAY = 3;

export function renderCalendar(board: Board, on: { open: (ref: string) => void; move: (delta: number) => void }) {
  const { y, m } = board.view.month;
  const { start, end } = monthBounds(y, m);
  const byDay = new Map<number, BoardRow[]>();
  const undated: BoardRow[] = [];
  for (const r of board.shown) {
    if (r.end === null) continue;
    const s = r.start ?? r.end;
    if (s > end || r.end < start) continue;
    if (!DAY_PRECISIONS.has(r.precision)) {
      undated.push(r);
      continue;
    }
    const from = s < start ? 1 : Number(s.slice(8, 10));
    const to = r.end > end ? Number(end.slice(8, 10)) : Number(r.end.slice(8, 10));
    for (let d = from; d <= to; d++) {
      const list = byDay.get(d) ?? [];
      list.push(r);
      byDay.set(d, list);
    }
  }
  const days = Number(end.slice(8, 10));
  const firstWeekday = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday first
  const cells: HTMLElement[] = [];
  for (let i = 0; i < firstWeekday; i++) cells.push(h('div', { class: 'day pad' }));
  for (let d = 1; d <= days; d++) {
    const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const items = byDay.get(d) ?? [];
    cells.push(
      h(
        'div',
        { class: `day${iso === board.me.today ? ' today' : ''}${items.length ? ' busy' : ''}`, 'data-day': d },
        h('div', { class: 'day-n' }, String(d)),
        items.slice(0, MAX_PER_DAY).map((r) => item(r, on.open)),
        items.length > MAX_PER_DAY ? h('div', { class: 'day-more' }, `+${items.length - MAX_PER_DAY}`) : null,
      ),
    );
  }
  const weekdays = t('board.calendar.weekdays').split(',');
  return h(
    'section',
    { class: 'calendar' },
    h(
      'div',
      { class: 'cal-head' },
      h(
        'button',
        { type: 'button', class: 'nav', 'aria-label': t('board.calendar.prev'), onclick: () => on.move(-1) },
        '‹',
      ),
      h('h2', { 'data-month': `${y}-${m}` }, t('board.calendar.month', { m, y })),
      h(
        'button',
        { type: 'button', class: 'nav', 'aria-label': t('board.calendar.next'), onclick: () => on.move(1) },
        '›',
      ),
    ),
    h(
      'div',
      { class: 'cal-grid' },
      weekdays.map((w) => h('div', { class: 'wd' }, w)),
      cells,
    ),
    h(
      'div',
      { class: 'cal-undated' },
      h('h3', {}, t('board.calendar.undated')),
      undated.length
        ? h(
            'ul',
            {},
            undated.map((r) => h('li', {}, h('span', { class: 'when' }, r.timing), item(r, on.open))),
          )
        : h('p', { class: 'empty' }, byDay.size ? '—' : t('board.calendar.empty')),
    ),
  );
}

function item(r: BoardRow, open: (ref: string) => void) {
  return h(
    'button',
    {
      type: 'button',
      class: `cal-item tone-${statusTone(r.status)}`,
      'data-ref': r.ref,
      title: `${r.ref} · ${typeLabel(r.type)} · ${r.title}`,
      onclick: () => open(r.ref),
    },
    h('span', { class: `dot t-${r.type}` }),
    r.title,
  );
}
