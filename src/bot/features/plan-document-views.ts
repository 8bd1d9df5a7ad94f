import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { countryName } from '../../domain/countries.js';
import { escapeHtml, truncate } from '../../domain/format.js';
import { formatTiming } from '../../domain/timing/index.js';
import type { Locale, Translate } from '../../i18n/index.js';
import { draftProblems, type DraftItem } from '../../services/plan-imports.js';
import { defineCallbacks, ID, ID_OR_0, N } from '../keyboards/callbacks.js';
import type { View } from '../reply.js';

// The preview of a plan document read by the bot (one line per activity, ✓ or ⚠ with what is
// missing) and the view of one item with its one-tap fixes.

/** A plan document's import, previewed before it is submitted: every press names the import. */
export const planDocButtons = defineCallbacks('pd', {
  plan: ['p', { importId: ID, planId: ID }],
  preview: ['v', { importId: ID }],
  item: ['i', { importId: ID, index: N }],
  /** The lead agency is suggestion `agencyId`. */
  lead: ['l', { importId: ID, index: N, agencyId: ID }],
  /** Coordinating agency `k` is `agencyId`, or dropped (0). */
  coordinating: ['c', { importId: ID, index: N, k: N, agencyId: ID_OR_0 }],
  /** Drops the item, or keeps it again. */
  drop: ['d', { importId: ID, index: N }],
  edit: ['e', { importId: ID, index: N }],
  cancel: ['x', { importId: ID }],
  submit: ['s', { importId: ID }],
});
const pdBtn = (text: string, data: string) => Markup.button.callback(text, data);

export interface PreviewEnv {
  t: Translate;
  locale: Locale;
  agencyName(id: number): string;
}

export interface PreviewImport {
  id: number;
  fileName: string;
  items: DraftItem[];
}

const LINES_MAX = 3600;
const NUMBER_BUTTONS = 96;

function leadText(d: DraftItem, env: PreviewEnv): string {
  if (!d.lead) return env.t('plandoc.no_lead');
  return d.lead.id !== null ? env.agencyName(d.lead.id) : `${d.lead.written}?`;
}

function problemsText(d: DraftItem, env: PreviewEnv): string {
  const unmatched = [
    ...(d.lead && d.lead.id === null ? [d.lead.written] : []),
    ...d.coordinating.filter((c) => c.id === null).map((c) => c.written),
  ];
  return draftProblems(d)
    .map((p) => (p === 'lead_unmatched' || p === 'coordinating_unmatched' ? null : env.t(`plandoc.problem.${p}`)))
    .filter(Boolean)
    .concat(
      unmatched.length
        ? [env.t('plandoc.problem.unmatched', { names: unmatched.map((n) => `«${truncate(n, 60)}»`).join(', ') })]
        : [],
    )
    .join('; ');
}

export function renderPreview(imp: PreviewImport, plan: { title: string } | null, env: PreviewEnv): View {
  const kept = imp.items.filter((d) => !d.dropped);
  const head = [
    env.t('plandoc.preview.title', { file: truncate(imp.fileName, 80), count: kept.length }),
    plan ? env.t('plandoc.preview.plan', { title: truncate(plan.title, 150) }) : '',
  ].filter(Boolean);
  const lines: string[] = [];
  let shown = 0;
  let size = head.join('\n').length;
  for (const [i, d] of imp.items.entries()) {
    const timing = d.timing ? formatTiming(d.timing, env.locale) : env.t('plandoc.no_timing');
    const problems = d.dropped ? '' : problemsText(d, env);
    const body = `${i + 1}. ${d.dropped ? '🗑' : problems ? '⚠' : '✓'} <b>${escapeHtml(d.item)}</b> · ${env.t(`activity.type.${d.type}`)} · ${escapeHtml(truncate(timing, 60))} · ${escapeHtml(truncate(leadText(d, env), 60))}${problems ? ` — ${escapeHtml(problems)}` : ''}`;
    const line = d.dropped ? `<s>${body}</s>` : body;
    if (size + line.length > LINES_MAX) break;
    lines.push(line);
    size += line.length + 1;
    shown++;
  }
  if (shown < imp.items.length) lines.push(env.t('plandoc.preview.more', { count: imp.items.length - shown }));
  const warn = kept.filter((d) => d.lead?.id == null).length;
  const foot = [warn ? env.t('plandoc.preview.blocking', { count: warn }) : '', env.t('plandoc.preview.hint')].filter(
    Boolean,
  );
  const rows: InlineKeyboardButton[][] = [];
  const numbers = imp.items
    .slice(0, NUMBER_BUTTONS)
    .map((_, i) => pdBtn(String(i + 1), planDocButtons.encode('item', { importId: imp.id, index: i })));
  for (let i = 0; i < numbers.length; i += 8) rows.push(numbers.slice(i, i + 8));
  rows.push([
    pdBtn(env.t('plandoc.btn.submit', { count: kept.length }), planDocButtons.encode('submit', { importId: imp.id })),
    pdBtn(env.t('plandoc.btn.cancel'), planDocButtons.encode('cancel', { importId: imp.id })),
  ]);
  return { text: [...head, '', ...lines, '', ...foot].join('\n'), rows };
}

