import fs from 'node:fs';
import path from 'node:path';
import { toPlanJson, type ExtractedActivity } from '../../domain/plan-extract/index.js';
import { formatTiming } from '../../domain/timing/index.js';
import { extractPlanFile, PlanFileError, type PlanFileProblem } from '../../services/plan-documents/index.js';
import { importPlanDocument } from '../../services/plan-imports.js';
import { CliUsageError, planOption, type CliCommand, type CliIO } from '../types.js';

export const FILE_PROBLEMS: Record<PlanFileProblem, string> = {
  too_big: 'the file is larger than 20 MB (Telegram’s download limit)',
  unsupported: 'only .docx, .doc, .pdf, .xlsx, .csv and .txt files are read',
  encrypted: 'the file is password-protected; save it without a password',
  corrupt: 'the file is damaged or not of the kind its name says',
  no_text: 'the PDF has no text layer (a scan); send the .docx or a PDF saved from Word',
  empty: 'the file is empty',
  no_activity:
    'no activity was found (items with “Thời gian”, “Cơ quan chủ trì” lines, or a table with columns Nội dung, Thời gian, Cơ quan chủ trì)',
};

function readFileArg(positionals: string[]): { bytes: Buffer; fileName: string } {
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new CliUsageError('Give one plan file (.docx, .doc, .pdf, .xlsx, .csv, .txt).');
  if (!fs.existsSync(file)) throw new CliUsageError(`No file ${file}.`);
  return { bytes: fs.readFileSync(file), fileName: path.basename(file) };
}

function line(a: ExtractedActivity): string {
  const names = (ms: ExtractedActivity['lead']) =>
    ms.map((m) => (m.agency ? m.agency.nameVi : `${m.written} (?)`)).join(', ');
  const timing = a.timing ? formatTiming(a.timing, 'vi') : '—';
  return [a.item, a.type, timing, names(a.lead) || '—', names(a.coordinating), a.countries.join(','), a.title].join(
    '\t',
  );
}

function explain(err: unknown, io: CliIO): number {
  if (err instanceof PlanFileError) {
    io.err(`Nothing read: ${FILE_PROBLEMS[err.problem]}.`);
    return 1;
  }
  throw err;
}

export const commands: CliCommand[] = [
  {
    path: ['plan', 'extract'],
    summary: 'Read a plan document (.docx, .doc, .pdf, .xlsx, .csv, .txt) and print its activities',
    options: {
      json: { type: 'boolean', description: 'Print the activities as JSON (docs/product.md#plan-extract-json)' },
      province: {
        type: 'string',
        value: '<name>',
        description: 'The province’s name, ignored in agency names (e.g. "Bình Định")',
      },
    },
    help: 'Works offline; agency names are matched to the agency list when the database is configured.\nExample: npm run cli -- plan extract ke-hoach.docx --json',
    async run() {
      return 2;
    },
    async runOffline({ values, positionals }, io, open) {
      const { bytes, fileName } = readFileArg(positionals);
      const ctx = await open();
      const agencies = ctx ? await ctx.jobs.deps.repos.agencies.list() : [];
      const province = typeof values.province === 'string' ? values.province : undefined;
      try {
        const doc = await extractPlanFile(bytes, fileName, agencies, province);
        if (values.json === true)
          io.out(JSON.stringify(toPlanJson(doc.activities, fileName, { matched: agencies.length > 0 }), null, 2));
        else {
          io.out(['item', 'type', 'timing', 'lead', 'coordinating', 'countries', 'title'].join('\t'));
          for (const a of doc.activities) io.out(line(a));
        }
        io.err(
          `${doc.activities.length} activities read from ${fileName}${doc.encoding !== 'UNICODE' ? ` (converted from ${doc.encoding})` : ''}.`,
        );
        return 0;
      } catch (err) {
        return explain(err, io);
      }
    },
  },
  {
    path: ['plan', 'import'],
    summary: 'Read a plan document and add its activities to a plan as plan lines',
    options: {
      plan: { type: 'string', value: '<id>', description: 'The plan to add to (e.g. 3 or KH3)' },
      province: { type: 'string', value: '<name>', description: 'The province’s name, ignored in agency names' },
    },
    help: 'All or nothing: every activity needs a lead agency found in the agency list. Importing the same file twice adds nothing.\nExample: npm run cli -- plan import ke-hoach.docx --plan 3',
    async run({ values, positionals }, ctx, io) {
      const { repos } = ctx.jobs.deps;
      const { bytes, fileName } = readFileArg(positionals);
      const planArg = planOption(values.plan);
      if (planArg === null) throw new CliUsageError('--plan must be a plan number, e.g. 3 or KH3.');
      const plan = await repos.plans.findById(planArg);
      if (!plan || plan.status !== 'OPEN') throw new CliUsageError(`Plan ${planArg} is not an open plan.`);
      const province = typeof values.province === 'string' ? values.province : undefined;
      let doc;
      try {
        doc = await extractPlanFile(bytes, fileName, await repos.agencies.list(), province);
      } catch (err) {
        return explain(err, io);
      }
      const now = ctx.now();
      const result = await importPlanDocument(
        repos,
        { plan, fileName, hash: doc.hash, activities: doc.activities },
        { userId: null, now: now.toJSDate(), referenceYear: now.year },
      );
      if (result.alreadyImported) {
        io.err(
          `${fileName} was already imported (on ${result.alreadyImported.createdAt.toISOString().slice(0, 10)}); nothing added.`,
        );
        return 1;
      }
      if (result.blocking?.length) {
        const names = new Map((await repos.agencies.list()).map((a) => [a.id, a.nameVi]));
        io.err(`Nothing imported; ${result.blocking.length} activities need a lead agency from the agency list:`);
        for (const d of result.blocking) {
          const close = d.lead?.suggestions.map((id) => names.get(id)).filter(Boolean) ?? [];
          io.err(
            `${d.item}: ${d.lead ? `lead "${d.lead.written}" is not in the agency list${close.length ? ` (closest: ${close.join(', ')})` : ''}` : 'no lead agency (Cơ quan chủ trì) given'}`,
          );
        }
        return 1;
      }
      for (const a of result.created) io.out(`${a.reference}\t${a.leadAgency.code}\t${a.title}`);
      io.err(`Plan ${plan.id} "${plan.title}": ${result.created.length} plan lines added from ${fileName}.`);
      return 0;
    },
  },
];
