import type pg from 'pg';
import type { DbProvider } from './provider.js';
import type { DirectSql } from './direct-sql.js';

/**
 * What the cache holds: data read on nearly every update and written rarely (by admins, or a
 * user's own settings). Each is dropped whole when any of its rows is written.
 */
/** What the cache asks of the database: the driver's statements (src/db/direct-sql.ts). */
type RawClient = Pick<DirectSql, 'all' | 'run'>;

export type CacheTopic = 'agencies' | 'settings' | 'holidays' | 'users' | 'chatGroups';
const TOPICS: readonly CacheTopic[] = ['agencies', 'settings', 'holidays', 'users', 'chatGroups'];
/** A user is read with their agency: a changed agency drops the users too. */
const ALSO: Partial<Record<CacheTopic, CacheTopic[]>> = { agencies: ['users'] };
const CHANNEL = 'liaison_cache';

export interface ReferenceCache {
  /** The value under `key` of `topic`, loaded once until the topic changes. */
  get<T>(topic: CacheTopic, key: string, load: () => Promise<T>): Promise<T>;
  /**
   * After a committed write to `topic`: drops it here and, on PostgreSQL, tells the other instances
   * (NOTIFY, delivered after the statement's own commit).
   */
  changed(topic: CacheTopic): Promise<void>;
  /**
   * After a committed write that only this key's holder reads (a user's own menu version): the
   * cached value, if any, is replaced by `update(value)` here; the topic is not dropped and no other
   * instance is told (theirs may keep the old value: see users.setCommandsVersion for why that is safe).
   */
  patch<T>(topic: CacheTopic, key: string, update: (value: T) => T): void;
  /** Stops listening (PostgreSQL). */
  close(): Promise<void>;
}

/**
 * Reference data cached in the process and dropped on change (docs/architecture.md#reference-data-cache).
 * SQLite: one process writes the file, except the CLI: `PRAGMA data_version` (checked every second
 * by a timer) says when another connection committed, and everything is dropped. PostgreSQL: every
 * instance LISTENs; a writer NOTIFYs the topic; while the listening connection is down nothing is
 * served from the cache.
 */
export function createReferenceCache(db: RawClient, provider: DbProvider, url?: string): ReferenceCache {
  const maps = new Map<CacheTopic, Map<string, Promise<unknown>>>(TOPICS.map((t) => [t, new Map()]));
  // Bumped on every drop: a load that started before a change does not fill the cache after it.
  const epochs = new Map<CacheTopic, number>(TOPICS.map((t) => [t, 0]));
  const drop = (topic: CacheTopic) => {
    for (const t of [topic, ...(ALSO[topic] ?? [])]) {
      maps.get(t)!.clear();
      epochs.set(t, epochs.get(t)! + 1);
    }
  };
  const dropAll = () => TOPICS.forEach(drop);

  let usable = provider === 'sqlite';
  let listener: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  async function listen() {
    if (closed || !url) return;
    // The driver loads only on PostgreSQL: a SQLite start-up does not pay for it.
    const { default: pgDriver } = await import('pg');
    const client = new pgDriver.Client({ connectionString: url });
    client.on('notification', (n) => {
      if (TOPICS.includes(n.payload as CacheTopic)) drop(n.payload as CacheTopic);
    });
    const lost = () => {
      if (listener !== client) return;
      usable = false;
      listener = undefined;
      dropAll();
      client.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void listen(), 1000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      listener = client;
      // Whatever changed while nobody listened is read again.
      dropAll();
      usable = true;
    } catch {
      client.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void listen(), 1000).unref();
    }
  }
  const listening = provider === 'postgresql' ? listen() : Promise.resolve();

  // SQLite: another connection's commit (the CLI's) drops everything. Checked by a timer, not on the
  // answer's path: a CLI change is seen within a second, and an update costs no statement for it.
  let dataVersion: number | undefined;
  let checking = false;
  async function checkOtherWriters() {
    if (checking || closed) return;
    checking = true;
    try {
      const rows = await db.all<{ data_version: number | bigint }>('PRAGMA data_version', []);
      const v = Number(rows[0]?.data_version ?? 0);
      if (dataVersion !== undefined && v !== dataVersion) dropAll();
      dataVersion = v;
    } catch {
      // The client is closing, or the file is busy: the next tick checks again.
    } finally {
      checking = false;
    }
  }
  const watch = provider === 'sqlite' ? setInterval(() => void checkOtherWriters(), 1000).unref() : undefined;
  if (watch) void checkOtherWriters();

  return {
    async get<T>(topic: CacheTopic, key: string, load: () => Promise<T>): Promise<T> {
      if (provider === 'postgresql') await listening;
      if (!usable) return load();
      const map = maps.get(topic)!;
      const hit = map.get(key);
      if (hit) return hit as Promise<T>;
      const epoch = epochs.get(topic);
      const p = load();
      map.set(key, p);
      p.then(
        () => {
          if (epochs.get(topic) !== epoch && map.get(key) === p) map.delete(key);
        },
        () => map.get(key) === p && map.delete(key),
      );
      return p;
    },
    patch<T>(topic: CacheTopic, key: string, update: (value: T) => T) {
      const map = maps.get(topic)!;
      const held = map.get(key) as Promise<T> | undefined;
      if (!held) return;
      const p = held.then(update);
      map.set(key, p);
      // A load that failed (or a topic dropped meanwhile, which empties the map) leaves nothing behind.
      p.catch(() => map.get(key) === p && map.delete(key));
    },
    async changed(topic) {
      drop(topic);
      if (provider === 'postgresql') await db.all('SELECT pg_notify(?, ?)', [CHANNEL, topic]);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(watch);
      const l = listener;
      listener = undefined;
      await l?.end().catch(() => undefined);
    },
  };
}

/** No caching (a Db not opened by createDb): every read loads, writes tell nobody. */
export const NO_CACHE: ReferenceCache = {
  get: (_t, _k, load) => load(),
  changed: async () => undefined,
  patch: () => undefined,
  close: async () => undefined,
};

const byDb = new WeakMap<object, ReferenceCache>();
/** The cache createDb made for this client (shared by every repos built on it). */
export function cacheOf(db: object): ReferenceCache {
  return byDb.get(db) ?? NO_CACHE;
}
export function registerCache(db: object, cache: ReferenceCache) {
  byDb.set(db, cache);
}

/** Runs a write, then tells the cache its topic changed (after the commit: the write has resolved). */
export async function writing<T>(cache: ReferenceCache, topic: CacheTopic, write: Promise<T>): Promise<T> {
  const result = await write;
  await cache.changed(topic);
  return result;
}
