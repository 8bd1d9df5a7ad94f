/// <reference lib="dom" />
/**
 * The plan board in a real browser (Debian's Chromium through playwright-core), opened the way
 * Telegram opens a Mini App: the board's URL with a signed initData, the version and the theme in
 * the fragment. Each role sees exactly its rows; filters, sort, calendar, card and download work; a
 * forged initData gets the error page and no data. Screenshots at 375 and 1280 px are saved under
 * test-results/board/ and compared loosely with test/webapp/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../support/harness.js';
import { ACTIVITIES, IDS, freePort, initDataFor, seedBoard, type Seeded } from '../support/board-fixture.js';
import { hasChromium, launchBrowser, pngDifference, telegramUrl } from '../support/browser.js';

const registered = ACTIVITIES.filter((a) => a.status !== 'DRAFT');
const ARTIFACTS = path.resolve('test-results/board');
const BASELINES = path.resolve('test/webapp/screenshots');
/** Loose: fonts and anti-aliasing may move a little; a layout change moves far more. */
const MAX_DIFFERENCE = 0.04;

/** Waits until the summary chart of the last filter asked is on the page (it is drawn by the server). */
async function chartDrawn(page: Page) {
  await page.waitForFunction(() => {
    const box = document.querySelector<HTMLElement>('.chart-box');
    const img = box?.querySelector<HTMLImageElement>('img.chart-img');
    return box?.dataset.drawn !== undefined && box.dataset.drawn === box.dataset.asked && img?.complete === true;
  });
}

