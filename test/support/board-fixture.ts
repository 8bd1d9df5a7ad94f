/**
 * A small province for the plan board's tests: four agencies, one user per role (two focal points of
 * different agencies, a deactivated one, a focal point without agency, a stranger), a programme plan,
 * activities of several types, timings of every precision and statuses (one draft, never shown),
 * history and follow-ups. Telegram ids are fixed so tests can sign initData for them.
 */
import net from 'node:net';
import type { Repos } from '../../src/db/repos/index.js';
import { parseTiming, timingToColumns } from '../../src/domain/timing/index.js';
import type { ActivityStatus, ActivityType } from '../../src/domain/enums.js';
import { signInitData } from '../../src/http/board/init-data.js';
import { ADMIN_ID } from './harness.js';

export const IDS = {
  admin: ADMIN_ID,
  coordinator: 7_100_000_001,
  head: 7_100_000_002,
  focalSct: 7_100_000_003,
  focalVh: 7_100_000_004,
  focalOff: 7_100_000_005,
  focalNoAgency: 7_100_000_006,
  stranger: 7_100_000_007,
} as const;

export interface FixtureActivity {
  type: ActivityType;
  title: string;
  lead: string;
  coordinators?: string[];
  countries?: string[];
  partner?: string;
  place?: string;
  timing: string;
  status: ActivityStatus;
  cost?: bigint;
  plan?: boolean;
  year: number;
  details?: Record<string, unknown>;
}

