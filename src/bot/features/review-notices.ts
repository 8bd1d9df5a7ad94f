import type { LiaisonContext } from '../context.js';
import type { CheckedKey, Params, Translate } from '../../i18n/index.js';
import { resolveReportSettings } from '../../domain/report-settings.js';
import { scrubToken } from '../../logger.js';

/** The foreign-affairs body's name (a setting: "Sở Ngoại vụ", or "Văn phòng UBND tỉnh" since 2025). */
export async function bodyName(ctx: LiaisonContext): Promise<string> {
  return resolveReportSettings(await ctx.deps.repos.settings.all()).bodyName;
}

/** Tells the lead agency's focal points (and `extraUserIds`, e.g. the requester), each in their language. */
export async function notifyAgency<K extends string>(
  ctx: LiaisonContext,
  agencyId: number,
  extraUserIds: number[],
  key: CheckedKey<K>,
  params: (t: Translate) => Params,
) {
  const { repos, i18n, logger } = ctx.deps;
  const focal = await repos.users.listFocalPoints(agencyId);
  const extra = (await Promise.all(extraUserIds.map((id) => repos.users.findById(id)))).filter(
    (u) => u?.active && u.role,
  );
  // Not the one who acted.
  const seen = new Set<number>(ctx.user ? [ctx.user.id] : []);
  for (const u of [...focal, ...extra]) {
    if (!u || seen.has(u.id)) continue;
    seen.add(u.id);
    const t = i18n.forLocale(i18n.resolve(u.locale, undefined));
    await ctx.telegram
      .sendMessage(Number(u.telegramId), t(key, params(t)))
      .catch((err) => logger.warn({ msg: 'review-notice-failed', userId: u.id, err: scrubToken(String(err)) }));
  }
}
