import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  TimingPrecision,
  type ActivityStatus,
  type ActivityType,
} from '../../src/domain/enums.js';
import {
  groupRows,
  inPeriod,
  periodBounds,
  referenceYear,
  summaryPeriod,
  type PeriodBounds,
} from '../../src/domain/summary.js';
import { createI18n } from '../../src/i18n/index.js';
import { buildSummaryChartModel, type ChartTimingCount } from '../../src/reports/charts/index.js';
import { plainT } from '../../src/reports/labels.js';
import { createTestDb, testProviders, type TestDb } from '../support/db.js';
import { rng } from '../support/rng.js';

/**
 * The summary's hand-written GROUP BY queries (covering indexes, month buckets for the chart) give
 * exactly the answer of the rule itself: every activity read back and filtered with the domain's
 * `inPeriod`, counted in JavaScript, the chart built from one row per activity.
 */
const NOW = DateTime.fromISO('2025-06-15T09:00', { zone: 'Asia/Ho_Chi_Minh' });
const PRECISIONS = Object.values(TimingPrecision);
const COUNTRIES = ['JP', 'LA', 'KH', 'CN', 'US'];
const t = plainT(createI18n('vi').forLocale('vi'));

describe.each(testProviders())('summary queries on %s', (provider) => {
  let db: TestDb;
  let plans: { id: number; year: number | null }[] = [];

  beforeAll(async () => {
    db = await createTestDb(provider);
    const random = rng(provider === 'sqlite' ? 11 : 12);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    await db.db.agency.createMany({ data: [1, 2, 3, 4].map((i) => ({ code: `Q${i}`, nameVi: `Cơ quan ${i}` })) });
    const agencyIds = (await db.db.agency.findMany({ select: { id: true } })).map((a) => a.id);
    for (const year of [2024, 2025, null, 2026])
      await db.db.plan.create({ data: { kind: 'REQUEST', title: `Kế hoạch ${year}`, year } });
    plans = await db.db.plan.findMany({ select: { id: true, year: true } });
    const day0 = Date.UTC(2023, 10, 1);
    for (let id = 1; id <= 600; id++) {
      const shape = random();
      const start = new Date(day0 + Math.floor(random() * 900) * 86_400_000);
      const end = new Date(start.getTime() + Math.floor(random() * 100) * 86_400_000);
      // Dated, deadline only (no start) or undecided (no dates): the three shapes the rule knows.
      const [startDate, endDate] = shape < 0.7 ? [start, end] : shape < 0.85 ? [null, end] : [null, null];
      await db.db.activity.create({
        data: {
          id,
          reference: `${pick([2024, 2025, 2026])}-${String(id).padStart(4, '0')}`,
          type: pick(ACTIVITY_TYPES),
          title: `Hoạt động ${id}`,
          leadAgencyId: pick(agencyIds),
          timingPrecision: pick(PRECISIONS),
          startDate,
          endDate,
          status: pick(ACTIVITY_STATUSES),
          planId: random() < 0.4 ? pick(plans).id : null,
          countries: {
            create: [...new Set([pick(COUNTRIES), pick(COUNTRIES)].slice(0, Math.floor(random() * 3)))].map(
              (countryCode) => ({ countryCode }),
            ),
          },
        },
      });
    }
  });
  afterAll(async () => db?.drop());

  async function expected(bounds: PeriodBounds, planId: number | null) {
    const rows = await db.db.activity.findMany({
      select: {
        id: true,
        reference: true,
        type: true,
        status: true,
        leadAgencyId: true,
        timingPrecision: true,
        startDate: true,
        endDate: true,
        planId: true,
        countries: true,
      },
    });
    const yearOf = new Map(plans.map((p) => [p.id, p.year]));
    return rows
      .filter((r) => r.status !== 'DRAFT' && (!planId || r.planId === planId))
      .filter((r) =>
        inPeriod(r, bounds, (r.planId !== null ? yearOf.get(r.planId) : null) ?? referenceYear(r.reference)),
      )
      .map((r) => ({ ...r, countryCodes: r.countries.map((c) => c.countryCode) }));
  }
  const sortGroups = <G extends { type: ActivityType; status: ActivityStatus; leadAgencyId: number }>(gs: G[]) =>
    [...gs].sort((a, b) =>
      `${a.type}|${a.status}|${a.leadAgencyId}`.localeCompare(`${b.type}|${b.status}|${b.leadAgencyId}`),
    );
  const sortCountries = <C extends { countryCode: string }>(cs: C[]) =>
    [...cs].sort((a, b) => a.countryCode.localeCompare(b.countryCode));

  it.each([
    '2025',
    '2024',
    'quý III/2025',
    'tháng 2/2024',
    '6 tháng đầu năm',
    'tuần này',
    'từ 15/3/2024 đến 20/8/2025',
  ])('counts and chart for "%s" equal the rule applied row by row', async (text) => {
    const timing = summaryPeriod(text, NOW);
    expect(timing, text).not.toBeNull();
    const bounds = periodBounds(timing!);
    for (const planId of [null, plans[1]!.id, plans[2]!.id]) {
      const rows = await expected(bounds, planId);
      const want = groupRows(rows);
      const got = await db.repos.reports.summaryCounts({ period: bounds, planId });
      expect(sortGroups(got.groups)).toEqual(sortGroups(want.groups));
      expect(sortCountries(got.countries)).toEqual(sortCountries(want.countries));

      const perRow: ChartTimingCount[] = rows.map((r) => ({
        type: r.type,
        timingPrecision: r.timingPrecision,
        startDate: r.startDate,
        endDate: r.endDate,
        count: 1,
      }));
      const options = { period: bounds, periodLabel: text, t, locale: 'vi' as const };
      const chart = buildSummaryChartModel(
        await db.repos.reports.chartTimings({ period: bounds, planId }),
        got.countries,
        options,
      );
      expect(chart).toEqual(buildSummaryChartModel(perRow, want.countries, options));
      if (planId === null && text === '2025') expect(rows.length).toBeGreaterThan(100);
    }
  });
});
