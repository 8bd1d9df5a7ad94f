import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliCommand } from './types.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');

/** Every command exported by the files of src/cli/commands/, sorted by path. */
export async function loadCommands(dir = DIR): Promise<CliCommand[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !/\.test\./.test(f))
    .sort();
  const all: CliCommand[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { commands?: CliCommand[] };
    all.push(...(mod.commands ?? []));
  }
  return all.sort((a, b) => a.path.join(' ').localeCompare(b.path.join(' ')));
}

/** The command whose path is the longest prefix of `argv`, and the rest of the arguments. */
export function findCommand(commands: CliCommand[], argv: string[]): { command: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const c of commands) {
    if (c.path.every((p, i) => argv[i] === p) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : null;
}
