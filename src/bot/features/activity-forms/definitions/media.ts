import { activityForm, field } from './common.js';

/** Thông tin đối ngoại, tuyên truyền. */
export const mediaForm = activityForm('MEDIA', [
  field.title('forms.hint.media.title'),
  field.leadAgency(),
  field.text('channel', true),
  field.countries(false),
  field.timing(),
  field.fundings(false),
  field.cost(),
  field.coordinators(),
  field.notes(),
]);
