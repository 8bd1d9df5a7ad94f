/**
 * `dist/start/main.js`, what `npm start` runs: loads the start-up bundle (`bundle.cjs`, built by
 * src/build/start-bundle.ts) with V8's code cache, as Node 22's module compile cache does and Node 20
 * cannot do for ES modules. The first start compiles the bundle and, once the bot has started (or
 * at exit, whichever comes first), writes what V8 compiled so far beside it
 * (`bundle.cjs.cache`); the next starts take the compiled code from there instead of parsing and
 * compiling it again. V8 checks the cache against the source and its own version and flags: a
 * rebuilt bundle, another Node or other V8 flags reject it, and it is written anew. A directory
 * that cannot be written to means no cache, nothing else.
 *
 * The bundle is CommonJS (vm.Script has a code cache; Node 20's ES module loader has none), wrapped
 * in a function as Node wraps a CommonJS module, with two more parameters: `import.meta.url` (the
 * bundle's own URL) and `import()` for the packages left outside it, which resolve from here. The
 * bundle is ASCII (esbuild escapes the rest), read as Latin-1: the same text, without UTF-8 decoding.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { STARTED_HOOK } from './started-hook.js';

const url = new URL('./bundle.cjs', import.meta.url);
const filename = fileURLToPath(url);
const cacheFile = `${filename}.cache`;

function readCache(): Buffer | undefined {
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** The bundle compiled, and a function that writes the cache when it was missing or rejected. */
function compile(): { script: vm.Script; writeCache?: () => void } {
  // Only here: the cache's bytes are not kept once V8 has read them.
  const cachedData = readCache();
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __importMetaUrl, __import) {${fs.readFileSync(filename, 'latin1')}\n})`,
    { filename, cachedData },
  );
  if (cachedData !== undefined && !script.cachedDataRejected) return { script };
  let written = false;
  return {
    script,
    writeCache() {
      if (written) return;
      written = true;
      const tmp = `${cacheFile}.${process.pid}`;
      try {
        fs.writeFileSync(tmp, script.createCachedData());
        // Several processes may start at once: each writes its own file, then replaces the cache whole.
        fs.renameSync(tmp, cacheFile);
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    },
  };
}

const { script, writeCache } = compile();
if (writeCache) {
  // What V8 compiled up to then: the start-up path (a later cache would also hold, compiled and in
  // memory from the start, code that runs only later or never in a given process).
  process.once('exit', writeCache);
  (globalThis as Record<symbol, unknown>)[STARTED_HOOK] = () => setImmediate(writeCache);
}

const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(
  module.exports,
  module.exports,
  createRequire(filename),
  module,
  filename,
  path.dirname(filename),
  url.href,
  (specifier: string) => import(specifier),
);
