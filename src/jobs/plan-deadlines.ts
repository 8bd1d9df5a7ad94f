/**
 * Plan requests past their deadline (the 2025 plan request, docs/product.md#plan-requests-and-programme-plans): agencies that did not answer are recorded as "no
 * plan" ("Quá thời gian nêu trên, nếu không có văn bản đăng ký, Sở Ngoại vụ xin được hiểu là Quý
 * cơ quan không có kế hoạch…"), and the coordinators are told once which agencies those are. The
 * request stays open until a coordinator closes it or extends the deadline. Run on every
 * REMINDER_CRON tick (before the reminders are planned) and at start-up; a second run, or a
 * second instance, records nothing more and the alert's dedupe key keeps it single.
 */
import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { Repos } from '../db/repos/index.js';
import type { I18n } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { formatDate, truncate } from '../domain/format.js';
import { localDateOf } from '../domain/reminder-rules.js';
import { noticeCoordinators } from '../services/notices.js';

export interface PlanDeadlineDeps {
  repos: Repos;
  i18n: I18n;
  config: Pick<Config, 'defaultLocale' | 'timezone'>;
  logger: Logger;
}

export interface PlanDeadlineResult {
  plans: number;
  recorded: number;
  alerts: number;
}

const CODES_MAX = 120;

export async function runPlanDeadlines(deps: PlanDeadlineDeps, now: DateTime): Promise<PlanDeadlineResult> {
  const { repos, logger, config } = deps;
  const result: PlanDeadlineResult = { plans: 0, recorded: 0, alerts: 0 };
  for (const plan of await repos.plans.listOverdueRequests(now.toJSDate())) {
    const recorded = await repos.plans.recordNoPlan(plan.id, now.toJSDate());
    if (recorded === 0) continue;
    result.plans++;
    result.recorded += recorded;
    const silent = (await repos.plans.responses(plan.id))
      .filter((r) => r.status === 'NO_PLAN' && r.agency.active)
      .map((r) => r.agency.code);
    const deadline = plan.deadline!;
    const shown = silent.slice(0, CODES_MAX).join(', ');
    result.alerts += await noticeCoordinators(
      deps,
      {
        kind: 'alert.plan-no-plan',
        key: `plan-no-plan:${plan.id}:${deadline.toISOString()}`,
        render: (t) =>
          t('plans.alert.no_plan', {
            title: truncate(plan.title, 300),
            deadline: formatDate(localDateOf(deadline, config.timezone), config.timezone),
            count: silent.length,
            codes: silent.length > CODES_MAX ? `${shown} (+${silent.length - CODES_MAX})` : shown,
          }),
      },
      now,
    );
    logger.info({ msg: 'plan-no-plan-recorded', planId: plan.id, recorded });
  }
  return result;
}
