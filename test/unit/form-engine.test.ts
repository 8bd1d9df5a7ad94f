import { describe, expect, it, vi } from 'vitest';
import { DateTime } from 'luxon';
import { loadMessages } from '../../src/i18n/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { StaleConversationError } from '../../src/db/repos/conversations.js';
import { ACTIVITY_FORMS } from '../../src/bot/features/activity-forms/definitions/index.js';
import { ACTIVITY_TYPES } from '../../src/domain/enums.js';
import { conferenceForm } from '../../src/bot/features/activity-forms/definitions/conference.js';
import { otherForm } from '../../src/bot/features/activity-forms/definitions/other.js';
import {
  answer,
  back,
  editField,
  effectiveAnswers,
  parseFormState,
  missingRequired,
  newFid,
  progress,
  startState,
  visibleFields,
} from '../../src/bot/form-engine/state.js';
import { formatValue, parseTyped, sanitizeAnswers } from '../../src/bot/form-engine/kinds.js';
import {
  activityDetailRows,
  activityToAnswers,
  answersToActivity,
  canonicalJson,
} from '../../src/bot/features/activity-forms/mapping.js';
import { activityFormSpecs } from '../../src/bot/features/activity-forms/specs.js';
import { statusFormSpecs } from '../../src/bot/features/activity-forms/status-specs.js';
import { createEngineCore as createFormEngine, FORM_KIND } from '../../src/bot/form-engine/engine.js';
import type { Answers, FieldDef, RenderEnv } from '../../src/bot/form-engine/types.js';
import type { CardActivity } from '../../src/bot/views/activity-card.js';

const i18n = createI18n('vi');
const env: RenderEnv = {
  t: i18n.forLocale('vi'),
  locale: 'vi',
  zone: 'Asia/Ho_Chi_Minh',
  agencyName: (id) => `Cơ quan ${id}`,
};
const field = (key: string, kind: FieldDef['kind'], extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  kind,
  label: 'activity.field.title',
  required: true,
  ...extra,
});
const parse = (f: FieldDef, raw: string) => parseTyped(f, raw, env);

