import { activityFormSpecs } from './activity-specs.js';
import { createFormEngine } from './engine.js';
import { statusFormSpecs } from './status-specs.js';
import { planFormSpecs } from '../features/plan-forms.js';
import { followUpFormSpec } from '../features/followups.js';
import { anniversaryFormSpecs } from '../features/anniversary-forms.js';
import { settingsFormSpecs } from '../features/settings-forms.js';
import { planLineFormSpecs } from '../features/plan-line-form.js';
import { detailsFormSpecs } from '../features/plan-details.js';
import { decisionFormSpecs } from '../features/review-decision.js';

/** The bot's form engine with every form: registration and edit of each type, and the /my actions. */
export function createForms() {
  return createFormEngine([...activityFormSpecs(), ...statusFormSpecs(), ...planFormSpecs(), followUpFormSpec(), ...anniversaryFormSpecs(), ...settingsFormSpecs(), ...planLineFormSpecs(), ...detailsFormSpecs(), ...decisionFormSpecs()]);
}

export type { FormEngine, FormSpec, StartOptions } from './engine.js';
export { formInput } from './input.js';
