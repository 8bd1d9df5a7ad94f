/** Texts come from the server (locales/ of the bot, the user's language); the error page's from the bundle. */
import vi from '../../locales/vi/board.json';
import en from '../../locales/en/board.json';

let messages: Record<string, string> = vi;

export function setMessages(m: Record<string, string>) {
  messages = m;
}

/** Before sign-in: Telegram's language decides between the two bundled catalogues. */
export function useBundled(language: string) {
  messages = language.toLowerCase().startsWith('en') ? en : vi;
}

export function t(key: string, params: Record<string, string | number> = {}): string {
  const template = messages[key] ?? (vi as Record<string, string>)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}

let numberFormat = new Intl.NumberFormat('vi-VN');
export function setLocale(locale: string) {
  numberFormat = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'vi-VN');
  document.documentElement.lang = locale;
}
export function formatNumber(n: number | bigint): string {
  return numberFormat.format(n);
}