describe('form navigation (pure)', () => {
  const s0 = startState(conferenceForm, { fid: 'abcd1234' });

  it('asks visible fields in order with "(index/total)" progress; conditions follow earlier answers', () => {
    expect(s0.step).toBe('title');
    expect(progress(conferenceForm, s0, 'title')).toEqual({ index: 1, total: 13 });
    let s = answer(conferenceForm, s0, 'title', 'Hội thảo');
    s = answer(conferenceForm, s, 'format', 'ONLINE');
    expect(s.step).toBe('timing');
    expect(visibleFields(conferenceForm, s.answers, s.meta).map((f) => f.key)).not.toContain('place');
    expect(progress(conferenceForm, s, 'timing')).toEqual({ index: 3, total: 12 });
    s = answer(conferenceForm, s, 'timing', {
      timing: { precision: 'YEAR', start: '2025-01-01', end: '2025-12-31' },
      text: '2025',
    });
    expect(s.step).toBe('countries');
  });

  it('goes back one visible step, from a question or from the review card; refuses before the first', () => {
    expect(back(conferenceForm, s0)).toBeNull();
    let s = answer(conferenceForm, answer(conferenceForm, s0, 'title', 'A'), 'format', 'HYBRID');
    expect(back(conferenceForm, s)?.step).toBe('format');
    s = { ...s, step: null };
    expect(back(conferenceForm, s)?.step).toBe('notes');
  });

  it('after an answer goes to the first unanswered question; an edit from the review returns to it', () => {
    let s = answer(otherForm, startState(otherForm, { fid: 'abcd1234' }), 'title', 'A');
    s = answer(otherForm, s, 'countries', null);
    s = back(otherForm, back(otherForm, s)!)!;
    expect(s.step).toBe('title');
    s = answer(otherForm, s, 'title', 'B');
    expect(s.step).toBe('partnerName');
    for (const k of ['partnerName', 'timing', 'place', 'fundings', 'cost', 'coordinators', 'notes'])
      s = answer(
        otherForm,
        s,
        k,
        k === 'timing' ? { timing: { precision: 'TBD', start: null, end: null }, text: 'chưa xác định' } : null,
      );
    expect(s.step).toBeNull();
    s = editField(otherForm, s, 'place')!;
    expect(s.step).toBe('place');
    expect(answer(otherForm, s, 'place', 'Lai Châu').step).toBeNull();
    expect(editField(otherForm, s, 'nope')).toBeNull();
  });

  it('stores only visible answers; a question revealed by an edit is asked before the review', () => {
    let s = startState(conferenceForm, {
      fid: 'abcd1234',
      answers: { title: 'Hội thảo', format: 'IN_PERSON', place: 'Lai Châu' },
    });
    s = answer(conferenceForm, { ...s, step: 'format' }, 'format', 'ONLINE');
    expect(effectiveAnswers(conferenceForm, s)).not.toHaveProperty('place');
    const t = answer(
      conferenceForm,
      answer(conferenceForm, startState(conferenceForm, { fid: 'abcd1234' }), 'title', 'X'),
      'format',
      'ONLINE',
    );
    const back2 = answer(conferenceForm, { ...t, step: 'format' }, 'format', 'HYBRID');
    expect(back2.step).toBe('timing');
  });

  it('starts from pre-filled answers (docs/product.md#plan-documents), keeping what fits and asking the rest', () => {
    const answers = sanitizeAnswers(otherForm.fields, {
      title: 'Từ văn bản',
      countries: ['LA', 'XX'],
      cost: 12,
      place: null,
      junk: 1,
      timing: { timing: { precision: 'MONTH', start: '2025-04-01', end: '2025-04-30' }, text: 'tháng 4/2025' },
    });
    expect(answers).toEqual({
      title: 'Từ văn bản',
      place: null,
      timing: { timing: { precision: 'MONTH', start: '2025-04-01', end: '2025-04-30' }, text: 'tháng 4/2025' },
    });
    const s = startState(otherForm, { fid: 'abcd1234', answers });
    expect(s.step).toBe('countries');
    const full: Answers = {
      ...answers,
      countries: ['LA'],
      partnerName: null,
      fundings: null,
      cost: null,
      coordinators: null,
      notes: null,
    };
    expect(startState({ ...otherForm, reviewFirst: true }, { fid: 'abcd1234', answers: full }).step).toBeNull();
    expect(missingRequired(otherForm, { countries: null }, {}).map((f) => f.key)).toEqual(['title', 'timing']);
  });

  it('reads back only well-formed stored state', () => {
    expect(parseFormState(s0)).toEqual(s0);
    expect(parseFormState({ ...s0, fid: 'BAD ID' })).toBeNull();
    expect(parseFormState({ ...s0, answers: { x: { y: 1 } } })).toBeNull();
    expect(parseFormState('nonsense')).toBeNull();
    expect(newFid()).toMatch(/^[a-z0-9]{8}$/);
  });
});

