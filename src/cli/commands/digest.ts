import { DateTime } from 'luxon';
import { buildDigest } from '../../services/digest.js';
import { CliUsageError, type CliCommand } from '../types.js';

export const commands: CliCommand[] = [
  {
    path: ['digest', 'send'],
    summary: "Send the digest now to the coordinators' groups (through the outbox and its rate limits)",
    options: {
      group: { type: 'string', value: '<chat id>', description: 'Only this registered group' },
    },
    async run({ values }, ctx, io) {
      const { repos, config } = ctx.jobs.deps;
      const now = ctx.now();
      let groups = await repos.chatGroups.listActive();
      if (typeof values.group === 'string') {
        if (!/^-?\d{1,20}$/.test(values.group)) throw new CliUsageError('--group must be a numeric chat id');
        groups = groups.filter((g) => g.chatId === BigInt(values.group as string));
        if (groups.length === 0)
          throw new CliUsageError(
            `No active coordinators' group ${values.group} (register one with /setgroup in the group).`,
          );
      }
      if (groups.length === 0) {
        io.err("No coordinators' group is registered: a coordinator types /setgroup in the group first.");
        return 1;
      }
      for (const g of groups) {
        const since = g.lastDigestAt ? DateTime.fromJSDate(g.lastDigestAt, { zone: config.timezone }) : null;
        const parts = await buildDigest(ctx.jobs.deps, now, since, config.defaultLocale);
        await repos.notifications.enqueue([
          {
            chatId: g.chatId,
            userId: null,
            kind: 'digest.manual',
            dedupeKey: `digest:${g.chatId}:manual:${now.toISO()}`,
            payload: { parts, locale: config.defaultLocale },
            dueAt: now.toJSDate(),
          },
        ]);
      }
      const r = await ctx.jobs.dispatch(now);
      io.out(
        `Digest queued for ${groups.length} group(s); sent ${r.sent} message(s), ${r.retried + r.released} to retry, ${r.failed + r.dead} failed.`,
      );
      return r.failed + r.dead > 0 ? 1 : 0;
    },
  },
  {
    path: ['digest', 'show'],
    summary: 'Print the digest as it would be sent now (nothing is sent)',
    async run(_args, ctx, io) {
      const { config } = ctx.jobs.deps;
      const plain = (html: string) =>
        html
          .replace(/<[^>]+>/g, '')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&');
      for (const part of await buildDigest(ctx.jobs.deps, ctx.now(), null, config.defaultLocale)) io.out(plain(part));
      return 0;
    },
  },
];
