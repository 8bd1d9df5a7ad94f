import type { ActivityInput } from '../db/repos/activities.js';
import type { AgencyInput } from '../db/repos/agencies.js';
import type { AnyDetails } from '../domain/activity-details.js';

// Demo data taken from the source documents (docs/product.md#source-documents): the Bình Định programme for the 50th
// anniversary of Việt Nam–Japan relations (002), the Kon Tum programme with Laos and Cambodia (004),
// the Lai Châu request for 2025 plans (001) and the Lạng Sơn talks with Long Châu (003).
// The agencies carry today's names (from 01/7/2025: no district level, merged departments — Sở Tài
// chính took Kế hoạch và Đầu tư, Sở Khoa học và Công nghệ took Thông tin và Truyền thông, Sở Nội vụ
// took Lao động - Thương binh và Xã hội); the activities keep the documents' own words.

export const DEMO_AGENCIES: AgencyInput[] = [
  { code: 'SNGV', nameVi: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs', kind: 'DEPARTMENT' },
  {
    code: 'SNN',
    nameVi: 'Sở Nông nghiệp và Môi trường',
    nameEn: 'Department of Agriculture and Environment',
    kind: 'DEPARTMENT',
  },
  { code: 'SNV', nameVi: 'Sở Nội vụ', nameEn: 'Department of Home Affairs', kind: 'DEPARTMENT' },
  {
    code: 'SKHCN',
    nameVi: 'Sở Khoa học và Công nghệ',
    nameEn: 'Department of Science and Technology',
    kind: 'DEPARTMENT',
  },
  { code: 'STC', nameVi: 'Sở Tài chính', nameEn: 'Department of Finance', kind: 'DEPARTMENT' },
  { code: 'SCT', nameVi: 'Sở Công Thương', nameEn: 'Department of Industry and Trade', kind: 'DEPARTMENT' },
  {
    code: 'SVHTTDL',
    nameVi: 'Sở Văn hóa, Thể thao và Du lịch',
    nameEn: 'Department of Culture, Sports and Tourism',
    kind: 'DEPARTMENT',
  },
  { code: 'SXD', nameVi: 'Sở Xây dựng', nameEn: 'Department of Construction', kind: 'DEPARTMENT' },
  {
    code: 'SDTTG',
    nameVi: 'Sở Dân tộc và Tôn giáo',
    nameEn: 'Department of Ethnic Minorities and Religions',
    kind: 'DEPARTMENT',
  },
  { code: 'VPTU', nameVi: 'Văn phòng Tỉnh ủy', nameEn: 'Office of the Provincial Party Committee', kind: 'PARTY_BODY' },
  {
    code: 'BTGDVTU',
    nameVi: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    nameEn: 'Propaganda, Education and Mass Mobilisation Commission',
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
    nameVi: 'UBND xã Vĩnh Thạnh',
    nameEn: "Vĩnh Thạnh Commune People's Committee",
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

export interface DemoActivity extends Omit<
  ActivityInput,
  'leadAgencyId' | 'coordinatingAgencyIds' | 'planId' | 'details'
> {
  lead: string;
  /** Typed by the details' schemas (domain/activity-details.ts): a key the type has not is a compile error. */
  details?: AnyDetails;
  coordinators?: string[];
  timing: string;
}

export interface DemoPlan {
  kind: 'REQUEST' | 'PROGRAMME';
  title: string;
  year: number;
  description: string;
  deadline?: string; // local date, end of day
  forms?: string[];
  activities: DemoActivity[];
}

const BD_COORD = ['VPTU', 'VPUBND', 'STC', 'SCT', 'SVHTTDL', 'SNN', 'BQLKKT'];

export const DEMO_PLANS: DemoPlan[] = [
  {
    kind: 'PROGRAMME',
    title: 'Kế hoạch tổ chức các hoạt động kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản (Bình Định)',
    year: 2023,
    description:
      'Thực hiện Đề án Kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản (21/9/1973 - 21/9/2023) của Bộ Ngoại giao.',
    activities: [
      {
        type: 'OUTBOUND',
        title: 'Lãnh đạo tỉnh tham gia các đoàn công tác cấp cao của Việt Nam sang thăm và làm việc tại Nhật Bản',
        lead: 'SNGV',
        coordinators: BD_COORD,
        timing: 'theo kế hoạch của Bộ Ngoại giao và các cơ quan Trung ương',
        countryCodes: ['JP'],
        fundingSources: ['STATE_BUDGET'],
      },
      {
        type: 'OUTBOUND',
        title:
          'Đoàn công tác của tỉnh sang thăm và làm việc với thành phố Izumisano, Hội hữu nghị Nhật - Việt tại Sakai',
        lead: 'SNGV',
        coordinators: BD_COORD,
        timing: 'tháng 4 năm 2023',
        countryCodes: ['JP'],
        partnerName: 'Thành phố Izumisano; Hội hữu nghị Nhật - Việt tại Sakai',
        fundingSources: ['STATE_BUDGET'],
        place: 'Thành phố Izumisano, tỉnh Osaka; Sakai',
        details: { purpose: 'Tăng cường quan hệ hợp tác giữa hai bên' },
      },
      {
        type: 'INBOUND',
        title:
          'Đón tiếp Đoàn đại biểu thành phố Izumisano và Hội Hữu nghị Nhật - Việt tại Sakai, kết hợp tham dự Hội nghị Xúc tiến đầu tư, thương mại',
        lead: 'SNGV',
        coordinators: ['VPTU', 'VPUBND'],
        timing: 'tháng 6 năm 2023',
        countryCodes: ['JP'],
        partnerName: 'Thành phố Izumisano; Hội Hữu nghị Nhật - Việt tại Sakai',
        fundingSources: ['STATE_BUDGET'],
      },
      {
        type: 'LETTER',
        title:
          'Thư chúc mừng của Chủ tịch UBND tỉnh nhân dịp kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản',
        lead: 'SNGV',
        coordinators: ['VPTU', 'VPUBND'],
        timing: 'trước ngày 15/9/2023',
        countryCodes: ['JP'],
        details: {
          occasion: 'ANNIVERSARY',
          sender: 'Chủ tịch UBND tỉnh',
          recipient:
            'Đại sứ quán Nhật Bản tại Việt Nam; Tổng Lãnh sự quán Nhật Bản tại Đà Nẵng; thành phố Izumisano; Hội Hữu nghị Nhật - Việt tại Sakai',
        },
      },
      {
        type: 'AGREEMENT',
        title:
          'Xúc tiến thiết lập quan hệ hữu nghị, hợp tác giữa huyện Vĩnh Thạnh và thị trấn Yoshino, huyện Yoshino, tỉnh Nara',
        lead: 'UBND-VINHTHANH',
        coordinators: ['SNGV', 'SNN'],
        timing: 'năm 2023',
        countryCodes: ['JP'],
        partnerName: 'Thị trấn Yoshino, tỉnh Nara',
      },
      {
        type: 'CONFERENCE',
        title: 'Hội nghị Xúc tiến đầu tư, thương mại các doanh nghiệp Nhật Bản tại tỉnh Bình Định',
        lead: 'SNGV',
        coordinators: ['STC', 'SCT', 'BQLKKT'],
        timing: 'tháng 6 năm 2023',
        countryCodes: ['JP'],
        partnerName: 'Đại sứ quán Nhật Bản tại Việt Nam',
        fundingSources: ['STATE_BUDGET', 'SPONSORSHIP'],
        details: { format: 'IN_PERSON', authority: 'PROVINCIAL_CHAIR' },
      },
      {
        type: 'EXCHANGE',
        title:
          'Tiếp nhận cây hoa anh đào do Hội Hữu nghị Nhật - Việt tại Sakai trao tặng để trồng tại xã Vĩnh Sơn, huyện Vĩnh Thạnh',
        lead: 'SNN',
        coordinators: ['UBND-VINHTHANH'],
        timing: 'tháng 02/2023',
        countryCodes: ['JP'],
        partnerName: 'Hội Hữu nghị Nhật - Việt tại Sakai',
      },
      {
        type: 'OTHER',
        title: 'Xem xét, khôi phục dự án khai thác, bảo quản và tiêu thụ cá ngừ đại dương tại thị trường Nhật Bản',
        lead: 'SNN',
        timing: 'năm 2023',
        countryCodes: ['JP'],
      },
      {
        type: 'MEDIA',
        title:
          'Tuyên truyền quan hệ Đối tác chiến lược sâu rộng Việt Nam - Nhật Bản nhân dịp kỷ niệm 50 năm thiết lập quan hệ ngoại giao',
        lead: 'SKHCN',
        coordinators: ['BTGDVTU', 'SNGV'],
        timing: 'năm 2023',
        countryCodes: ['JP'],
        details: { channel: 'Báo Bình Định, Đài Phát thanh và Truyền hình Bình Định, Cổng thông tin điện tử tỉnh' },
      },
      {
        type: 'AWARD',
        title:
          'Khen thưởng tập thể, cá nhân Nhật Bản và Việt Nam đóng góp phát triển quan hệ hợp tác giữa tỉnh và các đối tác Nhật Bản',
        lead: 'SNV',
        coordinators: ['SNGV', 'STC', 'BQLKKT'],
        timing: 'trước ngày 15/9/2023',
        countryCodes: ['JP'],
        details: { direction: 'GIVEN' },
      },
    ],
  },
  {
    kind: 'PROGRAMME',
    title:
      'Kế hoạch tổ chức các hoạt động kỷ niệm 60 năm quan hệ ngoại giao Việt Nam - Lào, 45 năm Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào, 55 năm quan hệ ngoại giao Việt Nam - Campuchia (Kon Tum)',
    year: 2022,
    description: 'Thực hiện Văn bản số 884/BNG-ĐNA ngày 02/4/2022 của Bộ Ngoại giao.',
    activities: [
      {
        type: 'LETTER',
        title: 'Thư chúc mừng kỷ niệm 60 năm thiết lập quan hệ ngoại giao Việt Nam - Lào (05/9/1962 - 05/9/2022)',
        lead: 'SNGV',
        timing: 'trước ngày 05/9/2022',
        countryCodes: ['LA'],
        details: { occasion: 'ANNIVERSARY', sender: 'Tỉnh ủy, UBND tỉnh' },
      },
      {
        type: 'LETTER',
        title: 'Thư chúc mừng kỷ niệm 55 năm quan hệ ngoại giao Việt Nam - Campuchia (24/6/1967 - 24/6/2022)',
        lead: 'SNGV',
        timing: 'trước ngày 24/6/2022',
        countryCodes: ['KH'],
        details: { occasion: 'ANNIVERSARY', sender: 'Tỉnh ủy, UBND tỉnh' },
      },
      {
        type: 'OUTBOUND',
        title:
          'Đoàn cán bộ cao cấp của tỉnh thăm, hội đàm cấp cao và ký kết Bản ghi nhớ hợp tác với tỉnh Ra-ta-na-ki-ri và Stung Treng',
        lead: 'SNGV',
        coordinators: ['VPTU', 'VPUBND'],
        timing: 'quý III/2022',
        countryCodes: ['KH'],
        partnerName: 'Tỉnh Ra-ta-na-ki-ri; tỉnh Stung Treng',
        fundingSources: ['STATE_BUDGET'],
        details: {
          headName: 'Bí thư Tỉnh ủy',
          headPosition: 'Trưởng đoàn',
          purpose: 'Hội đàm cấp cao, ký kết Bản ghi nhớ hợp tác',
          partyOpinion: true,
        },
      },
      {
        type: 'INBOUND',
        title:
          'Đoàn cán bộ cao cấp tỉnh Ất-ta-pư, Sê-kông, Sa-la-van và Chăm-pa-sắc tham dự Hội đàm cấp cao tại tỉnh Kon Tum',
        lead: 'SNGV',
        coordinators: ['VPTU', 'VPUBND'],
        timing: 'quý III/2022',
        countryCodes: ['LA'],
        partnerName: 'Các tỉnh Ất-ta-pư, Sê-kông, Sa-la-van, Chăm-pa-sắc',
        fundingSources: ['STATE_BUDGET'],
      },
      {
        type: 'EXCHANGE',
        title: 'Hoạt động văn hóa, văn nghệ, giao lưu với lưu học sinh Lào, Campuchia đang học tập tại tỉnh',
        lead: 'PHDHDN-KT',
        coordinators: ['LHHN', 'SNGV'],
        timing: 'năm 2022',
        countryCodes: ['LA', 'KH'],
        details: { level: 'PROVINCE' },
      },
      {
        type: 'MEDIA',
        title: 'Tuyên truyền kỷ niệm 60 năm quan hệ ngoại giao và 45 năm Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào',
        lead: 'SKHCN',
        coordinators: ['BTGDVTU'],
        timing: 'năm 2022',
        countryCodes: ['LA'],
      },
      {
        type: 'AWARD',
        title:
          'Đề xuất khen thưởng cá nhân, tập thể có thành tích xuất sắc trong hợp tác Việt Nam - Lào, Việt Nam - Campuchia',
        lead: 'SNV',
        coordinators: ['SNGV'],
        timing: 'tháng 9 năm 2022',
        countryCodes: ['LA', 'KH'],
      },
      {
        type: 'OTHER',
        title: 'Thăm hỏi gia đình liệt sĩ, thương binh, chuyên gia, quân tình nguyện đã chiến đấu tại Lào và Campuchia',
        lead: 'BCHQS',
        coordinators: ['SNV', 'STC'],
        timing: 'từ tháng 7 đến tháng 9 năm 2022',
        countryCodes: ['LA', 'KH'],
      },
    ],
  },
  {
    kind: 'REQUEST',
    title: 'Kế hoạch đối ngoại năm 2025',
    year: 2025,
    description:
      'Thực hiện Công văn số 3522/UBND-TH ngày 05/9/2024 của UBND tỉnh; các cơ quan, đơn vị gửi dự kiến kế hoạch đối ngoại năm 2025 (mẫu số 01) và kế hoạch đối ngoại nhân dân (mẫu số 02) trước ngày 25/9/2024. Quá thời hạn, nếu không có văn bản đăng ký, Sở Ngoại vụ hiểu là không có kế hoạch đoàn ra, đoàn vào năm 2025.',
    deadline: '2024-09-25',
    forms: ['AGENCY', 'PEOPLE'],
    activities: [],
  },
];

export const DEMO_TALKS: DemoActivity = {
  type: 'ONLINE_TALK',
  title:
    'Hội đàm trực tuyến với Chính phủ nhân dân huyện Long Châu, Quảng Tây, Trung Quốc trao đổi kinh nghiệm kỹ thuật trồng cây Mắc ca',
  lead: 'SNN',
  coordinators: ['SNGV'],
  timing: '06/9/2022',
  countryCodes: ['CN'],
  partnerName: 'Chính phủ nhân dân huyện Long Châu, Quảng Tây',
  // The counterpart is the partner; the proposed date is the timing.
  details: { replyDeadline: '2022-08-18' },
  notes:
    'Công hàm số 17/CH-SNgV ngày 10/8/2022 đề xuất tổ chức hội đàm; đề nghị phía Long Châu phản hồi chính thức trước ngày 18/8/2022.',
};

export const DEMO_FOLLOW_UPS = [
  {
    title: 'Phía Long Châu phản hồi chính thức về thời gian, hình thức và chương trình hội đàm',
    due: '2022-08-18',
    responsible: 'SNGV',
  },
  {
    title: 'Sở NN&PTNT cung cấp nội dung trao đổi và các câu hỏi cho chương trình hội đàm (qua Sở Ngoại vụ)',
    due: '2022-09-15',
    responsible: 'SNN',
  },
];