describe('field kinds', () => {
  it('text: refuses empty, too long and emoji-only answers; keeps typed HTML as text', () => {
    const f = field('title', 'text', { max: 10 });
    expect(parse(f, '   ')).toEqual({ ok: false, error: { key: 'forms.err.empty' } });
    expect(parse(f, 'a'.repeat(11))).toEqual({
      ok: false,
      error: { key: 'forms.err.too_long', params: { max: 10, len: 11 } },
    });
    expect(parse(f, '🎉🎉')).toEqual({ ok: false, error: { key: 'forms.err.no_letters' } });
    expect(parse(f, ' <b>x</b> ')).toEqual({ ok: true, value: '<b>x</b>' });
  });

  it('number: whole numbers within bounds, "12 người" accepted', () => {
    const f = field('members', 'number', { min: 1, max: 500 });
    expect(parse(f, '12 người')).toEqual({ ok: true, value: 12 });
    for (const bad of ['abc', '-5', '1.5', '']) expect(parse(f, bad).ok).toBe(false);
    expect(parse(f, '0')).toEqual({
      ok: false,
      error: { key: 'forms.err.number_range', params: { min: 1, max: 500 } },
    });
  });

  it('money: 1.500.000, 1,5 tỷ, 200 triệu, 200tr as integer đồng; shown 1.500.000 đồng', () => {
    const f = field('cost', 'money');
    expect(parse(f, '1.500.000')).toEqual({ ok: true, value: '1500000' });
    expect(parse(f, '1,5 tỷ')).toEqual({ ok: true, value: '1500000000' });
    expect(parse(f, '200 triệu')).toEqual({ ok: true, value: '200000000' });
    expect(parse(f, '200tr')).toEqual({ ok: true, value: '200000000' });
    expect(parse(f, '-1')).toEqual({ ok: false, error: { key: 'forms.err.money.NEGATIVE' } });
    expect(formatValue(f, '1500000', env)).toBe('1.500.000 đồng');
  });

  it('timing and date: the parser with its error codes; a date wants one day', () => {
    const t = field('timing', 'timing');
    expect(parse(t, 'quý III/2025')).toMatchObject({
      ok: true,
      value: { timing: { precision: 'QUARTER', start: '2025-07-01', end: '2025-09-30' }, text: 'quý III/2025' },
    });
    expect(parse(t, '31/02/2025')).toEqual({ ok: false, error: { key: 'forms.err.timing.INVALID_DATE' } });
    expect(parse(t, 'quý V/2025')).toEqual({ ok: false, error: { key: 'forms.err.timing.INVALID_QUARTER' } });
    const d = field('sentDate', 'date');
    expect(parse(d, '15/4/2025')).toEqual({ ok: true, value: '2025-04-15' });
    expect(parse(d, 'tháng 4/2025')).toEqual({ ok: false, error: { key: 'forms.err.date_day' } });
    // A deadline asked as a date takes "trước <date>", also inside a phrase (seed 003).
    expect(parse(d, 'trước 18/8/2022')).toEqual({ ok: true, value: '2022-08-18' });
    expect(parse(d, 'phản hồi trước ngày 18/8/2022')).toEqual({ ok: true, value: '2022-08-18' });
    expect(formatValue(d, '2025-04-15', env)).toBe('15/04/2025');
  });

  it('yes/no and choices typed as words; other pickers want buttons', () => {
    const yn = field('x', 'yesNo');
    expect(parse(yn, 'Có')).toEqual({ ok: true, value: true });
    expect(parse(yn, 'khong')).toEqual({ ok: true, value: false });
    expect(parse(yn, 'có lẽ')).toEqual({ ok: false, error: { key: 'forms.err.use_buttons' } });
    const format = conferenceForm.fields.find((f) => f.key === 'format')!;
    expect(parse(format, 'truc tuyen')).toEqual({ ok: true, value: 'ONLINE' });
    expect(parse(field('fundings', 'multiChoice'), 'ngân sách').ok).toBe(false);
  });
});

