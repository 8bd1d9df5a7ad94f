/// <reference lib="dom" />
/**
 * Debian's Chromium driven by playwright-core (no browser download): headless, sandbox and
 * background services off, a fresh profile per launch. `.ci/run` installs the package when missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => fs.existsSync(CHROMIUM);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Telegram's light theme (tdesktop), as it puts it in tgWebAppThemeParams. */
export const LIGHT_THEME = {
  bg_color: '#ffffff',
  text_color: '#000000',
  hint_color: '#999999',
  link_color: '#2481cc',
  button_color: '#2481cc',
  button_text_color: '#ffffff',
  secondary_bg_color: '#efeff3',
  header_bg_color: '#ffffff',
  accent_text_color: '#2481cc',
  section_bg_color: '#ffffff',
  section_header_text_color: '#6d6d72',
  subtitle_text_color: '#999999',
  destructive_text_color: '#ff3b30',
};

/** The URL Telegram opens: the board's URL with the launch parameters in the fragment. */
export function telegramUrl(
  base: string,
  initData: string,
  opts: { version?: string; theme?: Record<string, string>; search?: string } = {},
): string {
  const fragment = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: opts.version ?? '7.10',
    tgWebAppPlatform: 'tdesktop',
    tgWebAppThemeParams: JSON.stringify(opts.theme ?? LIGHT_THEME),
  });
  return `${base}${opts.search ?? ''}#${fragment.toString()}`;
}

/**
 * Share of pixels that differ noticeably between two PNGs (of the same size; 1 when the sizes
 * differ), computed by the browser's own canvas so no image library is needed.
 */
export async function pngDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([x, y]) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height);
      };
      const [p, q] = await Promise.all([load(x), load(y)]);
      if (p.width !== q.width || p.height !== q.height) return 1;
      let diff = 0;
      for (let i = 0; i < p.data.length; i += 4) {
        const d =
          Math.abs(p.data[i]! - q.data[i]!) +
          Math.abs(p.data[i + 1]! - q.data[i + 1]!) +
          Math.abs(p.data[i + 2]! - q.data[i + 2]!);
        if (d > 48) diff++;
      }
      return diff / (p.width * p.height);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}
