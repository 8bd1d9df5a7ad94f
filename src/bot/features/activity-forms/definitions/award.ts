import { activityForm, field, typeLabel } from './common.js';

/** Khen thưởng đối ngoại, given or received. */
export const awardForm = activityForm('AWARD', [
  field.title('forms.hint.award.title'),
  field.leadAgency(),
  field.choice('direction', ['GIVEN', 'RECEIVED']),
  field.text('recipient', true, { label: typeLabel('AWARD', 'recipient') }),
  field.text('award', true),
  field.countries(false),
  field.timing(),
  field.notes(),
]);
