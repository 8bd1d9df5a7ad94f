import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

// `npm start` runs the compiled JavaScript with plain node, whose ES module loader needs the file
// extension that tsx and vitest forgive: `./holidays` works in development and fails in dist/.
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('relative imports in src/ name their .js file', () => {
  it('has no extensionless relative import', () => {
    const bad: string[] = [];
    for (const file of [...sources(path.join(projectRoot, 'src')), path.join(projectRoot, 'prisma', 'seed-demo.ts')]) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        if (!/\.(js|json)$/.test(m[1]!)) bad.push(`${path.relative(projectRoot, file)}: ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
