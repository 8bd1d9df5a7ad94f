// Typed callback data: one codec per feature, readable names in the code, short codes on the wire
// (`<prefix>:<code>[:arg…]`, at most 64 bytes; buttons already sent keep working). A press whose
// data does not decode (crafted, stale, another version) decodes to null, and the feature answers
// error.stale_button. Pure and without the bot: the jobs build some buttons the bot answers (the
// reminder's "complete the details"), from the same definition.

/** Telegram's limit for a button's data. */
export const MAX_CALLBACK_BYTES = 64;

export class CallbackDataTooLong extends Error {}

function encodeCallback(prefix: string, code: string, ...args: (string | number)[]): string {
  for (const part of [prefix, code, ...args.map(String)]) {
    if (part.includes(':')) throw new Error(`callback part "${part}" must not contain ":"`);
  }
  const data = [prefix, code, ...args.map(String)].join(':');
  if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) throw new CallbackDataTooLong(data);
  return data;
}

/** The prefix of a button's data (`rv` of `rv:ok:5:0`), or null for data no codec could have built. */
export function callbackPrefix(data: string | undefined): string | null {
  if (!data || Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) return null;
  const [prefix, code] = data.split(':');
  return prefix && code ? prefix : null;
}

function parseCallback(data: string | undefined): { prefix: string; code: string; args: string[] } | null {
  const prefix = callbackPrefix(data);
  if (!prefix) return null;
  const [, code, ...args] = data!.split(':');
  return { prefix, code: code!, args };
}

/** A record id, pressed or typed (`/invite revoke 12`): a positive integer of at most 9 digits, or null. */
export function parseId(value: string | undefined): number | null {
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** A record id: a positive integer of at most 9 digits. */
export const ID = 'id';
/** A record id, or 0 for none. */
export const ID_OR_0 = 'id0';
/** A page or an index: an integer 0…9999. */
export const N = 'n';
/** Text matching `pattern` (never ':'), checked further by the feature; `longest` is its longest legitimate value, for the 64-byte test. */
export interface Token {
  pattern: RegExp;
  longest: string;
}
export const token = (pattern: RegExp, longest: string): Token => ({ pattern, longest });
/** A field: an id, a page/index, one of a closed set of words (roles, types…), or checked text. */
export type FieldKind = typeof ID | typeof ID_OR_0 | typeof N | readonly string[] | Token;
export type Fields = Record<string, FieldKind>;
/** An action: its code on the wire, then its fields in wire order. */
export type ActionSpec = readonly [code: string, fields?: Fields];

type ValueOf<K extends FieldKind> = K extends readonly (infer V)[] ? V : K extends Token ? string : number;
type ValuesOf<F extends Fields | undefined> = F extends Fields
  ? { [P in keyof F]: ValueOf<F[P]> }
  : Record<never, never>;
type ArgsOf<A extends ActionSpec> = A[1] extends Fields ? ValuesOf<A[1]> : Record<never, never>;

/** A decoded press: the action's name and its fields. */
export type Decoded<S extends Record<string, ActionSpec>> = {
  [K in keyof S & string]: { action: K } & ArgsOf<S[K]>;
}[keyof S & string];

export interface Callbacks<S extends Record<string, ActionSpec>> {
  prefix: string;
  actions: S;
  /** For telegraf's `bot.action`: every button of this feature. */
  pattern: RegExp;
  encode: <K extends keyof S & string>(
    action: K,
    ...args: keyof ArgsOf<S[K]> extends never ? [] : [ArgsOf<S[K]>]
  ) => string;
  decode: (data: string | undefined) => Decoded<S> | null;
}

/** Every codec defined, for the test that every button fits Telegram's 64 bytes. */
export const ALL_CALLBACKS: Callbacks<Record<string, ActionSpec>>[] = [];

function decodeField(kind: FieldKind, raw: string | undefined): string | number | null {
  if (raw === undefined) return null;
  if (kind === ID) return parseId(raw);
  if (kind === ID_OR_0) return raw === '0' ? 0 : parseId(raw);
  if (kind === N) return /^\d{1,4}$/.test(raw) ? Number(raw) : null;
  if (isWords(kind)) return kind.includes(raw) ? raw : null;
  return kind.pattern.test(raw) ? raw : null;
}

const isWords = (kind: readonly string[] | Token): kind is readonly string[] => Array.isArray(kind);

export function defineCallbacks<const S extends Record<string, ActionSpec>>(prefix: string, actions: S): Callbacks<S> {
  const byCode = new Map(
    Object.entries(actions).map(([name, [code, fields]]) => [code, { name, fields: Object.entries(fields ?? {}) }]),
  );
  if (byCode.size !== Object.keys(actions).length) throw new Error(`callbacks ${prefix}: two actions share a code`);
  const codec: Callbacks<S> = {
    prefix,
    actions,
    pattern: new RegExp(`^${prefix}:`),
    encode(action, ...args) {
      const [code, fields] = actions[action]!;
      const values = (args[0] ?? {}) as Record<string, string | number>;
      return encodeCallback(prefix, code, ...Object.keys(fields ?? {}).map((k) => values[k]!));
    },
    decode(data) {
      const parsed = parseCallback(data);
      const spec = parsed?.prefix === prefix ? byCode.get(parsed.code) : undefined;
      if (!parsed || !spec || parsed.args.length !== spec.fields.length) return null;
      const out: Record<string, string | number> = { action: spec.name };
      for (const [i, [key, kind]] of spec.fields.entries()) {
        const value = decodeField(kind, parsed.args[i]);
        if (value === null) return null;
        out[key] = value;
      }
      return out as Decoded<S>;
    },
  };
  ALL_CALLBACKS.push(codec as unknown as Callbacks<Record<string, ActionSpec>>);
  return codec;
}

/** The longest data an action can carry (max ids, longest words): what the 64-byte test encodes. */
export function worstCase(codec: Callbacks<Record<string, ActionSpec>>, action: string): string {
  const [, fields] = codec.actions[action]!;
  const values = Object.fromEntries(
    Object.entries(fields ?? {}).map(([k, kind]) => [
      k,
      kind === ID || kind === ID_OR_0
        ? 999_999_999
        : kind === N
          ? 9999
          : isWords(kind)
            ? [...kind].sort((a, b) => Buffer.byteLength(b) - Buffer.byteLength(a))[0]!
            : kind.longest,
    ]),
  );
  return (codec.encode as (a: string, v: object) => string)(action, values);
}
