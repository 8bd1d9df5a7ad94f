import type { AgencyInput } from '../../src/db/repos/agencies.js';

// The agencies as the source documents of 2022–2024 name them (docs/product.md#source-documents):
// "Sở Kế hoạch và Đầu tư", "UBND huyện Vĩnh Thạnh"… The plan-extraction and programme-import tests
// read those documents, so they match against these names, not the demo's (which are today's:
// src/demo/seed-data.ts).

export const DOCUMENT_AGENCIES: AgencyInput[] = [
  { code: 'SNGV', nameVi: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs', kind: 'DEPARTMENT' },
  {
    code: 'SNN',
    nameVi: 'Sở Nông nghiệp và Phát triển nông thôn',
    nameEn: 'Department of Agriculture and Rural Development',
    kind: 'DEPARTMENT',
  },
  { code: 'SNV', nameVi: 'Sở Nội vụ', nameEn: 'Department of Home Affairs', kind: 'DEPARTMENT' },
  {
    code: 'STTTT',
    nameVi: 'Sở Thông tin và Truyền thông',
    nameEn: 'Department of Information and Communications',
    kind: 'DEPARTMENT',
  },
  {
    code: 'SKHDT',
    nameVi: 'Sở Kế hoạch và Đầu tư',
    nameEn: 'Department of Planning and Investment',
    kind: 'DEPARTMENT',
  },
  { code: 'SCT', nameVi: 'Sở Công Thương', nameEn: 'Department of Industry and Trade', kind: 'DEPARTMENT' },
  { code: 'SDL', nameVi: 'Sở Du lịch', nameEn: 'Department of Tourism', kind: 'DEPARTMENT' },
  { code: 'STC', nameVi: 'Sở Tài chính', nameEn: 'Department of Finance', kind: 'DEPARTMENT' },
  {
    code: 'SLDTBXH',
    nameVi: 'Sở Lao động - Thương binh và Xã hội',
    nameEn: 'Department of Labour, Invalids and Social Affairs',
    kind: 'DEPARTMENT',
  },
  { code: 'VPTU', nameVi: 'Văn phòng Tỉnh ủy', nameEn: 'Office of the Provincial Party Committee', kind: 'PARTY_BODY' },
  {
    code: 'BTGTU',
    nameVi: 'Ban Tuyên giáo Tỉnh ủy',
    nameEn: 'Propaganda and Education Commission',
    kind: 'PARTY_BODY',
  },
  {
    code: 'VPUBND',
    nameVi: 'Văn phòng UBND tỉnh',
    nameEn: "Office of the Provincial People's Committee",
    kind: 'DEPARTMENT',
  },
  { code: 'BQLKKT', nameVi: 'Ban Quản lý Khu kinh tế', nameEn: 'Economic Zone Authority', kind: 'DEPARTMENT' },
  {
    code: 'UBND-VINHTHANH',
    nameVi: 'UBND huyện Vĩnh Thạnh',
    nameEn: "Vĩnh Thạnh District People's Committee",
    kind: 'PEOPLES_COMMITTEE',
  },
  {
    code: 'LHHN',
    nameVi: 'Liên hiệp các tổ chức hữu nghị tỉnh',
    nameEn: 'Union of Friendship Organisations',
    kind: 'MASS_ORGANISATION',
  },
  {
    code: 'PHDHDN-KT',
    nameVi: 'Phân hiệu Đại học Đà Nẵng tại Kon Tum',
    nameEn: 'University of Da Nang – Kon Tum Campus',
    kind: 'UNIVERSITY',
  },
  { code: 'BCHQS', nameVi: 'Bộ Chỉ huy Quân sự tỉnh', nameEn: 'Provincial Military Command', kind: 'OTHER' },
];
