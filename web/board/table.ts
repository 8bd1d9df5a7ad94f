/** The activities table: sortable headers, a status badge, the first rows then more on demand. */
import type { BoardRow, SortKey } from '../../src/domain/board.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { costText, statusLabel, statusTone, typeLabel } from './labels.js';
import type { Board } from './state.js';

const COLUMNS: { key: SortKey; label: string; cls: string }[] = [
  { key: 'ref', label: 'activity.field.reference', cls: 'c-ref' },
  { key: 'title', label: 'activity.field.title', cls: 'c-title' },
  { key: 'timing', label: 'activity.field.timing', cls: 'c-timing' },
  { key: 'type', label: 'activity.field.type', cls: 'c-type' },
  { key: 'lead', label: 'activity.field.leadAgency', cls: 'c-lead' },
  { key: 'status', label: 'activity.field.status', cls: 'c-status' },
  { key: 'cost', label: 'activity.field.cost', cls: 'c-cost' },
];

export function renderTable(
  board: Board,
  on: { sort: (k: SortKey) => void; open: (ref: string) => void; more: () => void },
) {
  const { view, shown } = board;
  const head = h(
    'tr',
    {},
    COLUMNS.map((c) =>
      h(
        'th',
        {
          class: c.cls,
          scope: 'col',
          'aria-sort': view.sort === c.key ? (view.desc ? 'descending' : 'ascending') : undefined,
        },
        h(
          'button',
          { type: 'button', 'data-sort': c.key, onclick: () => on.sort(c.key) },
          t(c.label),
          view.sort === c.key ? h('span', { class: 'arrow' }, view.desc ? '▼' : '▲') : null,
        ),
      ),
    ),
  );
  const body = h(
    'tbody',
    {},
    shown.slice(0, view.limit).map((r) => row(board, r, on.open)),
  );
  const table = h('table', { class: 'grid' }, h('thead', {}, head), body);
  const rest = shown.length - view.limit;
  return h(
    'div',
    { class: 'table-wrap' },
    shown.length ? table : h('p', { class: 'empty' }, t('board.table.empty')),
    rest > 0
      ? h(
          'button',
          { class: 'more', type: 'button', onclick: on.more },
          t('board.table.more', { count: Math.min(rest, 100) }),
        )
      : null,
  );
}

function row(board: Board, r: BoardRow, open: (ref: string) => void) {
  const countries = r.countries.map((c) => board.data.countries[c] ?? c).join(', ');
  const partner = [r.partner, countries].filter(Boolean).join(' · ');
  const lead = board.agencyName.get(r.lead) ?? '';
  return h(
    'tr',
    {
      'data-ref': r.ref,
      tabindex: 0,
      onclick: () => open(r.ref),
      onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && open(r.ref),
    },
    h('td', { class: 'c-ref' }, r.ref),
    h(
      'td',
      { class: 'c-title' },
      h('div', { class: 'title' }, r.title),
      partner ? h('div', { class: 'sub' }, partner) : null,
      h('div', { class: 'sub m-only' }, [r.ref, typeLabel(r.type), board.agencyCode.get(r.lead) ?? lead].join(' · ')),
    ),
    h('td', { class: 'c-timing' }, r.timing),
    h('td', { class: 'c-type' }, typeLabel(r.type)),
    h('td', { class: 'c-lead', title: lead }, lead),
    h(
      'td',
      { class: 'c-status' },
      h('span', { class: `badge tone-${statusTone(r.status)}`, 'data-status': r.status }, statusLabel(r.status)),
    ),
    h('td', { class: 'c-cost' }, costText(r)),
  );
}