describe.skipIf(!hasChromium() && !process.env.CI)('plan board in Chromium', () => {
  let h: Harness;
  let base: string;
  let seeded: Seeded;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const refsOf = (list: { title: string }[]) => list.map((a) => seeded.refs.get(a.title)!).sort();

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}/board/`;
    h = await startHarness({ env: { PORT: String(port), WEBAPP_URL: base }, now: '2027-03-01T09:00:00' });
    seeded = await seedBoard(h.app.repos);
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function open(
    telegramId: number,
    opts: { width?: number; version?: string; search?: string; languageCode?: string; initData?: string } = {},
  ): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: opts.width ?? 1280, height: opts.width && opts.width < 500 ? 812 : 900 });
    const initData = opts.initData ?? initDataFor(telegramId, h.config.botToken, { languageCode: opts.languageCode });
    await page.goto(telegramUrl(base, initData, { version: opts.version, search: opts.search }));
    return page;
  }
  const shownRefs = async (page: Page) =>
    (
      await page.locator('tbody tr[data-ref]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')!))
    ).sort();
  const ready = (page: Page) => page.waitForSelector('tbody tr[data-ref], .empty', { timeout: 15_000 });

  it('each role sees exactly its rows', async () => {
    for (const [id, expected] of [
      [IDS.head, registered],
      [IDS.coordinator, registered],
      [IDS.focalSct, registered.filter((a) => a.lead === 'SCT' || a.coordinators?.includes('SCT'))],
      [IDS.focalVh, registered.filter((a) => a.lead === 'SVHTTDL' || a.coordinators?.includes('SVHTTDL'))],
    ] as const) {
      const page = await open(id);
      await ready(page);
      expect(await shownRefs(page)).toEqual(refsOf(expected));
      await page.close();
    }
  });

  it('filters “đoàn ra, Nhật Bản, 2027”, sorts, opens a card and downloads the filtered report', async () => {
    const page = await open(IDS.head);
    await ready(page);
    await page.selectOption('select[name=type]', 'OUTBOUND');
    await page.selectOption('select[name=country]', 'JP');
    await page.selectOption('select[name=year]', '2027');
    const expected = refsOf(
      registered.filter((a) => a.type === 'OUTBOUND' && a.countries?.includes('JP') && a.year === 2027),
    );
    expect(await shownRefs(page)).toEqual(expected);
    const statuses = await page.locator('tbody .badge').evaluateAll((b) => b.map((x) => x.getAttribute('data-status')));
    expect(statuses.sort()).toEqual(['AUTHORIZED', 'IN_PROGRESS', 'SUBMITTED']);
    expect(await page.locator('[data-count=total]').textContent()).toBe('3');
    // The summary chart follows the filter: the last one asked is the one drawn, and shows Japan only.
    await chartDrawn(page);
    expect(await page.locator('img.chart-img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.locator('img.chart-img').getAttribute('alt')).toContain('Hoạt động đối ngoại năm 2027: 3');
    expect(
      await page.locator('img.chart-img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);

    // Diacritics-insensitive search on top of the filters.
    await page.fill('input[name=q]', 'osaka');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-ref]').length === 1);
    await page.fill('input[name=q]', '');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-ref]').length === 3);

    // Sort by reference, then the other way round.
    await page.click('th button[data-sort=ref]');
    const asc = await page.locator('tbody tr[data-ref]').evaluateAll((r) => r.map((x) => x.getAttribute('data-ref')));
    expect(asc).toEqual([...expected]);
    await page.click('th button[data-sort=ref]');
    expect(
      await page.locator('tbody tr[data-ref]').evaluateAll((r) => r.map((x) => x.getAttribute('data-ref'))),
    ).toEqual([...expected].reverse());

    // The card, with its history and follow-ups.
    const shizuoka = seeded.refs.get(ACTIVITIES[0]!.title)!;
    await page.click(`tbody tr[data-ref="${shizuoka}"]`);
    const card = page.locator(`[data-card="${shizuoka}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Tỉnh Shizuoka xác nhận chương trình làm việc');
    expect(await card.locator('.history li').count()).toBeGreaterThan(0);
    expect(await card.textContent()).toContain('Nguyễn Văn An');
    await card.locator('button.close').click();
    await expect.poll(() => page.locator('.overlay').count()).toBe(0);

    // The filtered report, as the browser downloads it (Telegram < 8.0 has no downloadFile).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-download=xlsx]')]);
    expect(download.suggestedFilename()).toMatch(/2027\.xlsx$/);
    const file = await download.path();
    expect(fs.statSync(file).size).toBeGreaterThan(4000);
    await page.close();
  });

  it('with Telegram 8.0 the download goes through Telegram’s downloadFile (a shim stands in for the app)', async () => {
    const page = await browser.context.newPage();
    // What Telegram's mobile apps provide to the page: a proxy that receives the page's events.
    await page.addInitScript(() => {
      (window as unknown as { events: unknown[] }).events = [];
      (window as unknown as { TelegramWebviewProxy: unknown }).TelegramWebviewProxy = {
        postEvent: (type: string, data: string) =>
          (window as unknown as { events: unknown[] }).events.push({ type, data }),
      };
    });
    // Telegram downloads over HTTPS only: the page is opened at an https:// origin whose requests
    // the browser hands to the bot's server.
    const local = new URL(base).origin;
    await page.route('https://board.test/**', async (route) =>
      route.fulfill({
        response: await route.fetch({ url: route.request().url().replace('https://board.test', local) }),
      }),
    );
    await page.goto(
      telegramUrl('https://board.test/board/', initDataFor(IDS.head, h.config.botToken), { version: '8.0' }),
    );
    await ready(page);
    await page.click('button[data-download=docx]');
    const event = await page.waitForFunction(() =>
      (window as unknown as { events: { type: string; data: string }[] }).events.find(
        (e) => e.type === 'web_app_request_file_download',
      ),
    );
    const { data } = (await event.jsonValue()) as { data: string };
    const { url, file_name } = JSON.parse(data) as { url: string; file_name: string };
    expect(file_name).toMatch(/\.docx$/);
    const events = await page.evaluate(() =>
      (window as unknown as { events: { type: string }[] }).events.map((e) => e.type),
    );
    expect(events).toContain('web_app_ready');
    // Telegram fetches the link itself, without the page's session header.
    expect(url).toMatch(/^https:\/\/board\.test\/board\/api\/report\/file\?t=/);
    const res = await fetch(url.replace('https://board.test', local));
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await page.close();
  });

  it('the calendar places day activities on their days and coarser ones under the month', async () => {
    const page = await open(IDS.head, { width: 1280 });
    await ready(page);
    await page.click('button[data-tab=calendar]');
    expect(await page.locator('[data-month]').getAttribute('data-month')).toBe('2027-3');
    await page.click('.cal-head .nav >> nth=1');
    await page.click('.cal-head .nav >> nth=1');
    expect(await page.locator('[data-month]').getAttribute('data-month')).toBe('2027-5');
    const gyeonggi = seeded.refs.get('Đón đoàn Thống đốc tỉnh Gyeonggi')!;
    expect(await page.locator(`.day[data-day="20"] [data-ref="${gyeonggi}"]`).count()).toBe(1);
    const undated = await page
      .locator('.cal-undated [data-ref]')
      .evaluateAll((x) => x.map((e) => e.getAttribute('data-ref')));
    expect(undated).toContain(seeded.refs.get('Hội thảo quốc tế về xúc tiến đầu tư Việt Nam – Nhật Bản'));
    expect(undated).not.toContain(gyeonggi);
    await page.click(`.day[data-day="20"] [data-ref="${gyeonggi}"]`);
    await page.locator(`[data-card="${gyeonggi}"]`).waitFor();
    await page.close();
  });

  it('a deep link opens one activity’s card; English follows the user’s language', async () => {
    const ref = seeded.refs.get(ACTIVITIES[0]!.title)!;
    const page = await open(IDS.coordinator, { search: `?a=${ref}`, languageCode: 'en' });
    await page.locator(`[data-card="${ref}"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator('h1').first().textContent()).toBe('Foreign affairs plan board');
    expect(await page.locator(`[data-card="${ref}"]`).textContent()).toContain('Japan');
    await page.close();
  });

  it('a forged initData gets the error page and no data', async () => {
    const forged = new URLSearchParams(initDataFor(IDS.head, h.config.botToken));
    forged.set('user', JSON.stringify({ id: IDS.head, first_name: 'Mallory' }));
    const other = initDataFor(IDS.head, '987654321:ANOTHER-bot-token');
    for (const initData of [forged.toString(), other]) {
      const page = await browser.context.newPage();
      const api: number[] = [];
      page.on('response', (r) => r.url().includes('/api/') && api.push(r.status()));
      await page.goto(telegramUrl(base, initData));
      await page.waitForSelector('.error-page');
      expect(await page.locator('.error-page h1').textContent()).toBe('Không mở được bảng kế hoạch');
      expect(await page.locator('tbody tr').count()).toBe(0);
      expect(api).toEqual([401]);
      const html = await page.content();
      for (const a of registered) expect(html).not.toContain(a.title);
      await page.close();
    }
  });

  it.each([375, 1280])('looks as it did at %i px (screenshot saved and compared loosely)', async (width) => {
    const page = await open(IDS.head, { width });
    await ready(page);
    await chartDrawn(page);
    await page.evaluate(() => document.fonts.ready);
    const shot = await page.screenshot({ fullPage: true });
    fs.writeFileSync(path.join(ARTIFACTS, `board-${width}.png`), shot);
    const baseline = path.join(BASELINES, `board-${width}.png`);
    if (!fs.existsSync(baseline) || process.env.UPDATE_SCREENSHOTS) {
      fs.mkdirSync(BASELINES, { recursive: true });
      fs.writeFileSync(baseline, shot);
    } else {
      expect(await pngDifference(page, shot, fs.readFileSync(baseline))).toBeLessThan(MAX_DIFFERENCE);
    }
    // The other views, as artifacts to look at (not compared).
    await page.click('button[data-tab=calendar]');
    await page.click('.cal-head .nav >> nth=1');
    fs.writeFileSync(path.join(ARTIFACTS, `board-calendar-${width}.png`), await page.screenshot({ fullPage: true }));
    const ref = seeded.refs.get(ACTIVITIES[0]!.title)!;
    await page.click('button[data-tab=table]');
    await page.click(`tbody tr[data-ref="${ref}"]`);
    await page.locator(`[data-card="${ref}"] .history li`).first().waitFor();
    fs.writeFileSync(path.join(ARTIFACTS, `board-card-${width}.png`), await page.screenshot());
    await page.close();
  });

  it('first screen and filtering timings are recorded by the page', async () => {
    const page = await open(IDS.head);
    await ready(page);
    const timing = await page.evaluate(
      () => (window as unknown as { __board: { rows: number; firstScreenMs: number } }).__board,
    );
    expect(timing.rows).toBe(registered.length);
    expect(timing.firstScreenMs).toBeLessThan(1500);
    await page.close();
  });
});
