// The layers point one way (docs/architecture.md): a module may import from its own layer or a lower
// one, never a higher one, never a sibling of its layer, and no import cycle (type-only imports
// count: a type cycle is still two modules that must be read together).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

/** Lowest first. A module's layer is the first entry whose prefix matches its path under src/. */
const LAYERS: { name: string; rank: number; prefixes: string[] }[] = [
  { name: 'config', rank: 0, prefixes: ['config.ts', 'logger.ts', 'metrics.ts', 'paths.ts', 'security/'] },
  { name: 'db', rank: 1, prefixes: ['db/', 'generated/'] },
  { name: 'domain', rank: 2, prefixes: ['domain/'] },
  { name: 'i18n', rank: 3, prefixes: ['i18n/'] },
  { name: 'services', rank: 4, prefixes: ['services/', 'reference-data.ts', 'demo/'] },
  // reports sits under the bot and the CLI that render its files; the bot, the jobs and the HTTP
  // server are siblings: none imports another.
  { name: 'reports', rank: 5, prefixes: ['reports/'] },
  { name: 'bot', rank: 6, prefixes: ['bot/'] },
  { name: 'jobs', rank: 6, prefixes: ['jobs/'] },
  { name: 'http', rank: 6, prefixes: ['http/'] },
  { name: 'app', rank: 7, prefixes: ['app.ts', 'cli.ts', 'cli/'] },
  { name: 'main', rank: 8, prefixes: ['main.ts'] },
  // The build step that bundles main for `npm start` (run by npm run build, never imported by the app).
  { name: 'build', rank: 9, prefixes: ['build/'] },
];

/**
 * Leaves every layer may use: closed sets and their names, pure constants with no imports. Each entry
 * says why it is not simply in the lowest layer.
 */
const SHARED_LEAVES: Record<string, string> = {
  'domain/enums.ts': 'the model’s closed sets (roles, statuses, types), provider-neutral: the repositories store them',
  'db/provider.ts': 'which database a DATABASE_URL names: config validates the variable with it',
  'build/started-hook.ts':
    'how main tells the start-up loader (build/start-loader.ts) that the bot has started: a symbol, no imports',
};

/** Single edges allowed against the order, each with its reason. Keep this list short. */
const ALLOWED_EDGES: Record<string, string> = {
  'config.ts → domain/working-days.ts':
    'config validates WORKING_HOURS with the parser the planner uses (one syntax, one parser)',
};

function layerOf(rel: string) {
  const layer = LAYERS.find((l) => l.prefixes.some((p) => rel === p || (p.endsWith('/') && rel.startsWith(p))));
  if (!layer) throw new Error(`src/${rel} belongs to no layer: add it to LAYERS in test/unit/layers.test.ts`);
  return layer;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Every relative module a file imports, as TypeScript's own scanner reads them: static and dynamic
 * imports, `import type`, re-exports, side-effect imports (`import './x.js'`).
 */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => {
      const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
      return path.relative(SRC, target).split(path.sep).join('/');
    })
    .filter((rel) => !rel.startsWith('../')); // data outside src (locales/vi/*.json, read for MessageKey) is no layer
}

type Graph = Map<string, string[]>;

/** Imports that point up the layers or across to a sibling front end. */
function backEdges(graph: Graph): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    const a = layerOf(from);
    for (const to of targets) {
      if (to.startsWith('generated/') && from.startsWith('generated/')) continue;
      if (SHARED_LEAVES[to] || ALLOWED_EDGES[`${from} → ${to}`]) continue;
      const b = layerOf(to);
      if (b.rank > a.rank || (b.rank === a.rank && b.name !== a.name))
        found.push(`src/${from} (${a.name}) → src/${to} (${b.name})`);
    }
  }
  return found;
}

/** Every cycle a depth-first walk meets, as `a → b → … → a`. */
function cycles(graph: Graph): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const to of graph.get(f) ?? []) {
      if (!graph.has(to)) continue;
      if (state.get(to) === 'open') found.push([...stack.slice(stack.indexOf(to)), to].join(' → '));
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return found;
}

/** The form engine's folder: generic (no feature imports it down), entered only by its index. */
const ENGINE = 'bot/form-engine/';
/** What the engine may import from the bot: its infrastructure, not its features nor their views. */
const ENGINE_MAY_USE = ['bot/context.ts', 'bot/composer.ts', 'bot/access.ts', 'bot/reply.ts', 'bot/keyboards/'];

function engineEdges(graph: Graph): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const inside = from.startsWith(ENGINE);
      if (
        inside &&
        to.startsWith('bot/') &&
        !to.startsWith(ENGINE) &&
        !ENGINE_MAY_USE.some((p) => to === p || (p.endsWith('/') && to.startsWith(p)))
      ) {
        found.push(`src/${from} (engine) → src/${to} (not engine infrastructure)`);
      }
      if (!inside && to.startsWith(ENGINE) && to !== `${ENGINE}index.ts`)
        found.push(`src/${from} → src/${to} (engine internal: import ${ENGINE}index.ts)`);
    }
  }
  return found;
}

const files = sourceFiles(SRC).map((f) => path.relative(SRC, f).split(path.sep).join('/'));
const graph: Graph = new Map(files.map((f) => [f, importsOf(path.join(SRC, f))]));

describe('layers', () => {
  it('every import points to the same layer or a lower one', () => {
    expect(backEdges(graph)).toEqual([]);
  });

  it('jobs and services never import src/bot', () => {
    const intoBot = [...graph].flatMap(([from, targets]) =>
      /^(jobs|services)\//.test(from)
        ? targets.filter((t) => t.startsWith('bot/')).map((t) => `src/${from} → src/${t}`)
        : [],
    );
    expect(intoBot).toEqual([]);
  });

  it('shared leaves import nothing from src', () => {
    for (const leaf of Object.keys(SHARED_LEAVES)) expect(graph.get(leaf) ?? [], leaf).toEqual([]);
  });

  it('no import cycle between modules', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('the form engine imports no feature (no activity code), and others reach it only through its index', () => {
    expect(engineEdges(graph)).toEqual([]);
  });

  it('the checks find what they look for: a job importing the bot, a type-only cycle, a side-effect import', () => {
    const scanned = (text: string) => ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    expect(
      scanned(
        "import type { A } from './a.js';\nimport './b.js';\nconst c = await import('./c.js');\nexport * from './d.js';",
      ),
    ).toEqual(['./a.js', './b.js', './c.js', './d.js']);
    const bad: Graph = new Map([
      ['jobs/x.ts', ['bot/y.ts']],
      ['bot/y.ts', ['bot/z.ts']],
      ['bot/z.ts', ['bot/y.ts']],
    ]);
    expect(backEdges(bad)).toEqual(['src/jobs/x.ts (jobs) → src/bot/y.ts (bot)']);
    expect(cycles(bad)).toEqual(['bot/y.ts → bot/z.ts → bot/y.ts']);
    const engineBad: Graph = new Map([
      ['bot/form-engine/engine.ts', ['bot/features/activity-forms/specs.ts', 'bot/context.ts']],
      ['bot/features/find.ts', ['bot/form-engine/state.ts', 'bot/form-engine/index.ts']],
    ]);
    expect(engineEdges(engineBad)).toEqual([
      'src/bot/form-engine/engine.ts (engine) → src/bot/features/activity-forms/specs.ts (not engine infrastructure)',
      'src/bot/features/find.ts → src/bot/form-engine/state.ts (engine internal: import bot/form-engine/index.ts)',
    ]);
  });
});
