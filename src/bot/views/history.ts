import { formatDate, truncate } from '../../domain/format.js';
import { formatMoney } from '../../domain/money.js';
import { countryName } from '../../domain/countries.js';
import type { Locale, Translate } from '../../i18n/index.js';
import type { TimingPrecision } from '../../domain/enums.js';
import { formatTiming, timingFromColumns } from '../../domain/timing/index.js';
import { decisionText } from '../../domain/decision.js';

// How a change (history entry or change request) reads on a card: `Thời gian: tháng 4/2025 → tháng
// 5/2025` with localized field names and values, never raw column names or ISO dates.

export interface ChangeViewOptions {
  t: Translate;
  locale: Locale;
  zone: string;
  /** Agency codes by id, to show lead/coordinating agency changes by code. */
  agencyCodes?: Map<number, string>;
}

const CARD_LABELS: Record<string, string> = {
  title: 'activity.field.title',
  type: 'activity.field.type',
  leadAgencyId: 'activity.field.leadAgency',
  coordinatingAgencyIds: 'activity.field.coordinators',
  countryCodes: 'activity.field.countries',
  partnerName: 'activity.field.partnerName',
  place: 'activity.field.place',
  timingText: 'activity.field.timing',
  fundingSources: 'activity.field.fundings',
  costVnd: 'activity.field.cost',
  status: 'activity.field.status',
  statusReason: 'activity.field.reason',
  planId: 'activity.field.plan',
  notes: 'activity.field.notes',
  startDate: 'history.field.startDate',
  endDate: 'history.field.endDate',
  timingLabel: 'history.field.timingLabel',
  timingPrecision: 'history.field.timingPrecision',
  details: 'history.field.details',
  decision: 'history.field.decision',
  timing: 'activity.field.timing',
  report: 'history.field.report',
};

export function changeFieldLabel(field: string, t: Translate): string {
  const key = CARD_LABELS[field];
  return key ? t(key) : field;
}

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A stored value (history keeps strings: ISO dates, bigint digits, comma lists, JSON) for people. */
export function formatChangeValue(field: string, value: string | null, o: ChangeViewOptions): string {
  const none = o.t('activity.card.none');
  if (value === null || value === '') return none;
  try {
    switch (field) {
      case 'status':
        return o.t(`activity.status.${value}`);
      case 'type':
        return o.t(`activity.type.${value}`);
      case 'fundingSources':
        return list(value)
          .map((f) => o.t(`activity.funding.${f}`))
          .join(', ');
      case 'countryCodes':
        return list(value)
          .map((c) => countryName(c, o.locale))
          .join(', ');
      case 'leadAgencyId':
      case 'coordinatingAgencyIds':
        return list(value)
          .map((id) => o.agencyCodes?.get(Number(id)) ?? `#${id}`)
          .join(', ');
      case 'startDate':
      case 'endDate':
        return formatDate(new Date(value), o.zone, o.locale);
      case 'costVnd':
        return formatMoney(BigInt(value), o.locale);
      case 'timing': {
        // One line for a timing that moved (db/repos/activities timingHistoryValue).
        const t = JSON.parse(value) as {
          precision: TimingPrecision | null;
          start: string | null;
          end: string | null;
          label: string | null;
        };
        const cols = {
          timingPrecision: t.precision ?? 'TBD',
          startDate: t.start ? new Date(t.start) : null,
          endDate: t.end ? new Date(t.end) : null,
          timingLabel: t.label,
        };
        return formatTiming(timingFromColumns(cols), o.locale);
      }
    }
  } catch {
    // An unexpected stored value is shown as stored rather than failing the whole card.
  }
  return truncate(value, 80);
}

function jsonObject(v: string | null): Record<string, unknown> | null {
  if (v === null || v === '') return {};
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function tryT(t: Translate, key: string): string | null {
  try {
    return t(key);
  } catch {
    return null;
  }
}

function detailValue(v: unknown, o: ChangeViewOptions): string {
  if (v === null || v === undefined || v === '') return o.t('activity.card.none');
  if (typeof v === 'boolean') return o.t(v ? 'forms.yes' : 'forms.no');
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'object') return truncate(JSON.stringify(v), 80);
  return truncate(String(v), 80);
}

/** Type-specific fields (JSON): one `Label: old → new` per key that changed, with the form's labels. */
function describeDetails(
  oldObj: Record<string, unknown>,
  newObj: Record<string, unknown>,
  o: ChangeViewOptions,
): string {
  const keys = [...new Set([...Object.keys(oldObj), ...Object.keys(newObj)])].filter(
    (k) => JSON.stringify(oldObj[k]) !== JSON.stringify(newObj[k]),
  );
  return keys
    .map((k) => `${tryT(o.t, `forms.f.${k}`) ?? k}: ${detailValue(oldObj[k], o)} → ${detailValue(newObj[k], o)}`)
    .join('; ');
}

/** A decision as recorded (`CHAIRMAN_PPC|1234/QĐ-UBND|2025-05-02|ALLOWED`, see db/repos/activities). */
function formatDecision(value: string | null, o: ChangeViewOptions): string {
  const [authority, number, date, outcome] = (value ?? '').split('|');
  if (!authority || !number || !date || !outcome) return value ?? o.t('activity.card.none');
  return decisionText(o.t, { authority, number, date, allowed: outcome === 'ALLOWED' });
}

/** `Label: old → new` for one changed field. */
export function describeChange(
  field: string,
  oldValue: string | null,
  newValue: string | null,
  o: ChangeViewOptions,
): string {
  if (field === 'decision') return `${changeFieldLabel(field, o.t)}: ${formatDecision(newValue, o)}`;
  if (field === 'details' || field === 'report') {
    const a = jsonObject(oldValue);
    const b = jsonObject(newValue);
    if (a && b) {
      const text = describeDetails(a, b, o);
      if (text) return text;
    }
  }
  return `${changeFieldLabel(field, o.t)}: ${formatChangeValue(field, oldValue, o)} → ${formatChangeValue(field, newValue, o)}`;
}

/** One history entry: a field change, or an action (created, change request decided…). */
export function describeHistoryEntry(
  h: { action: string; field: string | null; oldValue: string | null; newValue: string | null },
  o: ChangeViewOptions,
): string {
  if (h.field) return describeChange(h.field, h.oldValue, h.newValue, o);
  const known = ['CREATE', 'REPORT', 'CHANGE_REQUEST', 'CHANGE_APPROVED', 'CHANGE_REJECTED', 'ON_BEHALF'].includes(
    h.action,
  );
  const action = known ? o.t(`history.action.${h.action}`) : h.action;
  if (h.action === 'CREATE' && h.newValue) return `${action} (${formatChangeValue('status', h.newValue, o)})`;
  return h.newValue ? `${action} (${truncate(h.newValue, 120)})` : action;
}
