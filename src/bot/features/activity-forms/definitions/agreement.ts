import { activityForm, field, typeLabel } from './common.js';

/** Ký kết thỏa thuận quốc tế. */
export const agreementForm = activityForm('AGREEMENT', [
  field.title('forms.hint.agreement.title'),
  field.leadAgency(),
  field.countries(true),
  field.longText('parties', true),
  field.text('field', true),
  field.timing({ label: typeLabel('AGREEMENT', 'timing') }),
  field.place(),
  field.text('term', false, { hint: 'forms.hint.term' }),
  field.coordinators(),
  field.notes(),
]);
