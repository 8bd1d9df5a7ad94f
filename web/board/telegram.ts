/**
 * Telegram's side: `window.Telegram.WebApp` from telegram-web-app.js (served by the bot) or injected
 * by the client. When neither is there (a plain browser), the fragment Telegram puts in the URL
 * (#tgWebAppData=…&tgWebAppThemeParams=…) is read directly, so the page still signs in and themes.
 * Nothing read here is trusted: the server validates initData.
 */
interface WebApp {
  initData: string;
  initDataUnsafe?: { user?: { language_code?: string }; start_param?: string };
  version?: string;
  themeParams?: Record<string, string>;
  colorScheme?: 'light' | 'dark';
  ready?(): void;
  expand?(): void;
  isVersionAtLeast?(v: string): boolean;
  downloadFile?(params: { url: string; file_name: string }, cb?: (accepted: boolean) => void): void;
  onEvent?(event: string, cb: () => void): void;
}

declare global {
  interface Window {
    Telegram?: { WebApp?: WebApp };
  }
}

function hashParams(): URLSearchParams {
  try {
    return new URLSearchParams(location.hash.replace(/^#/, ''));
  } catch {
    return new URLSearchParams();
  }
}

export function webApp(): WebApp | undefined {
  return window.Telegram?.WebApp;
}

export function initData(): string {
  return webApp()?.initData || hashParams().get('tgWebAppData') || '';
}

/** Telegram's language for the texts shown before sign-in (the error page). */
export function languageHint(): string {
  const fromApp = webApp()?.initDataUnsafe?.user?.language_code;
  if (fromApp) return fromApp;
  try {
    const user = new URLSearchParams(initData()).get('user');
    return user ? ((JSON.parse(user) as { language_code?: string }).language_code ?? '') : '';
  } catch {
    return '';
  }
}

const THEME_VARS: Record<string, string> = {
  bg_color: '--tg-theme-bg-color',
  text_color: '--tg-theme-text-color',
  hint_color: '--tg-theme-hint-color',
  link_color: '--tg-theme-link-color',
  button_color: '--tg-theme-button-color',
  button_text_color: '--tg-theme-button-text-color',
  secondary_bg_color: '--tg-theme-secondary-bg-color',
  header_bg_color: '--tg-theme-header-bg-color',
  accent_text_color: '--tg-theme-accent-text-color',
  section_bg_color: '--tg-theme-section-bg-color',
  section_header_text_color: '--tg-theme-section-header-text-color',
  subtitle_text_color: '--tg-theme-subtitle-text-color',
  destructive_text_color: '--tg-theme-destructive-text-color',
};

/** Theme colours: telegram-web-app.js sets the CSS variables itself; without it, from the fragment. */
export function applyTheme() {
  const app = webApp();
  let params: Record<string, string> | undefined = app?.themeParams;
  if (!params || Object.keys(params).length === 0) {
    try {
      params = JSON.parse(hashParams().get('tgWebAppThemeParams') ?? '{}') as Record<string, string>;
    } catch {
      params = {};
    }
  }
  const root = document.documentElement;
  for (const [k, v] of Object.entries(params))
    if (THEME_VARS[k] && /^#[0-9a-fA-F]{3,8}$/.test(v)) root.style.setProperty(THEME_VARS[k], v);
  const bg = params.bg_color;
  const dark = app?.colorScheme === 'dark' || (bg !== undefined && luminance(bg) < 0.4);
  root.classList.toggle('dark', dark);
}

function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (!m) return 1;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function ready() {
  const app = webApp();
  app?.ready?.();
  app?.expand?.();
  app?.onEvent?.('themeChanged', applyTheme);
}

/** Telegram's download (Bot API 8.0+) when there, else the browser's. */
export function download(url: string, fileName: string) {
  const app = webApp();
  const absolute = new URL(url, location.href).toString();
  // Telegram (8.0+) downloads over HTTPS only, which is what WEBAPP_URL is in production.
  if (app?.downloadFile && app.isVersionAtLeast?.('8.0') && app.initData && location.protocol === 'https:') {
    try {
      app.downloadFile({ url: absolute, file_name: fileName });
      return;
    } catch {
      // A download already being asked about, or an older client: the browser's way below.
    }
  }
  const a = document.createElement('a');
  a.href = absolute;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
