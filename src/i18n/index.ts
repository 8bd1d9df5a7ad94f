import fs from 'node:fs';
import path from 'node:path';
import { escapeHtml } from '../domain/format.js';
import { fromRoot } from '../paths.js';
import { DEFAULT_REPORT_SETTINGS } from '../domain/report-settings.js';
import type { MessageKey } from './keys.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const DIR = fromRoot('locales');

export type Messages = Record<string, string>;

/**
 * Each locale is a folder of JSON files, one per feature (`locales/vi/register.json`…), merged;
 * a key defined twice is an error.
 */
export function loadMessages(locale: Locale): Messages {
  const dir = path.join(DIR, locale);
  const merged: Messages = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const messages = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Messages;
    for (const [key, value] of Object.entries(messages)) {
      if (key in merged) throw new Error(`message "${key}" is defined twice (locales/${locale}/${file})`);
      merged[key] = value;
    }
  }
  return merged;
}

const catalogs = new Map<Locale, Messages>();
/** A locale's messages, read from its files once per process, when first needed. */
function catalogOf(locale: Locale): Messages {
  let messages = catalogs.get(locale);
  if (!messages) catalogs.set(locale, (messages = loadMessages(locale)));
  return messages;
}

let viKeys: Set<string> | undefined;

/**
 * A key built at run time (`forms.f.${key}`) as a MessageKey, checked against locales/vi: a missing
 * key throws where the key is built (a form definition, at start-up), not when a user reaches it.
 */
export function messageKey(key: string): MessageKey {
  viKeys ??= new Set(Object.keys(catalogOf('vi')));
  if (!viKeys.has(key)) throw new Error(`missing message "${key}"`);
  return key as MessageKey;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

export type Params = Record<string, string | number | bigint | { html: string }>;
export type { MessageKey } from './keys.js';
/**
 * A key as written in the code must be one of locales/vi (MessageKey): `t('no.such.key')` and
 * `t(`role.${string}`)` fail typecheck. A key only known at run time (a plain `string`, e.g. a
 * form field's label) is checked by `translate`, which throws on a missing key.
 */
export type CheckedKey<K extends string> = K & (string extends K ? string : MessageKey);
export type Translate = <K extends string>(key: CheckedKey<K>, params?: Params) => string;

/**
 * Messages are Telegram HTML. Placeholders are escaped, so user-typed text (`<b>x</b>`) shows as
 * typed; a value wrapped as `{ html }` is inserted as already-safe markup.
 */
/**
 * `{body}` and `{division}` in any message: the foreign-affairs body ("Sở Ngoại vụ", or "Văn phòng
 * UBND tỉnh" where the function moved in 2025) and its division are settings, not text
 * (docs/product.md#lifecycle). A message's own params win.
 */
export interface OrgNames {
  body: string;
  division: string;
}
export const DEFAULT_ORG_NAMES: OrgNames = {
  body: DEFAULT_REPORT_SETTINGS.bodyName,
  division: DEFAULT_REPORT_SETTINGS.divisionName,
};

export function createI18n(defaultLocale: Locale) {
  let org: OrgNames = DEFAULT_ORG_NAMES;
  function translate(locale: Locale, key: string, params: Params = {}): string {
    const template = catalogOf(locale)[key] ?? catalogOf(defaultLocale)[key];
    if (template === undefined) throw new Error(`missing message "${key}"`);
    return template.replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = params[name] ?? (name === 'body' || name === 'division' ? org[name] : undefined);
      if (v === undefined) return m;
      return typeof v === 'object' ? v.html : escapeHtml(String(v));
    });
  }
  return {
    defaultLocale,
    translate,
    /** The names as last read from the settings (src/services/org-names.ts: the bot per update, the jobs per run). */
    setOrgNames(names: OrgNames) {
      org = names;
    },
    forLocale(locale: Locale): Translate {
      return (key, params) => translate(locale, key, params);
    },
    /** /lang choice, else Telegram's language_code (`en-GB` → en), else the default. */
    resolve(stored: string | null | undefined, languageCode: string | undefined): Locale {
      if (isLocale(stored)) return stored;
      const lc = languageCode?.slice(0, 2).toLowerCase();
      return isLocale(lc) ? lc : defaultLocale;
    },
  };
}
export type I18n = ReturnType<typeof createI18n>;
