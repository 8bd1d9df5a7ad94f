/**
 * Telegram Mini App sign-in (core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
 * `initData` is a query string signed by Telegram with a key only this bot's token yields —
 * secret = HMAC-SHA256(key "WebAppData", bot token), hash = HMAC-SHA256(secret, data-check-string),
 * the data-check-string being every other field as `key=value`, sorted, joined by "\n".
 * Nothing of it is trusted before the hash matches (`initDataUnsafe` never is).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long an `initData` may be exchanged for a session after Telegram signed it. */
export const INIT_DATA_MAX_AGE_SEC = 24 * 3600;
const MAX_INIT_DATA_LENGTH = 8192;

export interface InitDataUser {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export interface ValidInitData {
  user: InitDataUser;
  authDate: number;
  /** `startapp` of a t.me link (e.g. a reference number to open), when any. */
  startParam?: string;
}

export function webAppSecret(botToken: string): Buffer {
  return createHmac('sha256', 'WebAppData').update(botToken).digest();
}

function dataCheckString(params: URLSearchParams): string {
  return [...params.entries()]
    .filter(([k]) => k !== 'hash')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** Signs fields the way Telegram does (tests and the local try-out page use it). */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  const hash = createHmac('sha256', webAppSecret(botToken)).update(dataCheckString(params)).digest('hex');
  params.set('hash', hash);
  return params.toString();
}

/**
 * The signed user and its auth date, or null when the string is malformed, the hash does not match
 * (forged, altered, or signed for another bot), or it is older than `maxAgeSec` (or from the future).
 */
export function validateInitData(
  raw: unknown,
  botToken: string,
  nowSec: number,
  maxAgeSec = INIT_DATA_MAX_AGE_SEC,
): ValidInitData | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_INIT_DATA_LENGTH) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(raw);
  } catch {
    return null;
  }
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/.test(hash) || params.getAll('hash').length !== 1) return null;
  const expected = createHmac('sha256', webAppSecret(botToken)).update(dataCheckString(params)).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return null;

  const authDate = Number(params.get('auth_date'));
  if (!Number.isSafeInteger(authDate) || authDate <= 0) return null;
  if (nowSec - authDate > maxAgeSec || authDate - nowSec > 60) return null;

  let user: Record<string, unknown>;
  try {
    user = JSON.parse(params.get('user') ?? '') as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!user || typeof user.id !== 'number' || !Number.isSafeInteger(user.id) || user.id <= 0) return null;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    user: {
      id: user.id,
      firstName: str(user.first_name) ?? '',
      lastName: str(user.last_name),
      username: str(user.username),
      languageCode: str(user.language_code),
    },
    authDate,
    startParam: str(params.get('start_param') ?? undefined),
  };
}
