import { PURPOSE_CATEGORIES } from '../../../../domain/purpose.js';
import { activityForm, field, typeLabel } from './common.js';

/** Đoàn vào: a foreign delegation received in the province. */
export const inboundForm = activityForm('INBOUND', [
  field.title('forms.hint.inbound.title'),
  field.leadAgency(),
  field.partnerName(true, { label: typeLabel('INBOUND', 'partnerName') }),
  field.countries(true, { label: typeLabel('INBOUND', 'countries') }),
  field.text('headName', true),
  field.text('headPosition', true),
  field.number('members', true, 1, 500),
  field.agency('hostAgency', false, { hint: 'forms.hint.hostAgency' }),
  field.text('receivingLeader', false),
  field.timing({ label: typeLabel('INBOUND', 'timing'), hint: 'forms.hint.timing_range' }),
  field.place(),
  field.longText('programme', true),
  field.choice('purposeCategory', [...PURPOSE_CATEGORIES], { optionsFrom: 'purposeCategories' }),
  field.choice('payer', ['HOST', 'PARTNER', 'SHARED']),
  field.fundings(true),
  field.cost(),
  field.coordinators(),
  field.notes(),
]);
