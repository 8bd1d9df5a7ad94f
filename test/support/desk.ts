import type { Harness } from './harness.js';

// The coordinator's desk tests' common set-up: two agencies, a coordinator, a focal point of each,
// and activities created straight through the repository (submitted outbound delegations by default).

export interface Desk {
  snnId: number;
  svhId: number;
  focalAId: number;
  /** Creates an activity of agency SNN, registered by its focal point at `at`. */
  create(over: Record<string, unknown>, at?: string): ReturnType<Harness['app']['repos']['activities']['create']>;
}

export async function seedDesk(
  h: Harness,
  ids: { coord: number; focalA: number; focalB: number; others?: (readonly [number, string])[] },
  createdAt: string,
): Promise<Desk> {
  const { repos } = h.app;
  const snnId = (await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' })).id;
  const svhId = (await repos.agencies.create({ code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch' })).id;
  await repos.users.upsertWithRole({ telegramId: BigInt(ids.coord), displayName: 'Thu' }, 'COORDINATOR', null);
  const focalAId = (
    await repos.users.upsertWithRole({ telegramId: BigInt(ids.focalA), displayName: 'Minh' }, 'FOCAL', snnId)
  ).id;
  await repos.users.upsertWithRole({ telegramId: BigInt(ids.focalB), displayName: 'Hoa' }, 'FOCAL', svhId);
  const people: (readonly [number, string])[] = [
    [ids.coord, 'Thu'],
    [ids.focalA, 'Minh'],
    [ids.focalB, 'Hoa'],
    ...(ids.others ?? []),
  ];
  for (const [id, name] of people) h.fake.user(id, { firstName: name, languageCode: 'vi' });
  return {
    snnId,
    svhId,
    focalAId,
    // The running app's repos (a test may restart it: the first app's connection is closed then).
    create: (over, at = createdAt) =>
      h.app.repos.activities.create(
        {
          type: 'OUTBOUND',
          title: 'Đoàn',
          leadAgencyId: snnId,
          countryCodes: ['JP'],
          fundingSources: ['STATE_BUDGET'],
          status: 'SUBMITTED',
          ...over,
        } as never,
        { userId: focalAId, referenceYear: 2025, now: new Date(at) },
      ),
  };
}

/** A Telegram HTML text without its tags. */
export const plain = (html: unknown) =>
  String(html)
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
