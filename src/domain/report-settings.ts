/**
 * What the official report (Nghị định 30/2020/NĐ-CP layout) says about who issues and signs it:
 * data, not code (docs/product.md#lifecycle: the body's name, the province and the signer are settings). Each value
 * lives under its own key in the `Setting` table; a missing or invalid one falls back to the
 * default. Pure.
 */
import { z } from 'zod';
import { DEFAULT_PURPOSE_CATEGORIES, purposeCategoriesSchema, purposeOptions } from './purpose.js';

const line = z.string().trim().max(200);

export const REPORT_SETTINGS = {
  /** "Gia Lai": the issuing superior is "UBND TỈNH GIA LAI" and the date line starts with it. */
  province: { key: 'org.province', schema: line, default: '' },
  /** The foreign-affairs body ("Sở Ngoại vụ", or "Văn phòng UBND tỉnh" where the function moved in 2025). */
  bodyName: { key: 'org.bodyName', schema: line.min(1), default: 'Sở Ngoại vụ' },
  /** The division that handles the province's foreign-affairs coordination (whom strangers are sent to). */
  divisionName: { key: 'org.divisionName', schema: line.min(1), default: 'Phòng Hợp tác quốc tế' },
  /** Its abbreviation in document numbers: "Số: …/BC-SNgV". */
  bodyAbbreviation: { key: 'org.bodyAbbreviation', schema: z.string().trim().max(30), default: 'SNgV' },
  /** Above the signer's title when a deputy signs for the head ("KT. GIÁM ĐỐC"); empty when the head signs. */
  signerAuthority: { key: 'report.signerAuthority', schema: line, default: 'KT. GIÁM ĐỐC' },
  signerTitle: { key: 'report.signerTitle', schema: line, default: 'PHÓ GIÁM ĐỐC' },
  /** Blank until set: the space stays for the name to be written in. */
  signerName: { key: 'report.signerName', schema: line, default: '' },
  /** "Nơi nhận" lines; the last is usually "Lưu: VT, …". */
  recipients: {
    key: 'report.recipients',
    schema: z.array(line.min(1)).max(20),
    default: ['UBND tỉnh (b/c)', 'Bộ Ngoại giao (b/c)', 'Lãnh đạo Sở', 'Lưu: VT'],
  },
  /** The purpose categories offered in the outbound and inbound forms and counted in the statistics. */
  purposeCategories: {
    key: 'report.purposeCategories',
    schema: purposeCategoriesSchema,
    default: DEFAULT_PURPOSE_CATEGORIES,
  },
} as const;

export type ReportSettingName = keyof typeof REPORT_SETTINGS;
export type ReportSettings = { [K in ReportSettingName]: z.infer<(typeof REPORT_SETTINGS)[K]['schema']> };

export const DEFAULT_REPORT_SETTINGS: ReportSettings = Object.fromEntries(
  Object.entries(REPORT_SETTINGS).map(([name, def]) => [
    name,
    Array.isArray(def.default) ? [...(def.default as readonly unknown[])] : def.default,
  ]),
) as ReportSettings;

/** Settings from the stored key/value pairs (`Setting` table); bad values fall back to the default. */
export function resolveReportSettings(stored: Record<string, unknown>): ReportSettings {
  const out: Record<string, unknown> = { ...DEFAULT_REPORT_SETTINGS };
  for (const [name, def] of Object.entries(REPORT_SETTINGS)) {
    if (!(def.key in stored)) continue;
    const parsed = (def.schema as z.ZodTypeAny).safeParse(stored[def.key]);
    if (parsed.success) out[name] = parsed.data;
  }
  return out as ReportSettings;
}

export function isReportSettingName(v: unknown): v is ReportSettingName {
  return typeof v === 'string' && Object.hasOwn(REPORT_SETTINGS, v);
}

/** The option lists that are settings (the forms' `optionsFrom`: purpose categories), in one language. */
export function settingOptions(stored: Record<string, unknown>, locale: 'vi' | 'en') {
  return { purposeCategories: purposeOptions(resolveReportSettings(stored).purposeCategories, locale) };
}
