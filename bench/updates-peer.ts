/**
 * The peer of bench/updates.ts: the same LETTER registration (the prompts, buttons and answers the
 * driver expects) written the conventional way — a telegraf WizardScene, telegraf's own session
 * middleware keeping the wizard's state in SQLite (a small SessionStore on better-sqlite3, as
 * @telegraf/session's SQLite store does: one row per session, JSON), the person's agency read from
 * a users table, the letter inserted as a row. Same WAL settings as Liaison's SQLite.
 * `@telegraf/session` is not used: the registry's 1.0.1 is an unrelated old package, and its 2.x
 * (beta) needs kysely for a table this small.
 */
import Database from 'better-sqlite3';
import { Markup, Scenes, session, Telegraf, type SessionStore } from 'telegraf';

type WizardState = {
  content?: string;
  occasion?: string;
  country?: string;
  signer?: string;
  recipient?: string;
  deadline?: string;
  sentOn?: string | null;
  note?: string | null;
};
type PeerContext = Scenes.WizardContext;

const TYPES = [
  'Đoàn ra',
  'Đoàn vào',
  'Thư chúc mừng',
  'Hội nghị, hội thảo',
  'Hội đàm trực tuyến',
  'Thỏa thuận quốc tế',
  'Giao lưu',
  'Thông tin, báo chí',
  'Khen thưởng',
  'Khác',
];
const OCCASIONS = ['Quốc khánh', 'Năm mới', 'Nhậm chức', 'Chia buồn', 'Khác'];
const COUNTRIES = ['Lào', 'Campuchia', 'Trung Quốc', 'Hàn Quốc', 'Nhật Bản', 'Thái Lan'];

/** One JSON row per session key, in SQLite (prepared once). */
function sqliteSessionStore<T>(db: Database.Database): SessionStore<T> {
  db.exec('CREATE TABLE IF NOT EXISTS telegraf_sessions (key TEXT PRIMARY KEY, session TEXT NOT NULL)');
  const get = db.prepare<[string], { session: string }>('SELECT session FROM telegraf_sessions WHERE key = ?');
  const set = db.prepare(
    'INSERT INTO telegraf_sessions (key, session) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET session = excluded.session',
  );
  const del = db.prepare('DELETE FROM telegraf_sessions WHERE key = ?');
  return {
    get: (key) => {
      const row = get.get(key);
      return row ? (JSON.parse(row.session) as T) : undefined;
    },
    set: (key, value) => void set.run(key, JSON.stringify(value)),
    delete: (key) => void del.run(key),
  };
}

const text = (ctx: PeerContext) => (ctx.message && 'text' in ctx.message ? ctx.message.text.trim() : undefined);
const skipped = (ctx: PeerContext) => text(ctx) === '/skip';
const pressed = async (ctx: PeerContext, options: string[]) => {
  const data = ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  if (data === undefined) return undefined;
  await ctx.answerCbQuery();
  return options[Number(data.slice(2))];
};
const keyboard = (options: string[]) =>
  Markup.inlineKeyboard(
    options.map((o, i) => Markup.button.callback(o, `o:${i}`)),
    { columns: 2 },
  );
const DATE = /(\d{1,2})\/(\d{1,2})\/(\d{4})/;

/** A free-text step: stores the answer under `field`, then asks the next question. */
const textStep =
  (field: 'content' | 'signer' | 'recipient', again: string, next: string, markup?: ReturnType<typeof keyboard>) =>
  async (ctx: PeerContext) => {
    const t = text(ctx);
    if (!t) return ctx.reply(again);
    (ctx.wizard.state as WizardState)[field] = t;
    await ctx.reply(next, markup);
    return ctx.wizard.next();
  };

