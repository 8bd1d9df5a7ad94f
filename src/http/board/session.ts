/**
 * The board's session: after `initData` is validated, the page holds a short token
 * `<base64url payload>.<base64url HMAC>` (sent as `Authorization: Bearer …`). The key is derived from
 * the bot token, so no extra secret is configured and every instance of the bot accepts it; the
 * payload names the user and the expiry. Role and agency are read again on every request, so a
 * deactivated user loses the board at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_TTL_SEC = 3600;
/** Download links (Telegram's downloadFile fetches them without our header) live a few minutes. */
export const DOWNLOAD_TTL_SEC = 300;

export interface SessionClaims {
  /** Telegram user id. */
  uid: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** What the token is for: the API session, or one download (`dl`, with its query). */
  kind: 'api' | 'dl';
  q?: string;
  /** Telegram's language code of the user, for the texts when they chose none with /lang. */
  lc?: string;
}

function key(botToken: string): Buffer {
  return createHmac('sha256', 'LiaisonBoardSession').update(botToken).digest();
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function signToken(claims: SessionClaims, botToken: string): string {
  const payload = b64(JSON.stringify(claims));
  const mac = createHmac('sha256', key(botToken)).update(payload).digest();
  return `${payload}.${b64(mac)}`;
}

/** The claims of a token this bot signed, of `kind`, not expired; else null. */
export function verifyToken(
  token: unknown,
  botToken: string,
  nowSec: number,
  kind: SessionClaims['kind'],
): SessionClaims | null {
  if (typeof token !== 'string' || token.length > 4096) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = createHmac('sha256', key(botToken)).update(payload).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: SessionClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims;
  } catch {
    return null;
  }
  if (
    claims.kind !== kind ||
    !Number.isSafeInteger(claims.uid) ||
    typeof claims.exp !== 'number' ||
    claims.exp <= nowSec
  )
    return null;
  return claims;
}
