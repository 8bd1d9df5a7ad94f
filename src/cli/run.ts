import { parseArgs } from 'node:util';
import { findCommand, loadCommands } from './registry.js';
import { CliUsageError, type CliCommand, type CliContext, type CliIO } from './types.js';

const PROGRAM = 'npm run cli --';

function overview(commands: CliCommand[], prefix: string[] = []): string[] {
  const shown = commands.filter((c) => prefix.every((p, i) => c.path[i] === p));
  const width = Math.max(...shown.map((c) => c.path.join(' ').length), 10);
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...shown.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for a command's options.`,
  ];
}

function usage(c: CliCommand): string[] {
  const opts = Object.entries(c.options ?? {});
  const lines = [`Usage: ${PROGRAM} ${c.path.join(' ')}${opts.length ? ' [options]' : ''}`, '', c.summary];
  if (opts.length) {
    lines.push('', 'Options:');
    for (const [name, o] of opts)
      lines.push(
        `  ${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`.padEnd(28) + `  ${o.description}`,
      );
  }
  lines.push(`  ${'-h, --help'.padEnd(26)}  Show this help`);
  if (c.help) lines.push('', c.help);
  return lines;
}

/**
 * Runs one CLI invocation; returns the exit code. `open` builds the context (database, jobs) only
 * when a command actually runs, so --help works without configuration.
 */
export async function runCli(
  argv: string[],
  opts: {
    io: CliIO;
    open: () => Promise<CliContext>;
    openIfConfigured?: () => Promise<CliContext | null>;
    commands?: CliCommand[];
  },
): Promise<number> {
  const { io } = opts;
  const commands = opts.commands ?? (await loadCommands());
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const found = findCommand(commands, argv);
  if (!found) {
    const positional = argv.filter((a) => !a.startsWith('-'));
    const group = commands.some((c) => c.path[0] === positional[0]) ? [positional[0]!] : [];
    if (argv.length === 0 || wantsHelp || group.length) {
      (argv.length === 0 || wantsHelp ? io.out : io.err)(overview(commands, group).join('\n'));
      return argv.length === 0 || wantsHelp ? 0 : 2;
    }
    io.err(`Unknown command "${argv.join(' ')}".\n\n${overview(commands).join('\n')}`);
    return 2;
  }
  const { command, rest } = found;
  if (wantsHelp) {
    io.out(usage(command).join('\n'));
    return 0;
  }
  let parsed;
  try {
    const options = Object.fromEntries(
      Object.entries(command.options ?? {}).map(([k, o]) => [
        k,
        o.short ? { type: o.type, short: o.short } : { type: o.type },
      ]),
    );
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${usage(command).join('\n')}`);
    return 2;
  }
  const args = {
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  };
  if (command.runOffline) {
    let opened: CliContext | null = null;
    const open = async () => (opened ??= await (opts.openIfConfigured ?? opts.open)());
    return exitCode(
      io,
      () => command.runOffline!(args, io, open),
      async () => {
        const ctx: CliContext | null = opened;
        await ctx?.close();
      },
    );
  }
  const ctx = await opts.open();
  return exitCode(
    io,
    () => command.run(args, ctx, io),
    () => ctx.close(),
  );
}

/** Runs a command: its exit code (0 when it returns nothing), 2 with the message on a usage error; closes after. */
async function exitCode(io: CliIO, run: () => Promise<number | void>, close: () => Promise<void>): Promise<number> {
  try {
    return (await run()) ?? 0;
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  } finally {
    await close();
  }
}
