import fs from 'node:fs';
import path from 'node:path';
import {
  importProgramme,
  MAX_PROGRAMME_BYTES,
  parseProgrammeFile,
  tellProgrammeAssigned,
} from '../../services/programme-import.js';
import { describeProblem } from '../../domain/programme-rows.js';
import { CliUsageError, planOption, type CliCommand } from '../types.js';

const FILE_PROBLEMS: Record<string, string> = {
  empty: 'the file has no activities',
  too_big: `the file is larger than ${MAX_PROGRAMME_BYTES / 1024 / 1024} MB`,
  too_many_rows: 'the file has too many rows',
  no_header: 'no header row with the columns "Nội dung hoạt động" and "Cơ quan chủ trì" was found',
  unreadable: 'the file could not be read as XLSX',
  unsupported: 'only .xlsx files are accepted',
};

export const commands: CliCommand[] = [
  {
    path: ['programme', 'import'],
    summary:
      'Import a programme plan from XLSX (columns STT, Nội dung hoạt động, Thời gian, Cơ quan chủ trì, Cơ quan phối hợp)',
    options: {
      title: {
        type: 'string',
        short: 't',
        value: '<title>',
        description: 'Create a new programme plan with this title',
      },
      plan: { type: 'string', value: '<id>', description: 'Or add to this open programme plan' },
      send: {
        type: 'boolean',
        description: 'Send the lead agencies’ notices now (default: the running bot sends them)',
      },
    },
    help: 'All rows or none: every bad row is printed and nothing is stored.\nExample: npm run cli -- programme import ke-hoach.xlsx --title "Kỷ niệm 50 năm quan hệ ngoại giao Việt Nam – Nhật Bản"',
    async run({ values, positionals }, ctx, io) {
      const { repos, logger } = ctx.jobs.deps;
      const [file, ...extra] = positionals;
      if (!file || extra.length) throw new CliUsageError('Give one .xlsx file.');
      const title = typeof values.title === 'string' ? values.title.trim() : '';
      const planArg = planOption(values.plan);
      if (Boolean(title) === (planArg !== null))
        throw new CliUsageError('Give either --title (a new plan) or --plan (an existing one).');
      if (title.length > 300) throw new CliUsageError('--title is longer than 300 characters.');
      if (!fs.existsSync(file)) throw new CliUsageError(`No file ${file}.`);
      const bytes = fs.readFileSync(file);
      const fileName = path.basename(file);
      const now = ctx.now();

      let plan = planArg !== null ? await repos.plans.findById(planArg) : null;
      if (planArg !== null && (!plan || plan.kind !== 'PROGRAMME' || plan.status !== 'OPEN'))
        throw new CliUsageError(`Plan ${planArg} is not an open programme plan.`);
      // Check the file before creating anything, so a bad file leaves no empty plan behind.
      const checked = await parseProgrammeFile(bytes, fileName, await repos.agencies.list());
      const report = (res: typeof checked) => {
        if (res.fileError) io.err(`Nothing imported: ${FILE_PROBLEMS[res.fileError] ?? res.fileError}.`);
        else {
          io.err(`Nothing imported; rows with errors: ${new Set(res.errors.map((e) => e.row)).size}.`);
          for (const e of res.errors) io.err(describeProblem(e));
        }
        return 1;
      };
      if (checked.fileError || checked.errors.length) return report(checked);
      const year = /\b(20\d{2})\b/.exec(title)?.[1];
      plan ??= await repos.plans.create({
        kind: 'PROGRAMME',
        title,
        year: year ? Number(year) : now.year,
        createdAt: now.toJSDate(),
      });
      const result = await importProgramme(
        repos,
        { bytes, fileName, planId: plan.id },
        { userId: null, now: now.toJSDate(), referenceYear: now.year },
      );
      if (result.created.length === 0) {
        if (planArg === null) await repos.plans.close(plan.id, now.toJSDate());
        return report(result);
      }
      const told = await tellProgrammeAssigned(ctx.jobs.deps, plan, result.created, now);
      logger.info({ msg: 'programme-import', planId: plan.id, rows: result.created.length, told, via: 'cli' });
      for (const a of result.created) io.out(`${a.reference}\t${a.leadAgency.code}\t${a.title}`);
      io.err(
        `Plan ${plan.id} "${plan.title}": ${result.created.length} activities imported, ${result.headings} headings skipped; ${told} notices to focal points queued.`,
      );
      if (values.send === true) await ctx.jobs.dispatch();
      return 0;
    },
  },
];
