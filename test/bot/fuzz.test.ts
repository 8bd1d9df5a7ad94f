import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '../../src/domain/enums.js';
import { ACTIVITY_FORMS } from '../../src/bot/features/activity-forms/definitions/index.js';
import { COMMANDS } from '../../src/bot/commands.js';
import { loadMessages } from '../../src/i18n/index.js';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';
import type { TgMessage } from '../support/fake-telegram/types.js';
import { act, conversation, focalPoint, startForm, type Focal } from './register-helpers.js';
import { answerValid } from './register-every-type.js';
import { ALL_CALLBACKS } from '../../src/bot/keyboards/callbacks.js';
import { CALLBACK_ROLES } from '../../src/bot/access.js';

// Property-based fuzzing through the bot over HTTP (fast-check, fixed seed): random and
// adversarial answers — unicode, RTL and zero-width marks, HTML, 4,096 characters, numbers at the
// limits, dates at the edges — to every step of every registration form, to every command's
// arguments and to every callback prefix. Whatever comes in: no crash (no apology, no
// 'update-failed' log), a refused answer stores nothing, every reply within Telegram's limits.

const SEED = 20261128;
const PER_STEP = 4;
const PER_COMMAND = 14;
const PER_PREFIX = 20;
const vi = loadMessages('vi');

const ADVERSARIAL = [
  '',
  ' ',
  '\n\n\n',
  '\u0000',
  '\u202Eevil\u202C',
  '\u200F\u200Eمرحبا\u200F',
  'a\u200B\u200C\u200D\uFEFFb',
  '\u200B',
  'e\u0301\u0301\u0301\u0301',
  '<b>',
  '</i>',
  '<a href="javascript:alert(1)">x</a>',
  '<script>alert(1)</script>',
  '&amp;&lt;&#0;&#x110000;',
  '&',
  '<tg-spoiler>',
  '"\'`${}',
  'x'.repeat(4096),
  'ạ'.repeat(4096),
  '🎉'.repeat(2048),
  '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'.repeat(400),
  `${'<b>'.repeat(1000)}`,
  '0',
  '-0',
  '-1',
  '1',
  '2147483647',
  '2147483648',
  '9007199254740993',
  '-9007199254740993',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  '١٢٣',
  '999.999.999.999.999.999 đồng',
  '1,5 tỷ',
  '-5tr',
  '0,000001',
  '31/12/9999',
  '1/1/0001',
  '00/00/0000',
  '29/02/2024',
  '29/02/2025',
  '32/1/2025',
  '31/4/2025',
  '1/13/2025',
  '2025-13-01',
  '9999-12-31',
  'quý 0/2025',
  'quý V/2025',
  'tháng 13/2025',
  'trước 31/12/1969',
  '10-15/4/2025 - 1/1/2024',
  '15/4/275760',
  'năm 99999',
  '/back',
  '/skip extra',
  '/cancel now',
  '2026-001',
  '#1',
  '@liaison_test_bot',
  'SNN',
  'Lào',
  'Có',
];

const adversarial = fc.constantFrom(...ADVERSARIAL);
const numberText = fc.oneof(
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }).map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);
const dateText = fc
  .tuple(
    fc.integer({ min: -1, max: 40 }),
    fc.integer({ min: -1, max: 14 }),
    fc.integer({ min: 0, max: 300_000 }),
    fc.constantFrom('/', '-', '.', ' '),
  )
  .map(([d, m, y, s]) => `${d}${s}${m}${s}${y}`);
const text = fc.oneof(
  { weight: 4, arbitrary: adversarial },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: numberText },
  { weight: 1, arbitrary: dateText },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom('<', '>', '&', '/', 'b', 'i', ';', '#', '"'), maxLength: 40 }),
  },
);

/** Deterministic samples of `arb` (fast-check's generation and bias, a fixed seed). */
const samples = <T>(arb: fc.Arbitrary<T>, n: number, salt: number) => fc.sample(arb, { numRuns: n, seed: SEED + salt });

/** `s` cut to at most `max` UTF-8 bytes on a character boundary (Telegram delivers at most 64). */
function cutBytes(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch, 'utf8') > max) break;
    out += ch;
  }
  return out;
}

