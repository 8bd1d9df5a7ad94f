import type { DateTime } from 'luxon';
import type { Jobs } from '../jobs/index.js';

export interface CliIO {
  // Properties, not methods: a command may pass io.out around unbound.
  out: (line: string) => void;
  err: (line: string) => void;
}

/** What a command gets: the jobs (and through `jobs.deps` config, repos, i18n, logger) and the clock. */
export interface CliContext {
  jobs: Jobs;
  now(): DateTime;
  close(): Promise<void>;
}

export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in --help, e.g. "<ISO time>". */
  value?: string;
  description: string;
}

/**
 * One operations command, e.g. `reminders list`. Every file in src/cli/commands/ exports
 * `commands: CliCommand[]`; the CLI finds them there (add a file to add commands).
 */
export interface CliCommand {
  path: string[];
  summary: string;
  options?: Record<string, CliOption>;
  /** Extra help text (examples). */
  help?: string;
  /**
   * Commands that work without the database (e.g. reading a file offline) run here instead of
   * `run`; `open` gives the context when configuration is present, else null.
   */
  runOffline?(
    args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    io: CliIO,
    open: () => Promise<CliContext | null>,
  ): Promise<number | void>;
  /** Returns the exit code (0 when omitted). */
  run(
    args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    ctx: CliContext,
    io: CliIO,
  ): Promise<number | void>;
}

/** A user mistake: printed without a stack, exit code 2. */
export class CliUsageError extends Error {}

/** The `--plan` option ("KH3" or "3"): the plan id, null when not given; a usage error otherwise. */
export function planOption(value: string | boolean | undefined): number | null {
  if (typeof value !== 'string') return null;
  const id = Number(value.replace(/^kh/i, ''));
  if (!(Number.isSafeInteger(id) && id > 0)) throw new CliUsageError('--plan must be a plan number, e.g. 3 or KH3.');
  return id;
}
