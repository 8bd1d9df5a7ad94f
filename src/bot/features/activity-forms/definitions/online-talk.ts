import { activityForm, field, typeLabel } from './common.js';

/** Hội đàm trực tuyến (docs/product.md#source-documents: the talks with Long Châu, reply due 18/08/2022). */
export const onlineTalkForm = activityForm('ONLINE_TALK', [
  field.title('forms.hint.online_talk.title'),
  field.leadAgency(),
  field.countries(true),
  field.partnerName(true, { label: typeLabel('ONLINE_TALK', 'partnerName') }),
  field.timing({ label: typeLabel('ONLINE_TALK', 'timing') }),
  field.date('replyDeadline', false),
  field.coordinators(),
  field.notes(),
]);