/** Every callback prefix and action code, from the features' typed codecs (defineCallbacks), and /lang's buttons. */
function callbackPrefixes(): { prefixes: string[]; actions: string[] } {
  const prefixes = new Set<string>(['lang']);
  const actions = new Set<string>();
  for (const codec of ALL_CALLBACKS) {
    prefixes.add(codec.prefix);
    for (const [code] of Object.values(codec.actions)) actions.add(code);
  }
  return { prefixes: [...prefixes].sort(), actions: [...actions].sort() };
}

describe('fuzzed input through the bot (fast-check)', () => {
  let h: Harness;
  const logs: string[] = [];
  const cases = { formSteps: 0, formAnswers: 0, refused: 0, accepted: 0, commands: 0, callbacks: 0, stepsVisited: 0 };

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    h = await startHarness({ env: { LOG_LEVEL: 'error' }, logStream });
  });
  afterAll(async () => {
    await h?.stop();
    console.log(
      `fuzz: ${JSON.stringify(cases)}; ${cases.formAnswers + cases.commands + cases.callbacks} fuzzed updates`,
    );
  });

  /** What a refused answer or a crafted press must not change (bookkeeping, outbox and form state aside). */
  async function fingerprint(): Promise<string> {
    const db = h.app.db.db;
    const [users, activities, agencies, invites, settings, counts] = await Promise.all([
      db.user.findMany({
        select: { telegramId: true, role: true, agencyId: true, active: true },
        orderBy: { id: 'asc' },
      }),
      db.activity.findMany({
        select: { reference: true, status: true, title: true, leadAgencyId: true },
        orderBy: { id: 'asc' },
      }),
      db.agency.findMany({ select: { code: true, nameVi: true, active: true }, orderBy: { id: 'asc' } }),
      db.invite.findMany({ select: { id: true, usedAt: true, revokedAt: true }, orderBy: { id: 'asc' } }),
      db.setting.findMany({ where: { key: { not: 'process.heartbeat' } }, orderBy: { key: 'asc' } }),
      Promise.all([
        db.plan.count(),
        db.planResponse.count(),
        db.activityHistory.count(),
        db.changeRequest.count(),
        db.followUp.count(),
        db.anniversary.count(),
        db.holiday.count(),
        db.chatGroup.count(),
        db.planImport.count(),
      ]),
    ]);
    return JSON.stringify({ users, activities, agencies, invites, settings, counts }, (_k, v) =>
      typeof v === 'bigint' ? String(v) : v,
    );
  }

  const crashes = () => logs.filter((l) => l.includes('"update-failed"') || l.includes('"webhook-update-failed"'));
  const apologies = (since: number) =>
    h.fake.calls.filter(
      (c) => c.seq >= since && [c.params.text].some((t) => typeof t === 'string' && t.includes(vi['error.generic']!)),
    );

  it('every step of every registration form: refused answers store nothing, accepted ones keep the form going', async () => {
    const answers = samples(text, 500, 1);
    let next = 0;
    const missed: string[] = [];
    const focal: Focal = await focalPoint(h, 6_150_000_001, { code: 'SNN', name: 'Sở Nông nghiệp và Môi trường' });
    for (const type of ACTIVITY_TYPES) {
      const def = ACTIVITY_FORMS[type];
      await startForm(h, focal, vi[`activity.type.${type}`]!);
      // Answers, taken or refused, live in the form until the submit: stored data stays as it is.
      const fp = await fingerprint();
      const seen = new Set<string>();
      for (let guard = 0; guard < 80; guard++) {
        const c = await conversation(h, focal);
        if (!c || c.state.step === null) break;
        const field = def.fields.find((x) => x.key === c.state.step)!;
        if (!seen.has(field.key)) {
          seen.add(field.key);
          cases.stepsVisited++;
          for (let k = 0; k < PER_STEP; k++) {
            const answer = answers[next++ % answers.length]!;
            const before = await conversation(h, focal);
            const since = h.fake.mark();
            const calls = await act(h, focal.user.id, () => focal.user.send(answer));
            cases.formAnswers++;
            const texts = calls
              .filter((x) => x.method === 'sendMessage' && x.response?.ok)
              .map((x) => String((x.response as { result?: TgMessage }).result?.text ?? ''));
            expect(apologies(since), `${type}.${field.key} ← ${JSON.stringify(answer.slice(0, 40))}`).toEqual([]);
            if (texts[0]?.startsWith('⚠️')) {
              cases.refused++;
              const after = await conversation(h, focal);
              expect(
                after?.version,
                `${type}.${field.key} refused ${JSON.stringify(answer.slice(0, 40))} but the form changed`,
              ).toBe(before?.version);
              expect(await fingerprint()).toBe(fp);
            } else cases.accepted++;
            const now = await conversation(h, focal);
            if (now && now.state.step !== field.key) {
              // Taken: the form moved on. Back to the same question for the next answer.
              await act(h, focal.user.id, () => focal.user.command('back'));
              if ((await conversation(h, focal))?.state.step !== field.key) break;
            }
          }
          cases.formSteps++;
        }
        const cur = await conversation(h, focal);
        if (!cur || cur.state.step === null) break;
        const f = def.fields.find((x) => x.key === cur.state.step)!;
        if (!seen.has(f.key)) continue;
        // Leave any search or sub-menu a fuzzed answer opened, then answer validly.
        // A timing already past, so that the "recording a past activity?" question is asked (and fuzzed) too.
        if (f.kind === 'timing') await act(h, focal.user.id, () => focal.user.send('tháng 1/2025'));
        else if (!f.required) await act(h, focal.user.id, () => focal.user.command('skip'));
        else
          await answerValid(h, focal.user, f).catch(async () => {
            await act(h, focal.user.id, () => focal.user.command('back'));
          });
      }
      missed.push(...def.fields.filter((f) => !seen.has(f.key)).map((f) => `${type}.${f.key}`));
      const c = await conversation(h, focal);
      if (c?.state.step === null) await act(h, focal.user.id, () => focal.user.pressButton('✅ Gửi đăng ký'));
      else await act(h, focal.user.id, () => focal.user.command('cancel'));
      await h.app.db.db.conversation.deleteMany({});
    }
    // The lead agency is asked only when a coordinator or admin registers on an agency's behalf.
    const admin: Focal = { user: h.fake.user(ADMIN_ID, { firstName: 'Lan' }), agencyId: focal.agencyId, userId: 0 };
    for (const type of ACTIVITY_TYPES) {
      await startForm(h, admin, vi[`activity.type.${type}`]!);
      await act(h, ADMIN_ID, () => admin.user.send(`Hoạt động ${type}`));
      const c = await conversation(h, admin);
      if (c?.state.step !== 'leadAgency') continue;
      cases.stepsVisited++;
      cases.formSteps++;
      missed.splice(missed.indexOf(`${type}.leadAgency`), 1);
      for (let k = 0; k < PER_STEP; k++) {
        const answer = answers[next++ % answers.length]!;
        const before = await conversation(h, admin);
        const since = h.fake.mark();
        const calls = await act(h, ADMIN_ID, () => admin.user.send(answer));
        cases.formAnswers++;
        expect(apologies(since), `${type}.leadAgency ← ${JSON.stringify(answer.slice(0, 40))}`).toEqual([]);
        const first = calls.find((x) => x.method === 'sendMessage' && x.response?.ok);
        if (String((first?.response as { result?: TgMessage } | undefined)?.result?.text ?? '').startsWith('⚠️')) {
          cases.refused++;
          expect((await conversation(h, admin))?.version).toBe(before?.version);
        } else cases.accepted++; // a search among the agencies
        if ((await conversation(h, admin))?.state.step !== 'leadAgency') break;
      }
      await h.app.db.db.conversation.deleteMany({});
    }
    expect(crashes()).toEqual([]);
    // Every question of every type.
    const total = ACTIVITY_TYPES.reduce((n, t) => n + ACTIVITY_FORMS[t].fields.length, 0);
    console.log(`fuzz: ${cases.stepsVisited} of ${total} form questions reached`);
    expect(missed).toEqual([]);
    expect(cases.stepsVisited).toBe(total);
  }, 120_000);

  it("every command's arguments: no crash, nothing stored", async () => {
    const admin = h.fake.user(ADMIN_ID, { firstName: 'Lan' });
    const args = samples(text, COMMANDS.length * PER_COMMAND, 2);
    let i = 0;
    await act(h, ADMIN_ID, () => admin.command('start')); // the bootstrap admin's row exists before the first case
    const fp = await fingerprint();
    for (const { command } of COMMANDS) {
      for (let k = 0; k < PER_COMMAND; k++) {
        const arg = args[i++]!;
        const since = h.fake.mark();
        await act(h, ADMIN_ID, () => admin.send(`/${command} ${arg}`));
        cases.commands++;
        expect(apologies(since), `/${command} ${JSON.stringify(arg.slice(0, 40))}`).toEqual([]);
        // Whatever a command opened (a form, a search) is dropped; stored data must be as before.
        await h.app.db.db.conversation.deleteMany({});
        expect(await fingerprint(), `/${command} ${JSON.stringify(arg.slice(0, 40))}`).toBe(fp);
      }
    }
    expect(crashes()).toEqual([]);
  }, 120_000);

  it('every callback prefix with crafted actions and arguments: no crash, nothing stored', async () => {
    const { prefixes, actions } = callbackPrefixes();
    expect(prefixes).toEqual(
      expect.arrayContaining([
        'ag',
        'an',
        'dt',
        'f',
        'fd',
        'fu',
        'inv',
        'lang',
        'my',
        'new',
        'pd',
        'pl',
        'rv',
        'st',
        'us',
        ...Object.keys(CALLBACK_ROLES),
      ]),
    );
    const admin = h.fake.user(ADMIN_ID, { firstName: 'Lan' });
    const arg = fc.oneof(
      fc.constantFrom('0', '-1', '1', '999999999', '9999999999', '', 'x', '1e3', '٣', '\u200B', '%00', ':', '::'),
      numberText,
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    const data = fc
      .tuple(
        fc.constantFrom(...prefixes),
        fc.oneof(fc.constantFrom(...actions), fc.string({ maxLength: 8 })),
        fc.array(arg, { maxLength: 3 }),
      )
      .map(([p, a, rest]) => cutBytes([p, a, ...rest].join(':'), 64));
    const presses = samples(data, prefixes.length * PER_PREFIX, 3);
    // Every prefix gets its share, whatever the sampling drew.
    for (const p of prefixes) presses.push(`${p}:`, `${p}:${actions[0]}:0`, cutBytes(`${p}:${'9'.repeat(70)}`, 64));
    await act(h, ADMIN_ID, () => admin.command('help'));
    const fp = await fingerprint();
    for (const press of presses) {
      const target = h.fake.lastSent(ADMIN_ID)!;
      const since = h.fake.mark();
      await act(h, ADMIN_ID, () => admin.press(target, press));
      cases.callbacks++;
      expect(apologies(since), press).toEqual([]);
      await h.app.db.db.conversation.deleteMany({});
      expect(await fingerprint(), press).toBe(fp);
    }
    expect(crashes()).toEqual([]);
  }, 120_000);

  it("every reply was within Telegram's limits", () => {
    const out = h.fake.calls.filter((c) => c.method !== 'getUpdates');
    for (const c of out) {
      const text = typeof c.params.text === 'string' ? c.params.text : undefined;
      if (c.method === 'answerCallbackQuery') expect([...(text ?? '')].length, text).toBeLessThanOrEqual(200);
      const markup =
        typeof c.params.reply_markup === 'string' ? JSON.parse(c.params.reply_markup) : c.params.reply_markup;
      for (const row of (markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ??
        []) {
        for (const b of row)
          if (b.callback_data !== undefined) expect(Buffer.byteLength(b.callback_data, 'utf8')).toBeLessThanOrEqual(64);
      }
    }
    // The fake refuses (400) a text over 4,096 characters after entities, bad HTML and data over 64 bytes.
    expect({
      tooLong: h.fake.stats.tooLong,
      parseErrors: h.fake.stats.parseErrors,
      buttonDataInvalid: h.fake.stats.buttonDataInvalid,
    }).toEqual({ tooLong: 0, parseErrors: 0, buttonDataInvalid: 0 });
    const failed = out.filter(
      (c) =>
        c.response &&
        c.response.ok === false &&
        !/message is not modified|query is too old/.test(String((c.response as { description?: string }).description)),
    );
    expect(failed.map((c) => `${c.method}: ${(c.response as { description?: string }).description}`)).toEqual([]);
    expect(cases.formAnswers + cases.commands + cases.callbacks).toBeGreaterThanOrEqual(1000);
  });
});