describe('activity forms', () => {
  const vi = loadMessages('vi');
  const en = loadMessages('en');

  it('all ten types have a form whose every label, hint and option is in both languages', () => {
    expect(ACTIVITY_TYPES).toHaveLength(10);
    const specs = [...activityFormSpecs(), ...statusFormSpecs()];
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
    for (const spec of specs) {
      expect(spec.title(env.t, { reference: '2025-001' }).length).toBeGreaterThan(0);
      for (const f of spec.fields) {
        for (const key of [
          f.label,
          f.hint,
          f.example,
          ...(f.options ?? []).map((o) => o.label),
          `forms.how.${f.kind}`,
        ].filter((k): k is string => !!k)) {
          expect(vi[key], `${spec.id}.${f.key}: ${key}`).toBeTruthy();
          expect(en[key], `${spec.id}.${f.key}: ${key}`).toBeTruthy();
        }
      }
    }
  });

  it('maps answers to the record (columns and details) and back, for every type', () => {
    for (const type of ACTIVITY_TYPES) {
      const def = ACTIVITY_FORMS[type];
      const answers: Answers = {};
      for (const f of def.fields) {
        if (f.when && !f.when(answers, {})) continue;
        const sample: Record<string, unknown> = {
          text: `${f.key} text`,
          longText: `${f.key}\nlong`,
          number: 7,
          money: '1500000',
          yesNo: true,
          choice: f.options?.[0]?.value,
          multiChoice: [f.options?.[0]?.value],
          agency: 3,
          agencies: [4, 5],
          country: 'LA',
          countries: ['JP', 'LA'],
          timing: { timing: { precision: 'MONTH', start: '2025-04-01', end: '2025-04-30' }, text: 'tháng 4/2025' },
          date: '2025-08-18',
        };
        answers[f.key] = sample[f.kind] as Answers[string];
      }
      const input = answersToActivity(def, answers, 1);
      expect(input.type).toBe(type);
      expect(input.timingPrecision).toBe('MONTH');
      const card = {
        ...input,
        id: 1,
        reference: '2025-001',
        status: 'SUBMITTED',
        costVnd: input.costVnd ?? null,
        details: input.details ?? null,
        countries: (input.countryCodes ?? []).map((countryCode) => ({ countryCode })),
        fundings: (input.fundingSources ?? []).map((source) => ({ source })),
        coordinators: (input.coordinatingAgencyIds ?? []).map((agencyId) => ({ agencyId })),
      } as unknown as CardActivity;
      const back = activityToAnswers(card);
      const { leadAgency: _l, ...expected } = answers;
      expect(back, type).toMatchObject(expected);
      expect(activityDetailRows(card, env).length, type).toBe(Object.keys(input.details ?? {}).length);
    }
  });

  it('compares details whatever the key order (PostgreSQL reorders JSON keys)', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});

describe('engine: optimistic concurrency', () => {
  it('re-reads and decides again when another instance saved first, then sends once', async () => {
    const engine = createFormEngine([]);
    const rec = {
      chatId: 1n,
      userId: 1n,
      kind: FORM_KIND,
      state: {},
      version: 3,
      expiresAt: new Date('2030-01-01'),
      updatedAt: new Date(),
    };
    const save = vi.fn().mockRejectedValueOnce(new StaleConversationError()).mockResolvedValue(5);
    const ctx = {
      chat: { id: 1 },
      update: { update_id: 1 },
      from: { id: 1 },
      t: env.t,
      deps: {
        now: () => DateTime.fromISO('2025-04-10T09:00:00'),
        logger: { info: vi.fn(), warn: vi.fn() },
        repos: { conversations: { get: vi.fn().mockResolvedValue(rec), save, delete: vi.fn() } },
      },
      reply: vi.fn(),
    };
    const decide = vi.fn().mockResolvedValue({ state: { v: 1 }, after: vi.fn() });
    await engine.mutate(ctx as never, decide);
    expect(decide).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenCalledTimes(2);
    expect((await decide.mock.results[1]!.value).after).toHaveBeenCalledTimes(1);
    expect(ctx.reply).not.toHaveBeenCalled();
  });
});

describe('the stored form state is checked when read', () => {
  const state = {
    v: 1,
    fid: 'abcd1234',
    form: 'activity.new.LETTER',
    meta: { leadAgencyId: 3, onBehalf: false, source: 'FORM', sourceRef: null },
    answers: {
      title: 'Thư chúc mừng',
      count: 2,
      recordedPast: false,
      countries: ['LA', 'KH'],
      ids: [1, 2],
      timing: { timing: { precision: 'MONTH', start: '2025-04-01', end: '2025-04-30' }, text: 'tháng 4/2025' },
      notes: null,
    },
    step: 'notes',
    u: 12,
  };
  it('takes every kind of answer', () => {
    expect(parseFormState(state)).toEqual(state);
  });
  it('keeps only the fields a form state has', () => {
    const picker = { page: 2, query: 'lào', draft: ['LA', 3] };
    expect(parseFormState({ ...state, picker, origin: 'm:12', extra: 'x' })).toEqual({
      ...state,
      picker,
      origin: 'm:12',
    });
  });
  it.each([
    ['an object that is no timing', { answers: { title: { html: 'x' } } }],
    ['a mixed list', { answers: { ids: [1, 'a'] } }],
    ['a timing without its text', { answers: { timing: { timing: { precision: 'MONTH', start: null, end: null } } } }],
    ['a meta value that is a list', { meta: { leadAgencyId: [3] } }],
    ['no step at all', { step: undefined }],
    ['a page that is no whole number', { picker: { page: 1.5 } }],
    ['a draft with an object', { picker: { page: 0, draft: [{}] } }],
    ['a search text over 200 characters', { picker: { page: 0, query: 'x'.repeat(201) } }],
    ['an origin over 64 characters', { origin: 'x'.repeat(65) }],
    ['an update id that is text', { u: '12' }],
    ['answers that are a list', { answers: [] }],
    ['another version', { v: 2 }],
  ])('refuses %s', (_what, over) => {
    expect(parseFormState({ ...state, ...over })).toBeNull();
  });
});
