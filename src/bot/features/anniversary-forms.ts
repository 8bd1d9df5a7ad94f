import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AnniversaryKind } from '../../domain/enums.js';
import { COORDINATION, roleAllows } from '../access.js';
import { keyOption, type FormSpec } from '../form-engine/index.js';
import type { FieldDef, SubmitOutcome } from '../form-engine/index.js';

// The questions of /anniversaries (form engine): add a date to the calendar, or edit one.

export const ANNIVERSARY_FORMS = { add: 'anniversaries.add', edit: 'anniversaries.edit' } as const;
const KINDS: AnniversaryKind[] = ['DIPLOMATIC_RELATIONS', 'TREATY', 'NATIONAL_DAY', 'OTHER'];

/** `21/09/1973` (the calendar's display of a row's original date). */
export const dmy = (a: { day: number; month: number; baseYear: number }) =>
  `${String(a.day).padStart(2, '0')}/${String(a.month).padStart(2, '0')}/${a.baseYear}`;

/** `21/9/1973`, `21-09-1973`, `1973-09-21` → the date; null for anything else (years 1800–2100). */
export function parseAnniversaryDate(text: string): { day: number; month: number; year: number } | null {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const [day, month, year] = m
    ? [Number(m[1]), Number(m[2]), Number(m[3])]
    : iso
      ? [Number(iso[3]), Number(iso[2]), Number(iso[1])]
      : [0, 0, 0];
  if (year < 1800 || year > 2100) return null;
  return DateTime.fromObject({ year, month, day }).isValid ? { day, month, year } : null;
}

function fields(): FieldDef[] {
  return [
    {
      key: 'kind',
      kind: 'choice',
      label: 'anniversaries.f.kind',
      required: true,
      options: KINDS.map((k) => keyOption(k, `anniversaries.kind.${k}`)),
    },
    { key: 'country', kind: 'country', label: 'anniversaries.f.country', required: true },
    {
      key: 'nameVi',
      kind: 'text',
      label: 'anniversaries.f.nameVi',
      hint: 'anniversaries.hint.nameVi',
      required: true,
      max: 200,
    },
    { key: 'nameEn', kind: 'text', label: 'anniversaries.f.nameEn', required: false, max: 200 },
    {
      key: 'date',
      kind: 'text',
      label: 'anniversaries.f.date',
      hint: 'anniversaries.hint.date',
      example: 'anniversaries.example.date',
      required: true,
      max: 20,
      schema: z.string().refine((v) => parseAnniversaryDate(v) !== null),
    },
  ];
}

function rowFrom(answers: Record<string, unknown>) {
  const date = parseAnniversaryDate(String(answers.date))!;
  return {
    kind: String(answers.kind) as AnniversaryKind,
    countryCode: String(answers.country),
    nameVi: String(answers.nameVi),
    nameEn: typeof answers.nameEn === 'string' ? answers.nameEn : null,
    day: date.day,
    month: date.month,
    baseYear: date.year,
  };
}

const refused: SubmitOutcome = { ok: false, message: 'error.not_allowed', keep: false };

export function anniversaryFormSpecs(): FormSpec[] {
  return [
    {
      id: ANNIVERSARY_FORMS.add,
      title: (t) => t('anniversaries.form_title.add'),
      fields: fields(),
      submitLabel: 'anniversaries.btn.save',
      async submit(ctx, answers) {
        if (!roleAllows(ctx.user, COORDINATION)) return refused;
        const row = rowFrom(answers);
        const key = `custom-${row.countryCode.toLowerCase()}-${randomUUID().slice(0, 8)}`;
        await ctx.deps.repos.calendar.addMissingAnniversaries([{ key, ...row }]);
        ctx.deps.logger.info({ msg: 'anniversary-added', key });
        return { ok: true, message: 'anniversaries.added', params: { name: row.nameVi, date: dmy(row) } };
      },
    },
    {
      id: ANNIVERSARY_FORMS.edit,
      title: (t, meta) => t('anniversaries.form_title.edit', { name: String(meta.name ?? '') }),
      fields: fields(),
      reviewFirst: true,
      submitLabel: 'anniversaries.btn.save',
      async submit(ctx, answers, meta) {
        if (!roleAllows(ctx.user, COORDINATION)) return refused;
        const id = Number(meta.anniversaryId);
        if (!(await ctx.deps.repos.calendar.findAnniversary(id)))
          return { ok: false, message: 'anniversaries.err.not_found', keep: false };
        const row = rowFrom(answers);
        await ctx.deps.repos.calendar.updateAnniversary(id, row);
        ctx.deps.logger.info({ msg: 'anniversary-edited', anniversaryId: id });
        return { ok: true, message: 'anniversaries.edited', params: { name: row.nameVi, date: dmy(row) } };
      },
    },
  ];
}
