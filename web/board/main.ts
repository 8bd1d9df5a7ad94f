/**
 * The plan board (docs/product.md#plan-board): signs in with Telegram's initData, loads the user's scope once as a
 * compact list, and filters, sorts and lays it out in the page (the shared filter code of
 * src/domain/board.ts, the same the server uses for the API and the downloads).
 */
import { filterRows, indexRows, sortRows, type BoardFilter, type SortKey } from '../../src/domain/board.js';
import { ApiError, createApi, type Api } from './api.js';
import { clear, h } from './dom.js';
import { setLocale, setMessages, t, useBundled } from './i18n.js';
import { statusLabel, typeLabel } from './labels.js';
import { renderSummary } from './summary.js';
import { createChartPanel } from './chart.js';
import { renderFilters } from './filters.js';
import { renderTable } from './table.js';
import { renderCalendar } from './calendar.js';
import { renderCard } from './card.js';
import { PAGE, type Board } from './state.js';
import { applyTheme, download, initData, languageHint, ready } from './telegram.js';

declare global {
  interface Window {
    /** Timings the browser tests and the bench read. */
    /** Timings the browser tests and the bench read: first screen from navigation start, each filtering. */
    __board?: { firstScreenMs: number; loadedMs: number; filterMs: number[]; rows: number };
  }
}

const root = document.getElementById('app')!;

function errorPage(key: string) {
  clear(root);
  root.appendChild(
    h(
      'div',
      { class: 'error-page', role: 'alert' },
      h('div', { class: 'error-icon' }, '🔒'),
      h('h1', {}, t('board.error.title')),
      h('p', {}, t(key)),
    ),
  );
}

async function main() {
  const started = performance.now();
  applyTheme();
  ready();
  useBundled(languageHint());
  const data = initData();
  if (!data) return errorPage('board.error.unauthorized');
  const api = createApi(data);
  let board: Board;
  try {
    await api.signIn();
    const [me, rows] = await Promise.all([api.me(), api.activities()]);
    setMessages(me.messages);
    setLocale(me.locale);
    const agencyName = new Map(rows.agencies.map((a) => [a.id, a.name]));
    const agencyCode = new Map(rows.agencies.map((a) => [a.id, a.code]));
    const index = indexRows(rows.rows, {
      agency: (id) => `${agencyCode.get(id) ?? ''} ${agencyName.get(id) ?? ''}`,
      country: (c) => rows.countries[c] ?? '',
    });
    const [y, m] = me.today.split('-').map(Number) as [number, number];
    board = {
      me,
      data: rows,
      agencyName,
      agencyCode,
      index,
      shown: [],
      view: { filter: {}, sort: 'timing', desc: false, tab: 'table', limit: PAGE, month: { y, m } },
    };
  } catch (err) {
    return errorPage(
      err instanceof ApiError && err.status === 401 ? 'board.error.unauthorized' : 'board.error.network',
    );
  }
  document.title = t('board.title');
  mount(board, api);
  window.__board = {
    firstScreenMs: Math.round(performance.now()),
    loadedMs: Math.round(performance.now() - started),
    filterMs: [],
    rows: board.data.rows.length,
  };
  const deepLink = new URLSearchParams(location.search).get('a') ?? api.startParam();
  if (deepLink && /^\d{4}-\d{1,6}$/.test(deepLink)) void openCard(api, deepLink);
}

let overlay: HTMLElement | null = null;

async function openCard(api: Api, ref: string) {
  closeCard();
  overlay = h(
    'div',
    { class: 'overlay', onclick: (e: Event) => e.target === overlay && closeCard() },
    h('div', { class: 'card loading' }, h('div', { class: 'spinner' })),
  );
  document.body.appendChild(overlay);
  document.body.classList.add('modal');
  try {
    const card = await api.card(ref);
    if (!overlay) return;
    clear(overlay);
    overlay.appendChild(renderCard(card, closeCard));
  } catch {
    if (!overlay) return;
    clear(overlay);
    overlay.appendChild(
      h(
        'article',
        { class: 'card', role: 'dialog' },
        h(
          'header',
          {},
          h('div', {}),
          h('button', { type: 'button', class: 'close', onclick: closeCard, 'aria-label': t('board.card.close') }, '✕'),
        ),
        h('p', { class: 'empty' }, t('board.card.not_found', { ref })),
      ),
    );
  }
}

function closeCard() {
  overlay?.remove();
  overlay = null;
  document.body.classList.remove('modal');
}

