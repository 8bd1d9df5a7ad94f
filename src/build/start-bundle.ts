/**
 * What `npm start` runs: `src/main.ts` and the libraries it loads before its first update, bundled
 * by esbuild into one CommonJS file, dist/start/bundle.cjs (`npm run build`: `tsx
 * src/build/start-bundle.ts`, then tsc), and the loader that compiles it with V8's code cache,
 * dist/start/main.js (src/build/start-loader.ts). Node then reads two files instead of resolving,
 * reading and compiling some 300 modules, and later starts skip the compiling too (bench/process.ts).
 * A module only reached by `import()` is in the bundle but evaluated on that import(); the libraries
 * of documents, reports, charts and the board (and native ones) stay in node_modules, loaded on
 * first use as before. `npm run dev`, the CLI and the tests of modules still use src/ or dist/src/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../paths.js';

/** Bundled: the packages the bot needs to start and answer. Every other dependency stays external. */
const BUNDLED = new Set([
  'telegraf',
  'pino',
  'luxon',
  'zod',
  'node-cron',
  'pg',
  '@prisma/client',
  '@prisma/adapter-better-sqlite3',
  '@prisma/adapter-pg',
]);

/**
 * node-fetch (telegraf's HTTP client) takes `URL` from node:url and falls back to the whatwg-url
 * package only where Node has none; that package and its tr46 tables (~350 kB) would still load
 * with it. Here it is node:url's own class.
 */
const nodeUrlForWhatwgUrl = {
  name: 'node-url-for-whatwg-url',
  setup(build: import('esbuild').PluginBuild) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'node-url' }));
    build.onLoad({ filter: /.*/, namespace: 'node-url' }, () => ({
      contents: "module.exports = { URL: require('node:url').URL };",
      loader: 'js' as const,
    }));
  },
};

/**
 * Prisma's query compiler comes as a module holding its WebAssembly in one 2.5 MB base64 string
 * literal: compiling that module costs more than the rest of a chunk, and V8 keeps its source. The
 * string goes to a file beside the bundle instead, read when the client first needs it.
 */
function wasmBase64AsFile(outdir: string) {
  return {
    name: 'wasm-base64-as-file',
    setup(build: import('esbuild').PluginBuild) {
      build.onLoad({ filter: /query_compiler_bg\.[a-z]+\.wasm-base64\.mjs$/ }, (args) => {
        const text = fs.readFileSync(args.path, 'utf8');
        const m = /^const wasm = "([A-Za-z0-9+/=]+)";\s*export \{ wasm \}\s*$/.exec(text);
        // Another shape (a new Prisma version): bundled as it is.
        if (!m) return undefined;
        const file = `${path.basename(args.path, '.mjs')}.txt`;
        fs.mkdirSync(outdir, { recursive: true });
        fs.writeFileSync(path.join(outdir, file), m[1]!);
        return {
          contents: `import fs from 'node:fs';\nexport const wasm = fs.readFileSync(new URL(${JSON.stringify(`./${file}`)}, import.meta.url), 'latin1');\n`,
          loader: 'js' as const,
        };
      });
    },
  };
}

export const startBundleDir = (root = projectRoot) => path.join(root, 'dist', 'start');

export async function buildStartBundle(root = projectRoot): Promise<void> {
  const esbuild = await import('esbuild');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const external = Object.keys(pkg.dependencies).filter((d) => !BUNDLED.has(d));
  const out = startBundleDir(root);
  // Built aside, then swapped in: a process starting meanwhile finds the old bundle or the new one.
  const tmp = `${out}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: { bundle: path.join(root, 'src', 'main.ts') },
    outdir: tmp,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    // One CommonJS file: V8's code cache serves it whole (src/build/start-loader.ts). Modules that
    // are only imported dynamically are in it but evaluated on their first import(), as before.
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // A package (`exceljs`) and its subpaths (`pdfjs-dist/legacy/...`).
    external: external.flatMap((d) => [d, `${d}/*`]),
    // The loader passes the bundle's URL and its own import() (see below) as parameters.
    define: { 'import.meta.url': '__importMetaUrl' },
    plugins: [nodeUrlForWhatwgUrl, wasmBase64AsFile(tmp)],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // A package left outside that only has an ES module (pdfjs-dist) needs a real import(): the
  // loader's, passed in as `__import`. esbuild prints each such import() with its literal specifier.
  const bundleFile = path.join(tmp, 'bundle.cjs');
  const dynamic = Object.values(result.metafile.inputs).flatMap((i) =>
    i.imports.filter((x) => x.external && x.kind === 'dynamic-import'),
  );
  let rewritten = 0;
  const code = fs
    .readFileSync(bundleFile, 'utf8')
    .replace(/\bimport\((?="[^"]+"\))/g, () => (rewritten++, '__import('))
    // esbuild escapes every other character in code (its default charset is ASCII) but leaves
    // comments as they are: escaped here too, so the file is ASCII and the loader reads it as such.
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (rewritten !== dynamic.length)
    throw new Error(`start bundle: ${rewritten} import() rewritten, ${dynamic.length} expected`);
  fs.writeFileSync(bundleFile, code);
  await esbuild.build({
    entryPoints: { main: path.join(root, 'src', 'build', 'start-loader.ts') },
    outdir: tmp,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
  });
  // What the bundle holds and which of its modules are evaluated at start-up:
  // test/e2e/start-modules.test.ts checks it.
  const inputs = Object.fromEntries(
    Object.entries(result.metafile.inputs).map(([file, i]) => [
      file,
      i.imports.filter((x) => !x.external).map((x) => ({ path: x.path, kind: x.kind })),
    ]),
  );
  fs.writeFileSync(path.join(tmp, 'meta.json'), JSON.stringify({ entry: 'src/main.ts', inputs }));
  const old = `${out}.old-${process.pid}`;
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(tmp, out);
  fs.rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildStartBundle().catch((err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
