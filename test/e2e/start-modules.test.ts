import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { projectRoot } from '../../src/paths.js';

// Start-up time and idle memory pay for every module the process loads before its first update
// (bench/process.ts). The document, report, chart and board libraries load with their first use.
// `npm start` runs the bundle of dist/start/ (src/build/start-bundle.ts); dist/src/ is what the CLI runs.
const HOOK = `export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
const REGISTER = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}));`;

/** Every module loaded by importing `file`; `status`: its expected exit code. */
function modulesLoadedBy(file: string, status = 0, env: NodeJS.ProcessEnv = process.env): string[] {
  const url = pathToFileURL(path.join(projectRoot, file)).href;
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(REGISTER)}`,
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(url)})`,
    ],
    { cwd: projectRoot, encoding: 'utf8', env },
  );
  expect(r.status, r.stderr).toBe(status);
  return [...r.stderr.matchAll(/^LOADED (.+)$/gm)].map((m) => m[1]!);
}

const HEAVY = [
  'exceljs',
  'docx',
  'echarts',
  '@resvg/resvg-js',
  'pdfjs-dist',
  'opentype.js',
  'word-extractor',
  'jszip',
  'esbuild',
].map((p) => `/node_modules/${p}/`);

describe('what the compiled app loads at start-up', () => {
  it('loads the bot and the database client, not the libraries of documents, reports, charts or the board', () => {
    ensureBuilt();
    const loaded = modulesLoadedBy('dist/src/app.js');
    expect(loaded.some((u) => u.includes('/node_modules/telegraf/'))).toBe(true);
    expect(loaded.some((u) => u.includes('/dist/src/bot/features/plan-document.js'))).toBe(true);
    const lazy = [
      '/dist/src/domain/plan-extract/index.js',
      '/dist/src/domain/plan-extract/extract.js',
      '/dist/src/domain/plan-extract/places.js',
      '/dist/src/domain/localities-data.js',
      '/dist/src/services/plan-documents/docx.js',
      '/dist/src/http/board/',
    ];
    expect(loaded.filter((u) => [...HEAVY, ...lazy].some((h) => u.includes(h)))).toEqual([]);
  });

  it('npm start (the bundle) loads neither those libraries nor the chunks holding those modules', () => {
    ensureBuilt();
    const dir = path.join(projectRoot, 'dist', 'start');
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    const lazy = [
      'src/domain/plan-extract/index.ts',
      'src/domain/plan-extract/extract.ts',
      'src/domain/plan-extract/places.ts',
      'src/domain/localities-data.ts',
      'src/services/plan-documents/docx.ts',
      'src/http/board/',
      'src/reports/charts/',
      'src/reports/xlsx.ts',
      'src/reports/docx.ts',
    ];
    const lazyChunks = Object.entries(meta.outputs)
      .filter(([, o]) => Object.keys(o.inputs).some((i) => lazy.some((l) => i.startsWith(l))))
      .map(([file]) => pathToFileURL(path.join(projectRoot, file)).href);
    expect(lazyChunks.length).toBeGreaterThan(0);
    // Without BOT_TOKEN main stops at reading its configuration: every static import has loaded by then.
    const loaded = modulesLoadedBy('dist/start/main.js', 1, { PATH: process.env.PATH ?? '' });
    expect(loaded).toContain(pathToFileURL(path.join(dir, 'main.js')).href);
    expect(loaded.some((u) => u.includes('/node_modules/telegraf/'))).toBe(false);
    expect(loaded.filter((u) => HEAVY.some((h) => u.includes(h)) || lazyChunks.includes(u))).toEqual([]);
  });
});
