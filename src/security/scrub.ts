/**
 * The one scrubber for every error text the product logs, stores or shows (docs/operations.md#running).
 *
 * Two layers: the secrets this process knows (bot token, webhook secret, database passwords,
 * registered once from the config), removed wherever they appear; and shapes that are secret
 * whoever owns them (any bot token, `bot<token>` URL paths, passwords in connection URLs,
 * invite tokens in deep links and /start payloads, secret headers), so a secret of another
 * deployment in an error message is removed too. Pure: `scrub(text, secrets)`; `scrubText` uses
 * the registered ones.
 */

const REDACTED = '[redacted]';

const PATTERNS: [RegExp, string][] = [
  // Bot API URLs: https://api.telegram.org/bot123:ABC/sendMessage (also file/bot<token>/...).
  [/bot\d{3,}:[A-Za-z0-9_-]+/g, 'bot<token>'],
  // A bare token: digits, a colon, 30+ URL-safe characters (BotFather tokens have 35).
  [/\b\d{6,}:[A-Za-z0-9_-]{30,}/g, '<token>'],
  // scheme://user:password@host (PostgreSQL, proxies): keep the user, drop the password.
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):([^\s@/]*)@/gi, `$1$2:${REDACTED}@`],
  // libpq key/value strings and query parameters: password=..., sslpassword=...
  [/\b((?:ssl)?password\s*=\s*)('[^']*'|[^\s&;]+)/gi, `$1${REDACTED}`],
  // Invite tokens (32 base64url characters) in deep links and /start payloads.
  [/([?&]start=)[A-Za-z0-9_-]{8,64}/g, `$1${REDACTED}`],
  [/(\/start(?:@\w+)?\s+)[A-Za-z0-9_-]{20,64}/g, `$1${REDACTED}`],
  // The webhook secret header or parameter.
  [/(secret[_-]token["']?\s*[:=]\s*["']?)[A-Za-z0-9_-]+/gi, `$1${REDACTED}`],
];

/** Removes `secrets` (longest first, also URL-encoded) and every secret-shaped string from `text`. */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const [re, to] of PATTERNS) out = out.replace(re, to);
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length < 6) continue; // too short to tell from ordinary text; the patterns still apply
    out = out.split(s).join(REDACTED);
    const enc = encodeURIComponent(s);
    if (enc !== s) out = out.split(enc).join(REDACTED);
  }
  return out;
}

const registered = new Set<string>();

/** Secrets of this process (from the config); `scrubText` removes them from then on. */
export function registerSecrets(...secrets: (string | undefined | null)[]): void {
  for (const s of secrets) if (s) registered.add(s);
}

/** The password of a connection URL, if it has one (decoded and as written). */
export function urlPassword(url: string): string[] {
  try {
    const u = new URL(url);
    return u.password ? [u.password, decodeURIComponent(u.password)] : [];
  } catch {
    return [];
  }
}

export function registeredSecrets(): readonly string[] {
  return [...registered];
}

/** `scrub` with the registered secrets. */
export function scrubText(text: string): string {
  return scrub(text, [...registered]);
}

/** An error (or anything thrown) as one scrubbed line of text, at most `max` characters. */
export function errorText(err: unknown, max = 500): string {
  let text: string;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    text = `${err.name}${code !== undefined ? ` ${String(code)}` : ''}: ${err.message}`;
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof Error && !err.message.includes(cause.message)) text += ` (cause: ${cause.message})`;
  } else text = String(err);
  return scrubText(text).slice(0, max);
}

/** Deep copy of a log object / JSON value with every string scrubbed. */
export function scrubValue<T>(value: T, secrets: readonly string[] = [...registered], depth = 0): T {
  if (typeof value === 'string') return scrub(value, secrets) as T;
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return errorText(value, 4000) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => scrubValue(v, secrets, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = scrubValue(v, secrets, depth + 1);
  return out as T;
}
