import fs from 'node:fs';
import path from 'node:path';
import {
  describeProblem,
  importAgencies,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type FileProblem,
} from '../../services/agency-import.js';
import { CliUsageError, type CliCommand } from '../types.js';

const FILE_PROBLEMS: Record<FileProblem, string> = {
  empty: 'the file has no agencies',
  too_big: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
  too_many_rows: `the file has more than ${MAX_IMPORT_ROWS} rows`,
  no_header: 'no header row with the columns "code" and "name" (or "Mã", "Tên cơ quan") was found',
  unreadable: 'the file could not be read',
  unsupported: 'only .csv and .xlsx files are accepted',
};

export const commands: CliCommand[] = [
  {
    path: ['agencies', 'import'],
    summary: 'Import or update agencies from CSV or XLSX (columns code, name, English name, kind, active)',
    help:
      'All rows or none: every bad row is printed and nothing is stored. Existing codes are updated.\n' +
      'Kinds: DEPARTMENT (Sở, Ban, Ngành), PEOPLES_COMMITTEE (UBND), PARTY_BODY, MASS_ORGANISATION, UNIVERSITY, OTHER.\n' +
      'Example: npm run cli -- agencies import co-quan.xlsx',
    async run({ positionals }, ctx, io) {
      const { repos, logger } = ctx.jobs.deps;
      const [file, ...extra] = positionals;
      if (!file || extra.length) throw new CliUsageError('Give one .csv or .xlsx file.');
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliUsageError(`No file ${file}.`);
      if (fs.statSync(file).size > MAX_IMPORT_BYTES) {
        io.err(`Nothing imported: ${FILE_PROBLEMS.too_big}.`);
        return 1;
      }
      const result = await importAgencies(repos, fs.readFileSync(file), path.basename(file));
      if (result.fileError) {
        io.err(`Nothing imported: ${FILE_PROBLEMS[result.fileError]}.`);
        return 1;
      }
      if (result.errors.length) {
        io.err(`Nothing imported; rows with errors: ${new Set(result.errors.map((e) => e.row)).size}.`);
        for (const e of result.errors) io.err(describeProblem(e));
        return 1;
      }
      logger.info({
        msg: 'agencies-import',
        rows: result.rows.length,
        created: result.created,
        updated: result.updated,
        via: 'cli',
      });
      io.out(`Imported ${result.rows.length} agencies: ${result.created} new, ${result.updated} updated.`);
      return 0;
    },
  },
  {
    path: ['agencies', 'list'],
    summary: 'List the agencies (code, kind, active, names)',
    options: {
      active: { type: 'boolean', description: 'Only active agencies' },
    },
    async run({ values, positionals }, ctx, io) {
      if (positionals.length) throw new CliUsageError(`Unexpected argument "${positionals[0]}".`);
      const { repos } = ctx.jobs.deps;
      const list = await repos.agencies.list({ activeOnly: values.active === true });
      if (list.length === 0) {
        io.out('No agencies. Import them with: npm run cli -- agencies import <file.csv|file.xlsx>');
        return 0;
      }
      io.out(['code', 'kind', 'active', 'name', 'English name'].join('\t'));
      for (const a of list) io.out([a.code, a.kind, a.active ? 'yes' : 'no', a.nameVi, a.nameEn ?? ''].join('\t'));
      io.err(`${list.length} agencies.`);
      return 0;
    },
  },
];
