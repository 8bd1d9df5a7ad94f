/** One activity's full card over the board: every field, history, follow-ups. */
import { h } from './dom.js';
import { t } from './i18n.js';
import { statusLabel, statusTone, typeLabel } from './labels.js';
import type { Card } from './api.js';

export function renderCard(c: Card, close: () => void) {
  const none = t('activity.card.none');
  const field = (key: string, value: string | null | undefined) =>
    h('div', { class: 'field' }, h('dt', {}, t(`activity.field.${key}`)), h('dd', {}, value || none));
  return h(
    'article',
    { class: 'card', role: 'dialog', 'aria-modal': 'true', 'data-card': c.ref },
    h(
      'header',
      {},
      h('div', { class: 'card-kicker' }, `${c.ref} · ${typeLabel(c.type)}`),
      h('button', { type: 'button', class: 'close', 'aria-label': t('board.card.close'), onclick: close }, '✕'),
    ),
    h('h2', {}, c.title),
    h('span', { class: `badge tone-${statusTone(c.status)}` }, statusLabel(c.status)),
    h(
      'dl',
      { class: 'fields' },
      field('timing', c.timing),
      field('leadAgency', c.lead),
      field('coordinators', c.coordinators.join('; ')),
      field('countries', c.countries.join(', ')),
      field('partnerName', c.partner),
      field('place', c.place),
      field('fundings', c.fundings.join(', ')),
      field('cost', c.cost),
      c.plan ? field('plan', c.plan) : null,
      c.reason ? field('reason', c.reason) : null,
      c.notes ? field('notes', c.notes) : null,
    ),
    c.details.length
      ? h(
          'section',
          {},
          h('h3', {}, t('board.card.details')),
          h(
            'dl',
            { class: 'fields' },
            c.details.map((d) => h('div', { class: 'field' }, h('dt', {}, d.label), h('dd', {}, d.value))),
          ),
        )
      : null,
    h(
      'section',
      { class: 'followups' },
      h('h3', {}, t('board.card.followups')),
      c.followUps.length
        ? h(
            'ul',
            {},
            c.followUps.map((f) =>
              h(
                'li',
                { class: f.done ? 'done' : 'open' },
                h('span', { class: 'fu-state' }, f.done ? '✓' : '○'),
                h('span', {}, f.title),
                h(
                  'small',
                  {},
                  [t('board.card.due', { date: f.due }), f.agency, f.done ? t('board.card.done') : t('board.card.open')]
                    .filter(Boolean)
                    .join(' · '),
                ),
              ),
            ),
          )
        : h('p', { class: 'empty' }, t('board.card.no_followups')),
    ),
    h(
      'section',
      { class: 'history' },
      h('h3', {}, t('board.card.history')),
      c.history.length
        ? h(
            'ol',
            {},
            c.history.map((x) =>
              h('li', {}, h('time', {}, x.date), h('span', { class: 'who' }, x.who), h('span', {}, x.change)),
            ),
          )
        : h('p', { class: 'empty' }, t('board.card.no_history')),
    ),
  );
}
