/** The filter bar: words, year and period, type, status, lead agency, country, plan. */
import type { BoardFilter } from '../../src/domain/board.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { STATUSES, TYPES, statusLabel, typeLabel } from './labels.js';
import type { Board } from './state.js';

function select(
  name: string,
  label: string,
  options: [string, string][],
  value: string,
  onchange: (v: string) => void,
  disabled = false,
) {
  return h(
    'label',
    { class: 'f' },
    h('span', {}, label),
    h(
      'select',
      { name, disabled, onchange: (e: Event) => onchange((e.target as HTMLSelectElement).value) },
      options.map(([v, text]) => {
        const o = h('option', { value: v }, text);
        o.selected = v === value;
        return o;
      }),
    ),
  );
}

export function yearsOf(board: Board): number[] {
  const years = new Set<number>([Number(board.me.today.slice(0, 4))]);
  for (const r of board.data.rows) {
    if (r.start) years.add(Number(r.start.slice(0, 4)));
    if (r.end) years.add(Number(r.end.slice(0, 4)));
    if (r.year) years.add(r.year);
  }
  return [...years].sort((a, b) => b - a);
}

export function renderFilters(board: Board, change: (f: BoardFilter) => void, search: (q: string) => void) {
  const f = board.view.filter;
  const set = (patch: Partial<BoardFilter>) => change({ ...f, ...patch });
  const num = (v: string) => (v ? Number(v) : undefined);
  const period = f.month ? `m${f.month}` : f.quarter ? `q${f.quarter}` : '';
  const periods: [string, string][] = [['', t('board.filter.whole_year')]];
  for (let q = 1; q <= 4; q++)
    periods.push([`q${q}`, t('board.filter.quarter', { q: ['I', 'II', 'III', 'IV'][q - 1]! })]);
  for (let m = 1; m <= 12; m++) periods.push([`m${m}`, t('board.filter.month', { m })]);
  const countries = Object.entries(board.data.countries).sort((a, b) => a[1].localeCompare(b[1], board.me.locale));
  const input = h('input', {
    type: 'search',
    name: 'q',
    value: f.q ?? '',
    placeholder: t('board.filter.search'),
    'aria-label': t('board.filter.search'),
    autocomplete: 'off',
    oninput: (e: Event) => search((e.target as HTMLInputElement).value),
  });
  return h(
    'section',
    { class: 'filters' },
    h('div', { class: 'search' }, input),
    h(
      'div',
      { class: 'selects' },
      select(
        'year',
        t('board.filter.year'),
        [['', t('board.filter.any_year')], ...yearsOf(board).map((y): [string, string] => [String(y), String(y)])],
        f.year ? String(f.year) : '',
        (v) => set({ year: num(v), ...(v ? {} : { quarter: undefined, month: undefined }) }),
      ),
      select(
        'period',
        t('board.filter.period'),
        periods,
        period,
        (v) =>
          set({
            quarter: v.startsWith('q') ? Number(v.slice(1)) : undefined,
            month: v.startsWith('m') ? Number(v.slice(1)) : undefined,
          }),
        !f.year,
      ),
      select(
        'type',
        t('board.filter.type'),
        [['', t('board.filter.any_type')], ...TYPES.map((x): [string, string] => [x, typeLabel(x)])],
        f.types?.[0] ?? '',
        (v) => set({ types: v ? [v] : undefined }),
      ),
      select(
        'status',
        t('board.filter.status'),
        [['', t('board.filter.any_status')], ...STATUSES.map((x): [string, string] => [x, statusLabel(x)])],
        f.statuses?.[0] ?? '',
        (v) => set({ statuses: v ? [v] : undefined }),
      ),
      board.me.user.scope === 'all' || board.data.agencies.length > 1
        ? select(
            'agency',
            t('board.filter.agency'),
            [
              ['', t('board.filter.any_agency')],
              ...board.data.agencies.map((a): [string, string] => [String(a.id), `${a.code} — ${a.name}`]),
            ],
            f.agency ? String(f.agency) : '',
            (v) => set({ agency: num(v) }),
          )
        : null,
      select(
        'country',
        t('board.filter.country'),
        [['', t('board.filter.any_country')], ...countries],
        f.country ?? '',
        (v) => set({ country: v || undefined }),
      ),
      board.data.plans.length
        ? select(
            'plan',
            t('board.filter.plan'),
            [
              ['', t('board.filter.any_plan')],
              ...board.data.plans.map((p): [string, string] => [String(p.id), p.title]),
            ],
            f.plan ? String(f.plan) : '',
            (v) => set({ plan: num(v) }),
          )
        : null,
    ),
  );
}
