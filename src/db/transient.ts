/**
 * Database errors worth retrying: the same statement would succeed a moment later (a locked
 * SQLite file, a PostgreSQL serialization failure or deadlock, a dropped or exhausted connection).
 * Bot API errors are never classified here (retrying a handler could send a reply twice).
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2034']);
const PG_STATES = /^(40001|40P01|55P03|57P01|57P02|57P03|53300|08\d\d\d)$/;
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED)/;
const NET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);
const MESSAGES =
  /database is locked|SQLITE_BUSY|could not serialize access|deadlock detected|Connection terminated|connection (?:is )?closed|Timed out fetching a new connection|Can't reach database server|server closed the connection/i;

function isBotApiError(e: object): boolean {
  const name = (e as { name?: unknown }).name;
  return (
    name === 'TelegramError' ||
    name === 'FetchError' ||
    'response' in e ||
    ('on' in e && typeof (e as { on?: unknown }).on === 'object')
  );
}

export function isTransientDbError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (isBotApiError(e)) return false;
    const o = e as { code?: unknown; originalCode?: unknown; message?: unknown; kind?: unknown; cause?: unknown };
    for (const c of [o.code, o.originalCode]) {
      const code = typeof c === 'string' || typeof c === 'number' ? String(c) : '';
      if (PRISMA_CODES.has(code) || PG_STATES.test(code) || SQLITE_CODES.test(code) || NET_CODES.has(code)) return true;
    }
    if (typeof o.message === 'string' && MESSAGES.test(o.message)) return true;
    e = o.cause;
  }
  return false;
}
