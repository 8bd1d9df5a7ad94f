import { activityForm, field } from './common.js';

/** Hoạt động khác: the common fields only. */
export const otherForm = activityForm('OTHER', [
  field.title(),
  field.leadAgency(),
  field.countries(false),
  field.partnerName(false),
  field.timing(),
  field.place(),
  field.fundings(false),
  field.cost(),
  field.coordinators(),
  field.notes(),
]);
