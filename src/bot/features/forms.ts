import type { DateTime } from 'luxon';
import { createFormEngine, type FormEngine } from '../form-engine/index.js';
import { activityFormSpecs } from './activity-forms/specs.js';
import { statusFormSpecs } from './activity-forms/status-specs.js';
import { planFormSpecs } from './plan-forms.js';
import { followUpFormSpec } from './followups.js';
import { anniversaryFormSpecs } from './anniversary-forms.js';
import { settingsFormSpecs } from './settings-forms.js';
import { planLineFormSpecs } from './plan-line-form.js';
import { detailsFormSpecs } from './plan-details.js';
import { decisionFormSpecs } from './review-decision.js';

/** The bot's form engine with every form: registration and edit of each type, the /my actions, plans, settings. */
export function createForms(): FormEngine {
  return createFormEngine([
    ...activityFormSpecs(),
    ...statusFormSpecs(),
    ...planFormSpecs(),
    followUpFormSpec(),
    ...anniversaryFormSpecs(),
    ...settingsFormSpecs(),
    ...planLineFormSpecs(),
    ...detailsFormSpecs(),
    ...decisionFormSpecs(),
  ]);
}

let forExpiry: FormEngine | undefined;

/** Drops the forms idle past their time and tells their users (the jobs' tick: src/app.ts, the CLI). */
export function expireForms(deps: Parameters<FormEngine['expire']>[0], now: DateTime): Promise<number> {
  forExpiry ??= createForms();
  return forExpiry.expire(deps, now);
}
