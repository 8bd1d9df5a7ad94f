import { activityForm, field, typeLabel } from './common.js';

/** Hội nghị, hội thảo quốc tế. The place is asked unless the conference is online. */
export const conferenceForm = activityForm('CONFERENCE', [
  field.title('forms.hint.conference.title'),
  field.leadAgency(),
  field.choice('format', ['IN_PERSON', 'ONLINE', 'HYBRID']),
  field.timing(),
  field.place({ when: (a) => a.format !== 'ONLINE' }),
  field.countries(false, { label: typeLabel('CONFERENCE', 'countries') }),
  field.partnerName(false, { label: typeLabel('CONFERENCE', 'partnerName') }),
  field.number('vnDelegates', true, 0, 100_000),
  field.number('foreignDelegates', true, 0, 100_000),
  // Decides the lead time of the dossier (docs/product.md#reminders-and-digest: 40 days for the Prime Minister, 30 for the province).
  field.choice('authority', ['PRIME_MINISTER', 'PROVINCIAL_CHAIR']),
  field.fundings(false),
  field.cost(),
  field.coordinators(),
  field.notes(),
]);
