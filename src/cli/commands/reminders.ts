import { DateTime } from 'luxon';
import { formatDateTime } from '../../domain/format.js';
import { CliUsageError, type CliCommand } from '../types.js';

const local = (d: Date, zone: string) => formatDateTime(d, zone, 'en');

export const commands: CliCommand[] = [
  {
    path: ['reminders', 'list'],
    summary: 'List pending reminders and other outbox messages (due time in TIMEZONE)',
    options: {
      kind: {
        type: 'string',
        value: '<prefix>',
        description: 'Only kinds starting with this (e.g. reminder.upcoming, digest)',
      },
      limit: { type: 'string', value: '<n>', description: 'At most n rows (default 100)' },
    },
    async run({ values }, ctx, io) {
      const { repos, config } = ctx.jobs.deps;
      const limit = values.limit === undefined ? 100 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new CliUsageError('--limit must be a whole number between 1 and 10000');
      const rows = await repos.notifications.listPending({
        ...(typeof values.kind === 'string' ? { kindPrefix: values.kind } : {}),
        take: limit,
      });
      const counts = await repos.notifications.countByState();
      io.out(
        `Outbox: ${
          Object.entries(counts)
            .map(([s, n]) => `${s} ${n}`)
            .join(', ') || 'empty'
        }`,
      );
      if (rows.length === 0) {
        io.out('No pending reminders.');
        return 0;
      }
      io.out(['id', 'state', 'due', 'attempts', 'kind', 'chat', 'key'].join('\t'));
      for (const n of rows)
        io.out([n.id, n.state, local(n.dueAt, config.timezone), n.attempts, n.kind, n.chatId, n.dedupeKey].join('\t'));
      return 0;
    },
  },
  {
    path: ['reminders', 'plan'],
    summary: 'Run a planning pass as of a given time (what is due is inserted, stale ones retired)',
    options: {
      at: {
        type: 'string',
        value: '<ISO time>',
        description: 'As of this time, e.g. 2025-04-14T07:30 (TIMEZONE unless it has an offset); default now',
      },
      'dry-run': { type: 'boolean', description: 'Only show what would change' },
    },
    help: 'Example: npm run cli -- reminders plan --at 2025-04-14T07:30 --dry-run',
    async run({ values }, ctx, io) {
      const { config } = ctx.jobs.deps;
      let at = ctx.now();
      if (typeof values.at === 'string') {
        at = DateTime.fromISO(values.at, { zone: config.timezone, setZone: true });
        if (!at.isValid) throw new CliUsageError(`--at "${values.at}" is not an ISO date-time (e.g. 2025-04-14T07:30)`);
      }
      const dryRun = values['dry-run'] === true;
      const r = await ctx.jobs.planReminders(at, { dryRun });
      io.out(
        `${dryRun ? 'Dry run' : 'Planned'} as of ${local(at.toJSDate(), config.timezone)}: ${r.expected} current, ${r.toInsert.length} to insert, ${r.toRevive.length} to revive, ${r.toCancel.length} to retire.`,
      );
      for (const p of r.toInsert) io.out(`+ ${p.dedupeKey}\tdue ${local(p.dueAt, config.timezone)}\tchat ${p.chatId}`);
      for (const p of r.toRevive) io.out(`~ ${p.dedupeKey}\tdue ${local(p.dueAt, config.timezone)}`);
      for (const k of r.toCancel) io.out(`- ${k}`);
      return 0;
    },
  },
];
