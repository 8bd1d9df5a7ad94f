import { activityForm, field, typeLabel } from './common.js';

/** Giao lưu văn hóa, thể thao, nhân dân (people-to-people plans, "mẫu 02" of the 2025 plan request, docs/product.md#source-documents). */
export const exchangeForm = activityForm('EXCHANGE', [
  field.title('forms.hint.exchange.title'),
  field.leadAgency(),
  field.choice('level', ['PROVINCE', 'COMMUNE', 'VILLAGE']),
  field.text('organisation', true),
  field.countries(true),
  field.partnerName(false, { label: typeLabel('EXCHANGE', 'partnerName') }),
  field.timing(),
  field.place(),
  field.number('participants', false, 1, 100_000),
  field.fundings(false),
  field.cost(),
  field.coordinators(),
  field.notes(),
]);