export const AGENCIES = [
  { code: 'SNGV', nameVi: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs' },
  { code: 'SCT', nameVi: 'Sở Công Thương', nameEn: 'Department of Industry and Trade' },
  { code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: 'Department of Culture, Sports and Tourism' },
  { code: 'UBND-VINHTHANH', nameVi: 'UBND xã Vĩnh Thạnh', nameEn: null },
];

export const ACTIVITIES: FixtureActivity[] = [
  {
    type: 'OUTBOUND',
    title: 'Đoàn công tác của tỉnh thăm và làm việc tại tỉnh Shizuoka',
    lead: 'SNGV',
    coordinators: ['SCT'],
    countries: ['JP'],
    partner: 'Tỉnh Shizuoka',
    place: 'Shizuoka',
    timing: 'tháng 4/2027',
    status: 'AUTHORIZED',
    cost: 850_000_000n,
    plan: true,
    year: 2027,
    details: { headName: 'Nguyễn Văn An', headPosition: 'Phó Chủ tịch UBND tỉnh', members: 8 },
  },
  {
    type: 'OUTBOUND',
    title: 'Xúc tiến thương mại nông sản tại Osaka',
    lead: 'SCT',
    countries: ['JP'],
    partner: 'JETRO Osaka',
    place: 'Osaka',
    timing: '10/9/2027 - 15/9/2027',
    status: 'SUBMITTED',
    cost: 620_000_000n,
    year: 2027,
  },
  {
    type: 'OUTBOUND',
    title: 'Tham dự hội chợ du lịch quốc tế JATA',
    lead: 'SVHTTDL',
    countries: ['JP'],
    place: 'Tokyo',
    timing: 'quý III/2027',
    status: 'IN_PROGRESS',
    year: 2027,
  },
  {
    type: 'OUTBOUND',
    title: 'Đoàn công tác làm việc với tỉnh Chăm-pa-sắc',
    lead: 'SNGV',
    countries: ['LA'],
    partner: 'Tỉnh Chăm-pa-sắc',
    timing: 'tháng 11/2027',
    status: 'AUTHORIZED',
    year: 2027,
  },
  {
    type: 'INBOUND',
    title: 'Đón đoàn Thống đốc tỉnh Gyeonggi',
    lead: 'SNGV',
    coordinators: ['SVHTTDL'],
    countries: ['KR'],
    partner: 'Tỉnh Gyeonggi',
    timing: '20/5/2027',
    status: 'AUTHORIZED',
    year: 2027,
  },
  {
    type: 'CONFERENCE',
    title: 'Hội thảo quốc tế về xúc tiến đầu tư Việt Nam – Nhật Bản',
    lead: 'SCT',
    coordinators: ['SNGV'],
    countries: ['JP'],
    place: 'Trung tâm Hội nghị tỉnh',
    timing: '6 tháng đầu năm 2027',
    status: 'SUBMITTED',
    year: 2027,
  },
  {
    type: 'LETTER',
    title: 'Thư chúc mừng Quốc khánh Lào',
    lead: 'SNGV',
    countries: ['LA'],
    timing: 'trước 25/11/2027',
    status: 'AUTHORIZED',
    year: 2027,
  },
  {
    type: 'EXCHANGE',
    title: 'Giao lưu văn hóa, thể thao với Campuchia',
    lead: 'UBND-VINHTHANH',
    countries: ['KH'],
    timing: 'năm 2027',
    status: 'DONE',
    year: 2027,
  },
  {
    type: 'MEDIA',
    title: 'Phóng sự giới thiệu tiềm năng du lịch tỉnh',
    lead: 'SVHTTDL',
    timing: 'chưa xác định',
    status: 'SUBMITTED',
    year: 2027,
  },
  {
    type: 'AGREEMENT',
    title: 'Ký kết thỏa thuận hợp tác với thành phố Izumisano',
    lead: 'SNGV',
    countries: ['JP'],
    partner: 'Thành phố Izumisano',
    timing: 'tháng 10/2026',
    status: 'REPORTED',
    year: 2026,
  },
  {
    type: 'OUTBOUND',
    title: 'Khảo sát thị trường tại Hàn Quốc',
    lead: 'SCT',
    countries: ['KR'],
    timing: 'tháng 3/2026',
    status: 'CANCELLED',
    year: 2026,
  },
  {
    type: 'ONLINE_TALK',
    title: 'Hội đàm trực tuyến với tỉnh Long Châu',
    lead: 'SCT',
    countries: ['CN'],
    partner: 'Tỉnh Long Châu',
    timing: '15/8/2026',
    status: 'RETURNED',
    year: 2026,
  },
  {
    type: 'OTHER',
    title: 'Bản nháp chưa gửi của Sở Công Thương',
    lead: 'SCT',
    timing: 'tháng 6/2027',
    status: 'DRAFT',
    year: 2027,
  },
];

/** References by title prefix, filled by seedBoard. */
export type Seeded = { refs: Map<string, string>; agencyIds: Map<string, number>; planId: number };

export async function seedBoard(repos: Repos, now = new Date('2027-03-01T02:00:00Z')): Promise<Seeded> {
  const agencies = await repos.agencies.upsertMany(AGENCIES.map((a) => ({ ...a, kind: 'DEPARTMENT' as const })));
  const agencyIds = new Map(agencies.map((a) => [a.code, a.id]));
  const id = (code: string) => agencyIds.get(code)!;
  const users: [number, 'ADMIN' | 'COORDINATOR' | 'HEAD' | 'FOCAL', string | null, string][] = [
    [IDS.coordinator, 'COORDINATOR', null, 'Trần Thị Bình'],
    [IDS.head, 'HEAD', null, 'Lê Văn Cường'],
    [IDS.focalSct, 'FOCAL', 'SCT', 'Phạm Thu Dung'],
    [IDS.focalVh, 'FOCAL', 'SVHTTDL', 'Võ Minh Em'],
    [IDS.focalOff, 'FOCAL', 'SCT', 'Đặng Văn Giang'],
    [IDS.focalNoAgency, 'FOCAL', null, 'Hồ Thị Hạnh'],
  ];
  for (const [telegramId, role, agency, name] of users)
    await repos.users.upsertWithRole(
      { telegramId: BigInt(telegramId), displayName: name },
      role,
      agency ? id(agency) : null,
    );
  const off = await repos.users.findByTelegramId(BigInt(IDS.focalOff));
  await repos.users.setActive(off!.id, false);
  const coordinator = await repos.users.findByTelegramId(BigInt(IDS.coordinator));

  const plan = await repos.plans.create({
    kind: 'PROGRAMME',
    title: 'Chương trình kỷ niệm quan hệ Việt Nam – Nhật Bản',
    year: 2027,
  });
  const refs = new Map<string, string>();
  for (const a of ACTIVITIES) {
    const parsed = parseTiming(a.timing);
    if (!parsed.ok) throw new Error(`fixture timing ${a.timing}`);
    const created = await repos.activities.create(
      {
        type: a.type,
        title: a.title,
        leadAgencyId: id(a.lead),
        coordinatingAgencyIds: (a.coordinators ?? []).map(id),
        countryCodes: a.countries ?? [],
        fundingSources: ['STATE_BUDGET'],
        partnerName: a.partner ?? null,
        place: a.place ?? null,
        timingText: a.timing,
        ...timingToColumns(parsed.timing),
        costVnd: a.cost ?? null,
        planId: a.plan ? plan.id : null,
        status: a.status,
        details: a.details ?? null,
      },
      { userId: coordinator!.id, referenceYear: a.year, now },
    );
    refs.set(a.title, created.reference);
  }
  const first = ACTIVITIES[0]!.title;
  const shizuoka = await repos.activities.findByReference(refs.get(first)!);
  await repos.followUps.create({
    title: 'Tỉnh Shizuoka xác nhận chương trình làm việc',
    dueDate: new Date('2027-03-15T00:00:00Z'),
    activityId: shizuoka!.id,
    responsibleAgencyId: id('SNGV'),
  });
  return { refs, agencyIds, planId: plan.id };
}

/** initData as Telegram would sign it for `telegramId` (the bot's token, or another bot's). */
export function initDataFor(
  telegramId: number,
  token: string,
  opts: { authDate?: number; languageCode?: string; startParam?: string } = {},
): string {
  const fields: Record<string, string> = {
    query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
    user: JSON.stringify({
      id: telegramId,
      first_name: 'Test',
      last_name: 'User',
      language_code: opts.languageCode ?? 'vi',
      allows_write_to_pm: true,
    }),
    auth_date: String(opts.authDate ?? Math.floor(Date.now() / 1000)),
  };
  if (opts.startParam) fields.start_param = opts.startParam;
  return signInitData(fields, token);
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
