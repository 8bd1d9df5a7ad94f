/**
 * The plan board's API over real HTTP, on each provider: Telegram's initData sign-in (forged,
 * altered, expired, other-bot, stranger, deactivated → 401 and nothing else), the session token,
 * and every scope rule of the access policy on the list, the card, the counts and the downloads.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { testProviders } from '../support/db.js';
import { ACTIVITIES, IDS, freePort, initDataFor, seedBoard, type Seeded } from '../support/board-fixture.js';
import { signInitData } from '../../src/http/board/init-data.js';
import { signToken } from '../../src/http/board/session.js';

const registered = ACTIVITIES.filter((a) => a.status !== 'DRAFT');
const ledOrCoordinated = (code: string) => registered.filter((a) => a.lead === code || a.coordinators?.includes(code));

describe.each(testProviders())('plan board API on %s', (provider) => {
  let h: Harness;
  let base: string;
  let seeded: Seeded;
  const refsOf = (titles: { title: string }[]) => titles.map((a) => seeded.refs.get(a.title)!).sort();

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}/board/`;
    h = await startHarness({ provider, env: { PORT: String(port), WEBAPP_URL: base }, now: '2027-03-01T09:00:00' });
    seeded = await seedBoard(h.app.repos);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  async function session(telegramId: number, opts: Parameters<typeof initDataFor>[2] = {}) {
    const res = await post('api/session', { initData: initDataFor(telegramId, h.config.botToken, opts) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }
  const get = (path: string, token?: string) =>
    fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  async function rowsOf(token: string, query = '') {
    const res = await get(`api/activities${query ? `?${query}` : ''}`, token);
    expect(res.status).toBe(200);
    return ((await res.json()) as { rows: { ref: string }[] }).rows.map((r) => r.ref).sort();
  }
  async function expect401(res: Response) {
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('{"error":"unauthorized"}');
  }

  describe('sign-in', () => {
    it('accepts initData signed for this bot by an active user and answers a session token', async () => {
      const res = await post('api/session', {
        initData: initDataFor(IDS.head, h.config.botToken, { startParam: '2027-001' }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { token: string; expiresAt: number; startParam: string };
      expect(body.token).toMatch(/^[\w-]+\.[\w-]+$/);
      expect(body.expiresAt).toBeGreaterThan(Date.now() / 1000);
      expect(body.startParam).toBe('2027-001');
    });

    it('refuses forged, altered, other-bot, expired, future and malformed initData with 401 and nothing else', async () => {
      const good = initDataFor(IDS.head, h.config.botToken);
      const altered = good.replace(
        encodeURIComponent(`"id":${IDS.head}`),
        encodeURIComponent(`"id":${IDS.coordinator}`),
      );
      expect(altered).not.toBe(good);
      const forged = new URLSearchParams(good);
      forged.set('hash', 'a'.repeat(64));
      const now = Math.floor(Date.now() / 1000);
      const cases = [
        forged.toString(),
        altered,
        initDataFor(IDS.head, '987654321:ANOTHER-bot-token'),
        initDataFor(IDS.head, h.config.botToken, { authDate: now - 25 * 3600 }),
        initDataFor(IDS.head, h.config.botToken, { authDate: now + 3600 }),
        signInitData({ auth_date: String(now), user: '{"id":"x"}' }, h.config.botToken),
        signInitData({ auth_date: String(now) }, h.config.botToken),
        '',
        'garbage',
      ];
      for (const initData of cases) await expect401(await post('api/session', { initData }));
      await expect401(await post('api/session', 'not json'));
      await expect401(await fetch(base + 'api/session', { method: 'POST', body: '{' }));
    });

    it('refuses a stranger and a deactivated user even with a valid signature', async () => {
      await expect401(await post('api/session', { initData: initDataFor(IDS.stranger, h.config.botToken) }));
      await expect401(await post('api/session', { initData: initDataFor(IDS.focalOff, h.config.botToken) }));
    });

    it('refuses every API call without a valid session: none, tampered, expired, another kind, another bot', async () => {
      const token = await session(IDS.coordinator);
      const nowSec = Math.floor(Date.now() / 1000);
      const tokens = [
        undefined,
        token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA'),
        signToken({ uid: IDS.coordinator, exp: nowSec - 1, kind: 'api' }, h.config.botToken),
        signToken({ uid: IDS.coordinator, exp: nowSec + 600, kind: 'dl', q: '' }, h.config.botToken),
        signToken({ uid: IDS.coordinator, exp: nowSec + 600, kind: 'api' }, '987654321:ANOTHER-bot-token'),
        initDataFor(IDS.coordinator, h.config.botToken),
      ];
      for (const t of tokens) {
        for (const path of [
          'api/me',
          'api/activities',
          'api/counts',
          `api/activities/${seeded.refs.get(ACTIVITIES[0]!.title)}`,
        ])
          await expect401(await get(path, t));
        await expect401(
          await fetch(base + 'api/report?format=xlsx', {
            method: 'POST',
            headers: t ? { authorization: `Bearer ${t}` } : {},
          }),
        );
      }
    });

    it('a session stops working as soon as its user is deactivated', async () => {
      await h.app.repos.users.upsertWithRole({ telegramId: 7_100_000_099n, displayName: 'Temp' }, 'HEAD', null);
      const token = await session(7_100_000_099);
      expect((await get('api/me', token)).status).toBe(200);
      const user = await h.app.repos.users.findByTelegramId(7_100_000_099n);
      await h.app.repos.users.setActive(user!.id, false);
      await expect401(await get('api/me', token));
    });
  });

  describe('who sees what', () => {
    it.each([
      ['coordinator', IDS.coordinator],
      ['head', IDS.head],
      ['admin', IDS.admin],
    ])('a %s sees every registered activity and no draft', async (_role, id) => {
      expect(await rowsOf(await session(id))).toEqual(refsOf(registered));
    });

    it('a focal point sees exactly its agency’s activities, led or coordinated', async () => {
      const sct = await rowsOf(await session(IDS.focalSct));
      expect(sct).toEqual(refsOf(ledOrCoordinated('SCT')));
      expect(sct).toContain(seeded.refs.get(ACTIVITIES[0]!.title)); // coordinated by SCT
      const vh = await rowsOf(await session(IDS.focalVh));
      expect(vh).toEqual(refsOf(ledOrCoordinated('SVHTTDL')));
      expect(
        vh.some((r) => sct.includes(r) && !ledOrCoordinated('SVHTTDL').some((a) => seeded.refs.get(a.title) === r)),
      ).toBe(false);
    });

    it('a focal point without an agency sees nothing', async () => {
      const token = await session(IDS.focalNoAgency);
      expect(await rowsOf(token)).toEqual([]);
      expect(((await (await get('api/counts', token)).json()) as { total: number }).total).toBe(0);
      expect((await get(`api/activities/${seeded.refs.get(ACTIVITIES[0]!.title)}`, token)).status).toBe(404);
    });

    it('a card out of scope is not found, in scope it has every field, history and follow-ups', async () => {
      const osaka = seeded.refs.get(ACTIVITIES[1]!.title)!; // SCT only
      expect((await get(`api/activities/${osaka}`, await session(IDS.focalVh))).status).toBe(404);
      const draft = seeded.refs.get(ACTIVITIES.at(-1)!.title)!;
      expect((await get(`api/activities/${draft}`, await session(IDS.focalSct))).status).toBe(404);
      const res = await get(`api/activities/${seeded.refs.get(ACTIVITIES[0]!.title)}`, await session(IDS.focalSct));
      expect(res.status).toBe(200);
      const card = (await res.json()) as Record<string, unknown> & {
        history: unknown[];
        followUps: { title: string }[];
        details: { label: string; value: string }[];
      };
      expect(card).toMatchObject({
        type: 'OUTBOUND',
        status: 'AUTHORIZED',
        lead: 'Sở Ngoại vụ',
        coordinators: ['Sở Công Thương'],
        countries: ['Nhật Bản'],
        timing: expect.stringContaining('04/2027'),
      });
      expect(card.cost).toMatch(/850\.000\.000/);
      expect(card.history.length).toBeGreaterThan(0);
      expect(card.followUps.map((f) => f.title)).toEqual(['Tỉnh Shizuoka xác nhận chương trình làm việc']);
      expect(card.details.map((d) => d.value).join(' ')).toContain('Nguyễn Văn An');
    });

    it('counts are of the scope', async () => {
      const counts = (await (await get('api/counts', await session(IDS.focalSct))).json()) as {
        total: number;
        byType: Record<string, number>;
      };
      expect(counts.total).toBe(ledOrCoordinated('SCT').length);
    });
  });

  describe('filters', () => {
    const byTitle = (...prefixes: string[]) => prefixes.map((p) => registered.find((a) => a.title.startsWith(p))!);
    it('outbound, Japan, 2027', async () => {
      expect(await rowsOf(await session(IDS.head), 'year=2027&type=OUTBOUND&country=JP')).toEqual(
        refsOf(byTitle('Đoàn công tác của tỉnh thăm', 'Xúc tiến', 'Tham dự hội chợ')),
      );
    });
    it('places every precision in the period it overlaps; undated ones only in their whole year', async () => {
      const token = await session(IDS.head);
      expect(await rowsOf(token, 'year=2027&quarter=3')).toEqual(
        refsOf(byTitle('Xúc tiến', 'Tham dự hội chợ', 'Giao lưu')),
      );
      expect(await rowsOf(token, 'year=2027&month=4')).toEqual(
        refsOf(byTitle('Đoàn công tác của tỉnh thăm', 'Hội thảo', 'Giao lưu')),
      );
      const year = await rowsOf(token, 'year=2027');
      expect(year).toContain(seeded.refs.get('Phóng sự giới thiệu tiềm năng du lịch tỉnh'));
      expect(year).toHaveLength(registered.filter((a) => a.year === 2027).length);
      expect(await rowsOf(token, 'year=2027&month=11')).toEqual(
        refsOf(byTitle('Đoàn công tác làm việc với tỉnh Chăm', 'Thư chúc mừng', 'Giao lưu')),
      );
    });
    it('status, lead agency and plan', async () => {
      const token = await session(IDS.coordinator);
      expect(await rowsOf(token, 'status=SUBMITTED')).toEqual(
        refsOf(registered.filter((a) => a.status === 'SUBMITTED')),
      );
      expect(await rowsOf(token, `agency=${seeded.agencyIds.get('SCT')}`)).toEqual(
        refsOf(registered.filter((a) => a.lead === 'SCT')),
      );
      expect(await rowsOf(token, `plan=${seeded.planId}`)).toEqual(refsOf(registered.filter((a) => a.plan)));
    });
    it('text search ignores diacritics and case, and looks at agency and country names', async () => {
      const token = await session(IDS.coordinator);
      expect(await rowsOf(token, 'q=NHAT ban hoi thao dau tu')).toEqual(refsOf(byTitle('Hội thảo')));
      expect(await rowsOf(token, `q=${encodeURIComponent('SHIZUOKA')}`)).toEqual(
        refsOf(byTitle('Đoàn công tác của tỉnh thăm')),
      );
      expect(await rowsOf(token, 'q=vinh thanh')).toEqual(refsOf(byTitle('Giao lưu')));
      expect(await rowsOf(token, 'q=campuchia')).toEqual(refsOf(byTitle('Giao lưu')));
    });
  });

  describe('downloads', () => {
    async function downloadRefs(token: string, query: string, format: 'xlsx' | 'docx' = 'xlsx') {
      const res = await fetch(`${base}api/report?${query}&format=${format}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const { url, filename } = (await res.json()) as { url: string; filename: string };
      expect(filename).toMatch(new RegExp(`\\.${format}$`));
      // Telegram's downloadFile fetches the link without our header: the link carries its own short token.
      const file = await fetch(new URL(url, base));
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toContain(`.${format}`);
      return { bytes: Buffer.from(await file.arrayBuffer()), url };
    }
    async function xlsxRefs(bytes: Buffer) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const text: string[] = [];
      wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => text.push(String(c.value ?? ''))));
      return [...new Set(text.join('\n').match(/\b20\d\d-\d{3}\b/g) ?? [])].sort();
    }
    it('the .xlsx holds exactly the filtered activities of the scope', async () => {
      const head = await session(IDS.head);
      const { bytes } = await downloadRefs(head, 'year=2027&type=OUTBOUND&country=JP');
      expect(await xlsxRefs(bytes)).toEqual(await rowsOf(head, 'year=2027&type=OUTBOUND&country=JP'));
      const sct = await session(IDS.focalSct);
      expect(await xlsxRefs((await downloadRefs(sct, '')).bytes)).toEqual(refsOf(ledOrCoordinated('SCT')));
    });
    it('the .docx is the same official document as /report: heading, body, appendix and the chart', async () => {
      const { bytes } = await downloadRefs(await session(IDS.head), 'year=2027', 'docx');
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      const zip = await JSZip.loadAsync(bytes);
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(xml).toContain('Phụ lục');
      expect(Object.keys(zip.files).some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    });
    it('the .xlsx has the statistics and the chart sheets of /report', async () => {
      const { bytes } = await downloadRefs(await session(IDS.head), 'year=2027');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(wb.worksheets.length).toBeGreaterThanOrEqual(3);
      expect(wb.worksheets.some((ws) => ws.getImages().length > 0)).toBe(true);
    });
    it('a download link with a forged, expired or session token, or of a deactivated user, is refused', async () => {
      const nowSec = Math.floor(Date.now() / 1000);
      const head = await session(IDS.head);
      for (const t of [
        'x',
        head,
        signToken({ uid: IDS.head, exp: nowSec - 1, kind: 'dl', q: 'format=xlsx' }, h.config.botToken),
        signToken({ uid: IDS.focalOff, exp: nowSec + 100, kind: 'dl', q: 'format=xlsx' }, h.config.botToken),
        signToken({ uid: IDS.head, exp: nowSec + 100, kind: 'dl', q: 'format=xlsx' }, '987654321:ANOTHER-bot-token'),
      ]) {
        await expect401(await fetch(`${base}api/report/file?t=${encodeURIComponent(t)}`));
      }
    });
  });

  describe('the summary chart', () => {
    interface Chart {
      png: string;
      width: number;
      height: number;
      model: {
        title: string;
        total: number;
        countries: { label: string; count: number }[];
        series: { type: string; data: number[] }[];
      };
    }
    const chartOf = async (token: string, query: string) => {
      const res = await get(`api/chart?${query}`, token);
      expect(res.status).toBe(200);
      const chart = (await res.json()) as Chart;
      const png = Buffer.from(chart.png, 'base64');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(chart.width);
      return { ...chart, countries: Object.fromEntries(chart.model.countries.map((c) => [c.label, c.count])) };
    };
    it('is drawn by the server for the filter, in the scope of the user; cancelled, returned or refused ones apart', async () => {
      const head = await chartOf(await session(IDS.head), 'year=2027');
      expect(head.model.title).toBe('Hoạt động đối ngoại năm 2027: 9');
      expect(head.countries).toEqual({ 'Nhật Bản': 4, Lào: 2, 'Hàn Quốc': 1, Campuchia: 1 });
      expect(head.width).toBe(1200);
      const japan = await chartOf(await session(IDS.head), 'year=2027&type=OUTBOUND&country=JP&w=600');
      expect(japan.model.title).toBe('Hoạt động đối ngoại năm 2027: 3');
      expect(japan.countries).toEqual({ 'Nhật Bản': 3 });
      expect(japan.model.series.map((s) => s.type)).toEqual(['OUTBOUND']);
      expect(japan.width).toBe(600);
      // SCT leads or coordinates Japanese activities, a cancelled survey in Korea and a returned talk with China.
      const sct = await chartOf(await session(IDS.focalSct), '');
      expect(Object.keys(sct.countries)).toEqual(['Nhật Bản']);
      expect((await chartOf(await session(IDS.head), 'w=5')).width).toBe(480);
    });
    it('is refused without a session', async () => {
      await expect401(await get('api/chart?year=2027'));
      await expect401(await get('api/chart?year=2027', 'forged.token'));
    });
  });

  describe('freshness', () => {
    it('a new or changed activity shows at once, though the rows are cached between requests', async () => {
      const token = await session(IDS.coordinator);
      const before = await rowsOf(token);
      const sct = seeded.agencyIds.get('SCT')!;
      const created = await h.app.repos.activities.create(
        {
          type: 'MEDIA',
          title: 'Bài viết mới về hợp tác',
          leadAgencyId: sct,
          status: 'SUBMITTED',
          timingPrecision: 'MONTH',
          startDate: new Date('2027-06-01T00:00:00Z'),
          endDate: new Date('2027-06-30T00:00:00Z'),
        },
        { userId: null, referenceYear: 2027, now: new Date() },
      );
      expect(await rowsOf(token)).toEqual([...before, created.reference].sort());
      await h.app.repos.activities.update(
        created.id,
        { title: 'Bài viết đã đổi tên', countryCodes: ['LA'] },
        { userId: null, now: new Date() },
      );
      const res = (await (await get('api/activities?country=LA&q=doi ten', token)).json()) as {
        rows: { ref: string; title: string }[];
      };
      expect(res.rows.map((r) => [r.ref, r.title])).toEqual([[created.reference, 'Bài viết đã đổi tên']]);
      expect(await rowsOf(await session(IDS.focalSct))).toContain(created.reference);
      expect(await rowsOf(await session(IDS.focalVh))).not.toContain(created.reference);
      await h.app.db.db.activity.delete({ where: { id: created.id } });
      expect(await rowsOf(token)).toEqual(before);
    });
  });

  describe('the competent authority’s decision', () => {
    it('an authorized activity’s card says who allowed it, with the number and date', async () => {
      const created = await h.app.repos.activities.create(
        {
          type: 'OUTBOUND',
          title: 'Đoàn đã có quyết định',
          leadAgencyId: seeded.agencyIds.get('SCT')!,
          status: 'AGREED',
          timingPrecision: 'MONTH',
          startDate: new Date('2027-08-01T00:00:00Z'),
          endDate: new Date('2027-08-31T00:00:00Z'),
        },
        { userId: null, referenceYear: 2027, now: new Date() },
      );
      await h.app.repos.activities.recordDecision(
        created.id,
        { authority: 'CHAIRMAN_PPC', number: '99/QĐ-UBND', date: new Date('2027-01-02T00:00:00Z'), allowed: true },
        { userId: null, now: new Date() },
      );
      const card = (await (await get(`api/activities/${created.reference}`, await session(IDS.head))).json()) as {
        status: string;
        details: { label: string; value: string }[];
        history: { change: string }[];
      };
      expect(card.status).toBe('AUTHORIZED');
      expect(card.details).toContainEqual({
        label: 'Quyết định của cấp có thẩm quyền',
        value: 'Chủ tịch UBND tỉnh, số 99/QĐ-UBND, ngày 02/01/2027: cho phép',
      });
      expect(card.history.map((x) => x.change)).toContain(
        'Trạng thái: Đã thống nhất, trình cấp có thẩm quyền → Được cấp có thẩm quyền cho phép',
      );
      await h.app.db.db.activity.delete({ where: { id: created.id } });
    });
  });

  describe('the page', () => {
    it('is served with Telegram’s script from the bot itself, and the bare path redirects', async () => {
      const page = await fetch(base);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('src="telegram-web-app.js"');
      expect(html).not.toMatch(/https?:\/\//);
      const js = await fetch(base + 'telegram-web-app.js');
      expect(js.status).toBe(200);
      expect(await js.text()).toContain('Telegram');
      expect((await fetch(base + 'app.js')).status).toBe(200);
      const bare = await fetch(base.slice(0, -1) + '?a=2027-001', { redirect: 'manual' });
      expect(bare.status).toBe(308);
      expect(bare.headers.get('location')).toBe('/board/?a=2027-001');
    });
  });
});
