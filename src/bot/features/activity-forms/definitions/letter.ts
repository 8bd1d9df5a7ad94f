import { activityForm, field, typeLabel } from './common.js';

/** Thư chúc mừng: a congratulatory letter for an anniversary or a national day. */
export const letterForm = activityForm('LETTER', [
  field.title('forms.hint.letter.title'),
  field.leadAgency(),
  field.choice('occasion', ['ANNIVERSARY', 'NATIONAL_DAY', 'NEW_YEAR', 'OTHER']),
  // A letter goes to one country's leaders: a single choice.
  { ...field.countries(true, { label: typeLabel('LETTER', 'countries') }), kind: 'country' },
  field.text('sender', true),
  field.text('recipient', true),
  field.timing({ label: typeLabel('LETTER', 'timing'), hint: 'forms.hint.timing_deadline' }),
  field.date('sentDate', false),
  field.notes(),
]);
