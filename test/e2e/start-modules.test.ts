import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { projectRoot } from '../../src/paths.js';

// Start-up time and idle memory pay for every module the process loads before its first update
// (bench/process.ts). The document, report, chart and board libraries load with their first use.
const HOOK = `export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
const REGISTER = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}));`;

function modulesLoadedBy(file: string): string[] {
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
    { cwd: projectRoot, encoding: 'utf8' },
  );
  expect(r.status).toBe(0);
  return [...r.stderr.matchAll(/^LOADED (.+)$/gm)].map((m) => m[1]!);
}

describe('what the compiled app loads at start-up', () => {
  it('loads the bot and the database client, not the libraries of documents, reports, charts or the board', () => {
    ensureBuilt();
    const loaded = modulesLoadedBy('dist/src/app.js');
    expect(loaded.some((u) => u.includes('/node_modules/telegraf/'))).toBe(true);
    expect(loaded.some((u) => u.includes('/dist/src/bot/features/plan-document.js'))).toBe(true);
    const heavy = [
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
    const lazy = [
      '/dist/src/domain/plan-extract/index.js',
      '/dist/src/domain/plan-extract/extract.js',
      '/dist/src/domain/plan-extract/places.js',
      '/dist/src/domain/localities-data.js',
      '/dist/src/services/plan-documents/docx.js',
      '/dist/src/http/board/',
    ];
    expect(loaded.filter((u) => [...heavy, ...lazy].some((h) => u.includes(h)))).toEqual([]);
  });
});
