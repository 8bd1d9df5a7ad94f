import { Telegram } from 'telegraf';
import type { Config } from '../../config.js';
import { formatDateTime } from '../../domain/format.js';
import { scrubToken } from '../../logger.js';
import { createInviteForCli, DEFAULT_INVITE_DAYS, revokeInviteForCli } from '../../services/invites.js';
import { CliUsageError, type CliCommand } from '../types.js';

const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const GETME_TIMEOUT_MS = 10_000;

/** The bot's @username: --bot-username, or getMe through the configured Bot API. */
async function botUsername(config: Config, given: string | boolean | undefined): Promise<string> {
  if (typeof given === 'string') {
    const name = given.replace(/^@/, '');
    if (!USERNAME.test(name))
      throw new CliUsageError(`--bot-username "${given}" is not a Telegram bot username (5-32 letters, digits and _).`);
    return name;
  }
  const telegram = new Telegram(config.botToken, { apiRoot: config.telegramApiRoot });
  let timer: NodeJS.Timeout | undefined;
  try {
    const me = await Promise.race([
      telegram.getMe(),
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`no answer in ${GETME_TIMEOUT_MS / 1000} s`)), GETME_TIMEOUT_MS)),
      ),
    ]);
    if (!me.username) throw new Error('getMe returned no username');
    return me.username;
  } catch (err) {
    throw new CliUsageError(
      `Could not ask the Bot API (${config.telegramApiRoot}) for the bot's username: ${scrubToken(err instanceof Error ? err.message : String(err))}.\n` +
        'Check BOT_TOKEN and TELEGRAM_API_ROOT, or pass --bot-username <name>.',
    );
  } finally {
    clearTimeout(timer);
  }
}

export const commands: CliCommand[] = [
  {
    path: ['invite', 'create'],
    summary: 'Create a single-use invite link: invite create <focal|coordinator|head|admin> [agencyCode]',
    options: {
      'bot-username': {
        type: 'string',
        value: '<name>',
        description: "The bot's @username for the link (default: asked from the Bot API with getMe)",
      },
      days: { type: 'string', value: '<n>', description: `Valid for n days (default ${DEFAULT_INVITE_DAYS})` },
    },
    help: 'A focal point needs the code of their agency. The link is printed once: only its hash is stored.\nExample: npm run cli -- invite create focal SNN',
    async run({ values, positionals }, ctx, io) {
      const { repos, config, logger } = ctx.jobs.deps;
      const [role, agencyCode, ...extra] = positionals;
      if (!role || extra.length)
        throw new CliUsageError('Usage: invite create <focal|coordinator|head|admin> [agencyCode]');
      const days = values.days === undefined ? DEFAULT_INVITE_DAYS : Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > 90)
        throw new CliUsageError('--days must be a whole number between 1 and 90.');
      // Check the role and agency before asking the Bot API, so a typo fails fast and offline.
      if (!/^(focal|coordinator|head|admin)$/i.test(role))
        throw new CliUsageError(`Unknown role "${role}" (focal, coordinator, head or admin).`);
      if (/^focal$/i.test(role) && !agencyCode)
        throw new CliUsageError(
          'A focal point needs an agency code, e.g. "invite create focal SNN" (see "agencies list").',
        );
      if (agencyCode && !(await repos.agencies.findByCode(agencyCode))?.active)
        throw new CliUsageError(`No active agency with code "${agencyCode}" (see "agencies list").`);
      const username = await botUsername(config, values['bot-username']);
      const now = ctx.now();
      const res = await createInviteForCli(repos, {
        role,
        ...(agencyCode ? { agencyCode } : {}),
        botUsername: username,
        now,
        days,
      });
      if (!res.ok) throw new CliUsageError(`No invite created: ${res.error}.`);
      logger.info({ msg: 'invite-created', inviteId: res.id, via: 'cli' });
      io.out(res.link);
      io.err(
        `Invite ${res.id} (${role.toLowerCase()}${agencyCode ? `, ${agencyCode.toUpperCase()}` : ''}), single use, valid until ${formatDateTime(res.expiresAt, config.timezone, 'en')}. Revoke with: npm run cli -- invite revoke ${res.id}`,
      );
      return 0;
    },
  },
  {
    path: ['invite', 'revoke'],
    summary: 'Revoke an unused invite: invite revoke <id>',
    async run({ positionals }, ctx, io) {
      const { repos, logger } = ctx.jobs.deps;
      const [idText, ...extra] = positionals;
      const id = Number(idText);
      if (!idText || extra.length || !/^\d{1,9}$/.test(idText) || id < 1)
        throw new CliUsageError('Usage: invite revoke <id> (the number shown by "invite list").');
      if (!(await revokeInviteForCli(repos, id, ctx.now()))) {
        io.err(`Invite ${id} was not revoked: there is no unused, unrevoked invite with that id.`);
        return 1;
      }
      logger.info({ msg: 'invite-revoked', inviteId: id, via: 'cli' });
      io.out(`Invite ${id} revoked.`);
      return 0;
    },
  },
  {
    path: ['invite', 'list'],
    summary: 'List the invites that can still be used (unused, unrevoked, not expired)',
    async run({ positionals }, ctx, io) {
      if (positionals.length) throw new CliUsageError(`Unexpected argument "${positionals[0]}".`);
      const { repos, config } = ctx.jobs.deps;
      const invites = await repos.invites.listActive(ctx.now().toJSDate());
      if (invites.length === 0) {
        io.out('No usable invites.');
        return 0;
      }
      io.out(['id', 'role', 'agency', 'expires', 'created'].join('\t'));
      for (const i of invites) {
        io.out(
          [
            i.id,
            i.role,
            i.agency?.code ?? '-',
            formatDateTime(i.expiresAt, config.timezone, 'en'),
            formatDateTime(i.createdAt, config.timezone, 'en'),
          ].join('\t'),
        );
      }
      return 0;
    },
  },
];
