import os from 'node:os';
import type { Logger } from '../logger.js';
import type { Repos } from '../db/repos/index.js';

/**
 * A running bot on SQLite says so in the database (Setting `process.heartbeat`) every 20 s and
 * marks it stopped on a clean shutdown, so `npm run cli -- restore` can refuse to replace the file
 * under it. A beat older than 90 s, or from a process of this machine that no longer exists
 * (kill -9), is not a running bot.
 */
export const HEARTBEAT_KEY = 'process.heartbeat';
export const HEARTBEAT_EVERY_MS = 20_000;
export const HEARTBEAT_STALE_MS = 90_000;

export interface Heartbeat {
  pid: number;
  host: string;
  /** ISO time of the last beat. */
  at: string;
  stopped?: boolean;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why the beat shows a running bot, or null when it does not. */
export function runningBot(
  beat: Heartbeat | undefined | null,
  now = Date.now(),
  host = os.hostname(),
  alive = pidAlive,
): string | null {
  if (!beat || beat.stopped || typeof beat.pid !== 'number' || typeof beat.at !== 'string') return null;
  const age = now - Date.parse(beat.at);
  if (!(age < HEARTBEAT_STALE_MS)) return null;
  if (beat.host === host && !alive(beat.pid)) return null;
  return `process ${beat.pid} on ${beat.host}, last seen ${Math.max(0, Math.round(age / 1000))} s ago`;
}

/** Beats until the returned function is called, which marks the bot stopped. */
export function startHeartbeat(repos: Pick<Repos, 'settings'>, logger: Pick<Logger, 'warn'>): () => Promise<void> {
  const beat = (stopped = false) =>
    repos.settings.set(HEARTBEAT_KEY, {
      pid: process.pid,
      host: os.hostname(),
      at: new Date().toISOString(),
      ...(stopped ? { stopped } : {}),
    } satisfies Heartbeat);
  const write = () => beat().catch((err) => logger.warn({ msg: 'heartbeat-failed', err: String(err).slice(0, 200) }));
  void write();
  const timer = setInterval(() => void write(), HEARTBEAT_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await beat(true).catch((err) => logger.warn({ msg: 'heartbeat-failed', err: String(err).slice(0, 200) }));
  };
}
