import {
  REPORT_SETTINGS,
  isReportSettingName,
  resolveReportSettings,
  type ReportSettingName,
} from '../../domain/report-settings.js';
import { CliUsageError, type CliCommand } from '../types.js';
import { formatPurposeCategories, parsePurposeCategories, type PurposeCategoryDef } from '../../domain/purpose.js';

// The official report's settings (who issues and signs it): data an operator sets once per
// province, not code. Values are checked by the same schemas the report reads them with.

const show = (v: unknown): string =>
  Array.isArray(v)
    ? v.every((x) => typeof x === 'string')
      ? v.join('; ')
      : formatPurposeCategories(v as PurposeCategoryDef[])
    : String(v) || '(blank)';
const names = () =>
  (Object.keys(REPORT_SETTINGS) as ReportSettingName[]).map((n) => `${n} (${REPORT_SETTINGS[n].key})`).join(', ');

function nameOf(input: string): ReportSettingName {
  const byKey = (Object.keys(REPORT_SETTINGS) as ReportSettingName[]).find((n) => REPORT_SETTINGS[n].key === input);
  if (byKey) return byKey;
  if (isReportSettingName(input)) return input;
  throw new CliUsageError(`Unknown setting "${input}". Settings: ${names()}`);
}

export const commands: CliCommand[] = [
  {
    path: ['settings', 'list'],
    summary: "List the report's settings: province, body name and abbreviation, signer, recipients",
    async run(_args, ctx, io) {
      const stored = await ctx.jobs.deps.repos.settings.all();
      const values = resolveReportSettings(stored);
      for (const name of Object.keys(REPORT_SETTINGS) as ReportSettingName[]) {
        const def = REPORT_SETTINGS[name];
        io.out(`${def.key}\t${show(values[name])}${def.key in stored ? '' : '\t(default)'}`);
      }
      return 0;
    },
  },
  {
    path: ['settings', 'set'],
    summary: 'Set one report setting: settings set <key> <value> (recipients: lines separated by ";"; "-" for blank)',
    help:
      'Examples:\n  npm run cli -- settings set org.province "Gia Lai"\n  npm run cli -- settings set report.signerName "Nguyễn Văn An"\n  npm run cli -- settings set report.recipients "UBND tỉnh (b/c); Bộ Ngoại giao (b/c); Lưu: VT, HTQT"\n' +
      '  npm run cli -- settings set report.purposeCategories "COOPERATION=Hợp tác|Cooperation; PROMOTION=Xúc tiến đầu tư, thương mại, du lịch; TWINNING=Kết nghĩa|Twinning; OTHER=Khác|Other"\n' +
      'Purpose categories: CODE=Vietnamese name|English name, separated by ";"; activities keep their code, so keep the codes of categories in use.',
    async run({ positionals }, ctx, io) {
      const [key, ...rest] = positionals;
      if (!key || rest.length === 0) throw new CliUsageError('Usage: settings set <key> <value>');
      const name = nameOf(key);
      const raw = rest.join(' ').trim();
      const value =
        name === 'recipients'
          ? raw
              .split(';')
              .map((s) => s.trim())
              .filter(Boolean)
          : name === 'purposeCategories'
            ? parsePurposeCategories(raw)
            : raw === '-'
              ? ''
              : raw;
      const parsed = REPORT_SETTINGS[name].schema.safeParse(value);
      if (!parsed.success)
        throw new CliUsageError(
          `Not a valid value for ${REPORT_SETTINGS[name].key}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
        );
      await ctx.jobs.deps.repos.settings.set(REPORT_SETTINGS[name].key, parsed.data);
      io.out(`${REPORT_SETTINGS[name].key}\t${show(parsed.data)}`);
      return 0;
    },
  },
];
