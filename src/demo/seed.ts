import type { Repos } from '../db/repos/index.js';
import { parseTiming, timingToColumns } from '../domain/timing/index.js';
import { isoDateToUtcDate } from '../domain/timing/index.js';
import { DEMO_AGENCIES, DEMO_FOLLOW_UPS, DEMO_PLANS, DEMO_TALKS, type DemoActivity } from './seed-data.js';

const MARK = 'demo.seeded';

export interface DemoSeedResult {
  skipped: boolean;
  /** The database already holds data of its own (agencies or activities): nothing was loaded. */
  refused?: boolean;
  agencies: number;
  plans: number;
  activities: number;
  followUps: number;
}

/** What to tell whoever asked for the demo data on a database that already holds data. */
export function demoRefusedMessage(r: DemoSeedResult): string {
  return (
    `This database already holds ${r.agencies} agencies and ${r.activities} activities of its own: the demo data was not loaded, nothing changed.\n` +
    'To try the demo, point DATABASE_URL at a new database (e.g. DATABASE_URL=file:./data/demo.db npm run seed:demo) and start the bot with the same DATABASE_URL.'
  );
}

/** Loads the seeds' agencies, plans, activities and follow-ups once (a second run changes nothing). */
export async function seedDemo(repos: Repos, now: Date): Promise<DemoSeedResult> {
  if (await repos.settings.get<boolean>(MARK))
    return { skipped: true, agencies: 0, plans: 0, activities: 0, followUps: 0 };
  // Never mixed into real data: a database with agencies or activities of its own is left alone.
  const [agencyCount, activityCount] = await Promise.all([repos.agencies.count(), repos.activities.count()]);
  if (agencyCount > 0 || activityCount > 0)
    return { skipped: true, refused: true, agencies: agencyCount, plans: 0, activities: activityCount, followUps: 0 };
  const agencies = await repos.agencies.upsertMany(DEMO_AGENCIES);
  const idOf = new Map(agencies.map((a) => [a.code, a.id]));
  const agencyId = (code: string) => {
    const id = idOf.get(code);
    if (!id) throw new Error(`demo data names unknown agency ${code}`);
    return id;
  };
  let activities = 0;
  const createActivity = async (a: DemoActivity, planId: number | null, year: number) => {
    const parsed = parseTiming(a.timing);
    if (!parsed.ok) throw new Error(`demo timing "${a.timing}" does not parse: ${parsed.error.code}`);
    const { lead, coordinators, timing, ...rest } = a;
    activities++;
    return repos.activities.create(
      {
        ...rest,
        leadAgencyId: agencyId(lead),
        coordinatingAgencyIds: (coordinators ?? []).map(agencyId),
        timingText: timing,
        ...timingToColumns(parsed.timing),
        planId,
        status: 'AGREED',
        source: planId ? 'PROGRAMME' : 'FORM',
      },
      { userId: null, referenceYear: year, now },
    );
  };
  for (const p of DEMO_PLANS) {
    const plan = await repos.plans.create({
      kind: p.kind,
      title: p.title,
      year: p.year,
      description: p.description,
      forms: p.forms ?? null,
      // The deadline is the end of that day in Việt Nam (UTC+7).
      deadline: p.deadline ? new Date(isoDateToUtcDate(p.deadline).getTime() + (24 - 7) * 3_600_000 - 1) : null,
    });
    for (const a of p.activities) await createActivity(a, plan.id, p.year);
  }
  const talks = await createActivity(DEMO_TALKS, null, 2022);
  for (const f of DEMO_FOLLOW_UPS) {
    await repos.followUps.create({
      title: f.title,
      dueDate: isoDateToUtcDate(f.due),
      activityId: talks.id,
      responsibleAgencyId: agencyId(f.responsible),
    });
  }
  await repos.settings.set(MARK, true);
  return {
    skipped: false,
    agencies: agencies.length,
    plans: DEMO_PLANS.length,
    activities,
    followUps: DEMO_FOLLOW_UPS.length,
  };
}