export function renderItem(imp: PreviewImport, index: number, env: PreviewEnv): View {
  const d = imp.items[index]!;
  const t = env.t;
  const none = t('activity.card.none');
  const agency = (a: DraftItem['coordinating'][number]) =>
    a.id !== null ? escapeHtml(env.agencyName(a.id)) : `⚠ ${escapeHtml(a.written)} ${t('plandoc.not_in_list')}`;
  const row = (key: string, value: string) => `<b>${t(key)}:</b> ${value || none}`;
  const lines = [
    `<b>${escapeHtml(d.item)}</b> · ${t(`activity.type.${d.type}`)}${d.dropped ? ` · ${t('plandoc.dropped')}` : ''}`,
    row('activity.field.title', escapeHtml(truncate(d.title, 500))),
    row(
      'activity.field.timing',
      d.timing ? escapeHtml(formatTiming(d.timing, env.locale)) : `⚠ ${t('plandoc.problem.timing_missing')}`,
    ),
    row('activity.field.leadAgency', d.lead ? agency(d.lead) : `⚠ ${t('plandoc.no_lead')}`),
    row('activity.field.coordinators', d.coordinating.map(agency).join('; ')),
    row('activity.field.countries', escapeHtml(d.countries.map((c) => countryName(c, env.locale)).join(', '))),
    row('activity.field.partnerName', escapeHtml(d.partner ?? '')),
    '',
    `<i>${t('plandoc.source', { file: truncate(imp.fileName, 80), item: d.item })}</i>`,
    `<blockquote>${escapeHtml(truncate(d.paragraph, 700))}</blockquote>`,
  ];
  const rows: InlineKeyboardButton[][] = [];
  if (!d.dropped && d.lead && d.lead.id === null) {
    for (const id of d.lead.suggestions.slice(0, 3))
      rows.push([
        pdBtn(
          t('plandoc.btn.lead_is', { name: truncate(env.agencyName(id), 40) }),
          planDocButtons.encode('lead', { importId: imp.id, index, agencyId: id }),
        ),
      ]);
  }
  if (!d.dropped) {
    d.coordinating.forEach((c, k) => {
      if (c.id !== null || k > 5) return;
      const fixes = c.suggestions
        .slice(0, 2)
        .map((id) =>
          pdBtn(
            t('plandoc.btn.coord_is', { name: truncate(env.agencyName(id), 30) }),
            planDocButtons.encode('coordinating', { importId: imp.id, index, k, agencyId: id }),
          ),
        );
      rows.push([
        ...fixes,
        pdBtn(
          t('plandoc.btn.coord_drop', { name: truncate(c.written, 20) }),
          planDocButtons.encode('coordinating', { importId: imp.id, index, k, agencyId: 0 }),
        ),
      ]);
    });
    rows.push([
      pdBtn(t('plandoc.btn.edit'), planDocButtons.encode('edit', { importId: imp.id, index })),
      pdBtn(t('plandoc.btn.drop'), planDocButtons.encode('drop', { importId: imp.id, index })),
    ]);
  } else rows.push([pdBtn(t('plandoc.btn.keep'), planDocButtons.encode('drop', { importId: imp.id, index }))]);
  rows.push([pdBtn(t('plandoc.btn.back'), planDocButtons.encode('preview', { importId: imp.id }))]);
  return { text: lines.join('\n'), rows };
}