function mount(board: Board, api: Api) {
  clear(root);
  const scopeText =
    board.me.user.scope === 'all'
      ? t('board.scope.all')
      : t('board.scope.agency', {
          agency: board.data.agencies.find((a) => a.id === board.me.user.agencyId)?.name ?? '',
        });
  const header = h(
    'header',
    { class: 'top' },
    h(
      'div',
      {},
      h('h1', {}, t('board.title')),
      h('div', { class: 'scope', 'data-scope': board.me.user.scope }, scopeText),
    ),
    h(
      'div',
      { class: 'user' },
      h('span', {}, board.me.user.name ?? ''),
      h('span', { class: 'role' }, t(`board.role.${board.me.user.role}`)),
    ),
  );
  const summarySlot = h('div', {});
  const filterSlot = h('div', {});
  const resultLine = h('div', { class: 'result', 'data-result': '' });
  const status = h('span', { class: 'dl-status', role: 'status' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const viewSlot = h('div', { class: 'view' });
  const downloads = h(
    'div',
    { class: 'downloads' },
    h('span', { class: 'dl-title' }, t('board.download.title')),
    (['xlsx', 'docx'] as const).map((format) =>
      h(
        'button',
        { type: 'button', class: `dl dl-${format}`, 'data-download': format, onclick: () => void fetchReport(format) },
        t(`board.download.${format}`),
      ),
    ),
    status,
  );
  const chart = createChartPanel(api);
  root.append(
    header,
    summarySlot,
    chart.el,
    filterSlot,
    h(
      'div',
      { class: 'toolbar' },
      tabs,
      resultLine,
      h('button', { type: 'button', class: 'reset', onclick: () => change({}) }, t('board.filter.reset')),
    ),
    viewSlot,
    downloads,
  );

  async function fetchReport(format: 'xlsx' | 'docx') {
    status.textContent = t('board.download.preparing');
    try {
      const { url, filename } = await api.report(board.view.filter, format);
      download(url, filename);
      status.textContent = t('board.download.started');
    } catch (err) {
      status.textContent = t(
        err instanceof ApiError && err.status === 413 ? 'board.download.too_many' : 'board.download.failed',
      );
    }
  }

  const labels = { type: typeLabel, status: statusLabel, agency: (id: number) => board.agencyName.get(id) ?? '' };

  function compute() {
    const t0 = performance.now();
    board.shown = sortRows(
      filterRows(board.data.rows, board.view.filter, board.index),
      board.view.sort,
      board.view.desc,
      labels,
    );
    return t0;
  }

  function renderView() {
    clear(viewSlot);
    viewSlot.appendChild(
      board.view.tab === 'table'
        ? renderTable(board, {
            sort: setSort,
            open: (ref) => void openCard(api, ref),
            more: () => ((board.view.limit += PAGE), renderView()),
          })
        : renderCalendar(board, { open: (ref) => void openCard(api, ref), move: moveMonth }),
    );
    clear(tabs);
    tabs.append(
      ...(['table', 'calendar'] as const).map((tab) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            'aria-selected': String(board.view.tab === tab),
            class: `tab${board.view.tab === tab ? ' on' : ''}`,
            'data-tab': tab,
            onclick: () => ((board.view.tab = tab), renderView()),
          },
          t(`board.tab.${tab}`),
        ),
      ),
    );
  }

  function render(t0: number, withFilters: boolean) {
    clear(summarySlot);
    summarySlot.appendChild(
      renderSummary(
        board.shown,
        board.me.today,
        { type: (x) => toggle('types', x), status: (x) => toggle('statuses', x) },
        board.view.filter,
      ),
    );
    if (withFilters) {
      clear(filterSlot);
      filterSlot.appendChild(renderFilters(board, change, search));
    }
    resultLine.textContent = t('board.filter.result', { shown: board.shown.length, total: board.data.rows.length });
    renderView();
    window.__board?.filterMs.push(Math.round((performance.now() - t0) * 10) / 10);
  }

  function change(filter: BoardFilter) {
    board.view.filter = filter;
    board.view.limit = PAGE;
    if (filter.year && filter.month) board.view.month = { y: filter.year, m: filter.month };
    else if (filter.year && filter.quarter) board.view.month = { y: filter.year, m: (filter.quarter - 1) * 3 + 1 };
    render(compute(), true);
    chart.load(filter);
  }
  function toggle(key: 'types' | 'statuses', value: string) {
    const on = board.view.filter[key]?.includes(value);
    change({ ...board.view.filter, [key]: on ? undefined : [value] });
  }
  let timer: number | undefined;
  function search(q: string) {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      board.view.filter = { ...board.view.filter, q: q.trim() || undefined };
      board.view.limit = PAGE;
      render(compute(), false);
      chart.load(board.view.filter, true);
    }, 120);
  }
  function setSort(key: SortKey) {
    board.view.desc = board.view.sort === key ? !board.view.desc : false;
    board.view.sort = key;
    render(compute(), false);
  }
  function moveMonth(delta: number) {
    const idx = board.view.month.y * 12 + (board.view.month.m - 1) + delta;
    board.view.month = { y: Math.floor(idx / 12), m: (idx % 12) + 1 };
    renderView();
  }
  document.addEventListener('keydown', (e) => e.key === 'Escape' && closeCard());
  render(compute(), true);
  chart.load(board.view.filter, true);
}

void main();
