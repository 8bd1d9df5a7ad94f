import { PURPOSE_CATEGORIES } from '../../../../domain/purpose.js';
import { activityForm, field, typeLabel } from './common.js';

/** Đoàn ra: a delegation of the province travelling abroad. */
export const outboundForm = activityForm('OUTBOUND', [
  field.title('forms.hint.outbound.title'),
  field.leadAgency(),
  field.text('headName', true),
  field.text('headPosition', true),
  field.number('members', true, 1, 500),
  field.longText('composition', false, { hint: 'forms.hint.composition' }),
  field.countries(true, { label: typeLabel('OUTBOUND', 'countries') }),
  field.place({ label: typeLabel('OUTBOUND', 'place') }),
  field.timing({ label: typeLabel('OUTBOUND', 'timing'), hint: 'forms.hint.timing_range' }),
  field.longText('purpose', true),
  // The statistics group delegations by these categories (docs/product.md#summaries-and-reports), not by the free text above.
  field.choice('purposeCategory', [...PURPOSE_CATEGORIES], { optionsFrom: 'purposeCategories' }),
  field.partnerName(false, { label: typeLabel('OUTBOUND', 'partnerName') }),
  field.yesNo('partyOpinion', { hint: 'forms.hint.partyOpinion' }),
  // Seed 001: every delegation states where its money comes from.
  field.fundings(true),
  field.cost(),
  field.coordinators(),
  field.notes(),
]);
