/**
 * The competent authority's decision as one line (docs/product.md#lifecycle): "Chủ tịch UBND tỉnh, số 1234/QĐ-UBND,
 * ngày 08/04/2025: cho phép". The card, the history and the plan board say it alike. Pure: the
 * caller passes its translation function.
 */
export interface DecisionFacts {
  authority: string;
  number: string;
  /** `YYYY-MM-DD`. */
  date: string;
  allowed: boolean;
}

type T = (key: string, params?: Record<string, string | number>) => string;

export function decisionText(t: T, d: DecisionFacts): string {
  return t('history.decision', {
    authority: t(`review.opt.authority.${d.authority}`),
    number: d.number,
    date: d.date.split('-').reverse().join('/'),
    outcome: t(d.allowed ? 'history.decision_allowed' : 'history.decision_not_allowed'),
  });
}

/** The decision recorded on an activity's columns, if any. */
export function recordedDecision(a: {
  decisionAuthority: string | null;
  decisionNumber: string | null;
  decisionDate: Date | null;
  decisionAllowed: boolean | null;
}): DecisionFacts | null {
  if (!a.decisionAuthority || !a.decisionNumber || !a.decisionDate) return null;
  return {
    authority: a.decisionAuthority,
    number: a.decisionNumber,
    date: a.decisionDate.toISOString().slice(0, 10),
    allowed: a.decisionAllowed === true,
  };
}
