import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, found by walking up from this module: the same answer whether
 * the code runs from `src/` (tsx, vitest) or compiled from `dist/src/` (`npm start`). Non-code files
 * (locales, prisma migrations, fonts, web assets) are found from here, never relative to a source file.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project: `fromRoot('locales', 'vi')`. */
export const fromRoot = (...parts: string[]): string => path.join(projectRoot, ...parts);