export function createPeerBot(token: string, apiRoot: string, dbFile: string) {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS users (telegram_id INTEGER PRIMARY KEY, agency_id INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS activities (id INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, agency_id INTEGER NOT NULL, created_by INTEGER NOT NULL,
      content TEXT NOT NULL, details TEXT NOT NULL, deadline TEXT, created_at TEXT NOT NULL)`);
  const agencyOf = db.prepare<[number], { agency_id: number }>('SELECT agency_id FROM users WHERE telegram_id = ?');
  const insert = db.prepare(
    'INSERT INTO activities (type, agency_id, created_by, content, details, deadline, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const addUser = db.prepare('INSERT OR REPLACE INTO users (telegram_id, agency_id) VALUES (?, ?)');

  const letter = new Scenes.WizardScene<PeerContext>(
    'letter',
    async (ctx) => {
      await ctx.reply('Nội dung hoạt động (1/8)');
      return ctx.wizard.next();
    },
    textStep('content', 'Xin nhập nội dung hoạt động (1/8)', 'Dịp gửi thư (2/8)', keyboard(OCCASIONS)),
    async (ctx) => {
      const o = await pressed(ctx, OCCASIONS);
      if (!o) return ctx.reply('Xin chọn dịp gửi thư (2/8)', keyboard(OCCASIONS));
      (ctx.wizard.state as WizardState).occasion = o;
      await ctx.reply('Quốc gia nhận thư (3/8)', keyboard(COUNTRIES));
      return ctx.wizard.next();
    },
    async (ctx) => {
      const c = await pressed(ctx, COUNTRIES);
      if (!c) return ctx.reply('Xin chọn quốc gia nhận thư (3/8)', keyboard(COUNTRIES));
      (ctx.wizard.state as WizardState).country = c;
      await ctx.reply('Người ký gửi thư (4/8)');
      return ctx.wizard.next();
    },
    textStep('signer', 'Xin nhập người ký gửi thư (4/8)', 'Người nhận thư (5/8)'),
    textStep('recipient', 'Xin nhập người nhận thư (5/8)', 'Hạn gửi thư (6/8)'),
    async (ctx) => {
      const m = DATE.exec(text(ctx) ?? '');
      if (!m) return ctx.reply('Xin nhập hạn gửi thư, ví dụ 25/11/2025 (6/8)');
      (ctx.wizard.state as WizardState).deadline = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
      await ctx.reply('Ngày đã gửi thư (7/8)');
      return ctx.wizard.next();
    },
    async (ctx) => {
      const skip = skipped(ctx);
      const m = skip ? null : DATE.exec(text(ctx) ?? '');
      if (!skip && !m) return ctx.reply('Xin nhập ngày đã gửi thư hoặc /skip (7/8)');
      (ctx.wizard.state as WizardState).sentOn = m
        ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`
        : null;
      await ctx.reply('Ghi chú (8/8)');
      return ctx.wizard.next();
    },
    async (ctx) => {
      const t = text(ctx);
      if (!t) return ctx.reply('Xin nhập ghi chú hoặc /skip (8/8)');
      const s = ctx.wizard.state as WizardState;
      s.note = skipped(ctx) ? null : t;
      const lines = [
        `Nội dung: ${s.content}`,
        `Dịp: ${s.occasion}`,
        `Quốc gia: ${s.country}`,
        `Người ký: ${s.signer}`,
        `Người nhận: ${s.recipient}`,
        `Hạn: ${s.deadline}`,
      ];
      await ctx.reply(
        `Xin kiểm tra lại:\n${lines.join('\n')}`,
        Markup.inlineKeyboard([Markup.button.callback('✅ Gửi', 'submit'), Markup.button.callback('❌ Hủy', 'cancel')]),
      );
      return ctx.wizard.next();
    },
    async (ctx) => {
      const data = ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
      if (data !== 'submit' && data !== 'cancel') return ctx.reply('Xin bấm ✅ Gửi hoặc ❌ Hủy');
      await ctx.answerCbQuery();
      if (data === 'cancel') {
        await ctx.reply('Đã hủy.');
        return ctx.scene.leave();
      }
      const s = ctx.wizard.state as WizardState;
      const agency = agencyOf.get(ctx.from!.id);
      if (!agency) {
        await ctx.reply('Bạn chưa là đầu mối của cơ quan nào.');
        return ctx.scene.leave();
      }
      const details = JSON.stringify({
        occasion: s.occasion,
        country: s.country,
        signer: s.signer,
        recipient: s.recipient,
        sentOn: s.sentOn,
        note: s.note,
      });
      const { lastInsertRowid } = insert.run(
        'LETTER',
        agency.agency_id,
        ctx.from!.id,
        s.content,
        details,
        s.deadline,
        new Date().toISOString(),
      );
      await ctx.reply(`Đã ghi nhận. Số hiệu ${lastInsertRowid}`);
      return ctx.scene.leave();
    },
  );

  letter.command('cancel', async (ctx) => {
    await ctx.reply('Đã hủy.');
    return ctx.scene.leave();
  });

  const bot = new Telegraf<PeerContext>(token, { telegram: { apiRoot } });
  bot.use(session({ store: sqliteSessionStore<Scenes.WizardSession>(db) }));
  bot.use(new Scenes.Stage<PeerContext>([letter]).middleware());
  bot.command('new', async (ctx) => {
    if (!agencyOf.get(ctx.from.id)) return ctx.reply('Bạn chưa là đầu mối của cơ quan nào.');
    await ctx.reply('Chọn loại hoạt động', keyboard(TYPES));
  });
  bot.action(/^o:(\d+)$/, async (ctx) => {
    if (TYPES[Number(ctx.match[1])] !== 'Thư chúc mừng') return ctx.answerCbQuery('Chỉ có mẫu thư chúc mừng');
    await ctx.answerCbQuery();
    return ctx.scene.enter('letter');
  });
  return {
    bot,
    addFocalPoint: (telegramId: number, agencyId: number) => void addUser.run(telegramId, agencyId),
    letters: () => (db.prepare("SELECT COUNT(*) AS n FROM activities WHERE type = 'LETTER'").get() as { n: number }).n,
    close: () => db.close(),
  };
}
