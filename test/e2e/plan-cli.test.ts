import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { createRepos, type Repos } from '../../src/db/repos/index.js';
import { DOCUMENT_AGENCIES } from '../support/document-agencies.js';
import { provisionTestDatabase } from '../support/db.js';
import { planTextToNumberedDocx } from '../support/plan-docs.js';

// `npm run cli -- plan extract|import` as an operator runs it: a child process, offline for
// extract (no configuration at all), on a fresh migrated SQLite database for import.

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'src/cli.ts');
const SEED_002 = fs.readFileSync(path.join(ROOT, 'test/fixtures/plans/seed-002-binh-dinh-japan.txt'), 'utf8');

function cli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(TSX, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

describe('plan extract / plan import (npm run cli) in a child process', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let handle: DbHandle;
  let repos: Repos;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-plan-cli-'));
    const db = await provisionTestDatabase('sqlite');
    cleanup = db.cleanup;
    env = { BOT_TOKEN: '123456:CLI-TEST-TOKEN', TELEGRAM_API_ROOT: 'http://127.0.0.1:9', DATABASE_URL: db.url };
    handle = await createDb(db.url);
    repos = createRepos(handle.db, handle.provider);
    await repos.agencies.upsertMany(DOCUMENT_AGENCIES);
    fs.writeFileSync(path.join(dir, 'kh-nhat-ban.txt'), SEED_002);
    fs.writeFileSync(path.join(dir, 'kh-nhat-ban.docx'), await planTextToNumberedDocx(SEED_002));
    fs.writeFileSync(path.join(dir, 'hong.docx'), 'PK\u0003\u0004 this is not a zip');
    fs.writeFileSync(
      path.join(dir, 'cong-van.txt'),
      'Kính gửi: UBND tỉnh.\nSở Ngoại vụ báo cáo như sau: không có nội dung kế hoạch.',
    );
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await cleanup?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('extract --json works offline and prints the docs/product.md#plan-extract-json shape, the same from .txt and from a Word-numbered .docx', async () => {
    const [txt, docx] = await Promise.all([
      cli(['plan', 'extract', 'kh-nhat-ban.txt', '--json'], {}, dir),
      cli(['plan', 'extract', 'kh-nhat-ban.docx', '--json'], {}, dir),
    ]);
    expect(txt.code).toBe(0);
    const list = JSON.parse(txt.out) as Record<string, unknown>[];
    expect(list).toHaveLength(13);
    expect(list.find((a) => a.item === 'II.1.b-1')).toMatchObject({
      item: 'II.1.b-1',
      type: 'OUTBOUND',
      timing: { precision: 'MONTH', start: '2023-04-01', end: '2023-04-30', label: null, text: 'tháng 4 năm 2023.' },
      lead: ['Sở Ngoại vụ'],
      countries: ['JP'],
      source: { file: 'kh-nhat-ban.txt' },
    });
    expect(txt.err).toContain('13 activities read from kh-nhat-ban.txt');
    expect(docx.code).toBe(0);
    const fromDocx = JSON.parse(docx.out) as { item: string; type: string }[];
    expect(fromDocx.map((a) => [a.item, a.type])).toEqual(list.map((a) => [a.item, a.type]));
  }, 60_000);

  it('extract explains bad files and exits 1', async () => {
    const [corrupt, none, unsupported] = await Promise.all([
      cli(['plan', 'extract', 'hong.docx'], {}, dir),
      cli(['plan', 'extract', 'cong-van.txt'], {}, dir),
      cli(['plan', 'extract', 'hong.odt'], {}, dir),
    ]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.err).toContain('damaged');
    expect(none.code).toBe(1);
    expect(none.err).toContain('no activity was found');
    expect(unsupported.code).toBe(2);
    expect(unsupported.err).toContain('No file');
  }, 60_000);

  it('import adds the activities to a plan as plan lines with their source, once', async () => {
    const plan = await repos.plans.create({
      kind: 'PROGRAMME',
      title: 'Kỷ niệm 50 năm quan hệ Việt Nam - Nhật Bản',
      year: 2023,
      createdAt: new Date(),
    });
    // II.2.a's lead (UBND tỉnh Bình Định) is not in the list: nothing is imported, the item is named.
    const refused = await cli(['plan', 'import', 'kh-nhat-ban.txt', '--plan', String(plan.id)], env, dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('II.2.a');
    expect(await repos.activities.findBySourceRefPrefix('doc:', plan.id)).toEqual([]);
    await repos.agencies.create({ code: 'UBND-TINH', nameVi: 'UBND tỉnh', kind: 'PEOPLES_COMMITTEE' });
    const ok = await cli(
      ['plan', 'import', 'kh-nhat-ban.txt', '--plan', String(plan.id), '--province', 'Bình Định'],
      env,
      dir,
    );
    expect(ok.err).toContain('13 plan lines added');
    expect(ok.code).toBe(0);
    const created = await repos.activities.findBySourceRefPrefix('doc:', plan.id);
    expect(created).toHaveLength(13);
    const b1 = await repos.activities.findById(created[2]!.id);
    expect(b1).toMatchObject({ type: 'OUTBOUND', source: 'DOCUMENT', timingPrecision: 'MONTH' });
    expect(b1!.sourceRef).toMatch(/^doc:[0-9a-f]{16}:kh-nhat-ban\.txt#II\.1\.b-1$/);
    const again = await cli(
      ['plan', 'import', 'kh-nhat-ban.txt', '--plan', String(plan.id), '--province', 'Bình Định'],
      env,
      dir,
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('already imported');
    expect(await repos.activities.findBySourceRefPrefix('doc:', plan.id)).toHaveLength(13);
  }, 90_000);
});
