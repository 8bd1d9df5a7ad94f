// Callback data is at most 64 bytes (Telegram). Every button's data is `<feature>:<action>[:arg…]`,
// built and parsed here only, so a crafted or stale press is recognised and refused in one place.

export const MAX_CALLBACK_BYTES = 64;

export class CallbackDataTooLong extends Error {}

export function encodeCallback(feature: string, action: string, ...args: (string | number | bigint)[]): string {
  for (const part of [feature, action, ...args.map(String)]) {
    if (part.includes(':')) throw new Error(`callback part "${part}" must not contain ":"`);
  }
  const data = [feature, action, ...args.map(String)].join(':');
  if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) throw new CallbackDataTooLong(data);
  return data;
}

export interface ParsedCallback {
  feature: string;
  action: string;
  args: string[];
}

export function parseCallback(data: string | undefined): ParsedCallback | null {
  if (!data || Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) return null;
  const [feature, action, ...args] = data.split(':');
  if (!feature || !action) return null;
  return { feature, action, args };
}

/** A positive integer id from a callback argument, or null for anything crafted. */
export function idArg(value: string | undefined): number | null {
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** A regexp for telegraf's `bot.action` matching one feature's buttons. */
export function callbackPattern(feature: string): RegExp {
  return new RegExp(`^${feature}:`);
}
