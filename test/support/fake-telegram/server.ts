import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, errors } from './errors.js';
import { Injector, type RuleTarget } from './limits.js';
import { BotApi, Described, type CallbackAnswer, type MethodHandler } from './methods.js';
import { BodyParseError, parseBody, parseQuery } from './multipart.js';
import { SimGroup, SimUser, type SimGroupOptions, type SimHost, type SimUserOptions } from './sim-user.js';
import type { MessageRecord, StoredFile } from './store.js';
import {
  emptyStats,
  type ApiErrorSpec,
  type ApiResponse,
  type CallRecord,
  type FakeLimits,
  type FakeStats,
  type Params,
  type RandomFailureConfig,
  type TgMessage,
  type TgUpdate,
  type TgUser,
} from './types.js';
import { WebhookDeliverer, type WebhookPostResult } from './webhook.js';

export interface FakeTelegramOptions {
  /** Default "123456:TEST-TOKEN". */
  token?: string;
  /** Default: the numeric prefix of the token. */
  botId?: number;
  /** Default "liaison_test_bot". */
  botUsername?: string;
  /** Default "Liaison Test Bot". */
  botFirstName?: string;
  /** Content limits are on by default (4096 / 1024 / 64); rate limits are off unless given. */
  limits?: FakeLimits;
  /** Seeded random 429/5xx injection (for benchmarks). */
  random?: RandomFailureConfig;
  /** Unknown chat ids → 400 "chat not found" (default: auto-create the chat). */
  strictChats?: boolean;
  /** Keep only the last N call records (benchmarks). Default: unlimited. */
  maxRecordedCalls?: number;
  /**
   * Keep only the last messages of each chat and the last pushed updates (benchmarks: a long run
   * would otherwise hold every message of the run in the process's heap). Default: all.
   */
  retain?: { messagesPerChat?: number; updates?: number };
  /**
   * The first update's id (default 100,000): a bot that meets a second fake, as after a restart,
   * sees ids go on from the first one's instead of the ids it has already handled.
   */
  firstUpdateId?: number;
  /** Clock in ms (default Date.now); used for message dates and rate limits. */
  now?: () => number;
  /** Delay before retrying a failed webhook delivery. Default 100 ms. */
  webhookRetryMs?: number;
  /** Port to listen on (default: ephemeral). */
  port?: number;
}

/** Matcher for waitFor(); all given fields must match. */
export interface CallMatcher {
  method?: string;
  chatId?: number;
  /** Substring of the text/caption (raw parameter or the parsed text of the result). */
  textIncludes?: string;
  textMatches?: RegExp;
  /** Only successful (true) or failed (false) calls. */
  ok?: boolean;
  /** Only calls with seq >= since (see fake.mark()). */
  since?: number;
}

export type CallPredicate = (call: CallRecord) => boolean;

export interface WaitForIdleOptions {
  timeoutMs?: number;
  /** Required silence (no call arriving or completing). Default 50 ms. */
  quietMs?: number;
}

interface Waiter {
  test: (call: CallRecord) => boolean;
  resolve: (call: CallRecord) => void;
  reject: (err: Error) => void;
}

const DEFAULT_TOKEN = '123456:TEST-TOKEN';

export class FakeTelegram implements SimHost {
  readonly token: string;
  readonly botInfo: TgUser;
  readonly api: BotApi;
  readonly injector = new Injector();
  readonly stats: FakeStats = emptyStats();
  /** Every call in arrival order (capped by maxRecordedCalls). */
  readonly calls: CallRecord[] = [];
  apiRoot = '';
  closed = false;

  private readonly server: http.Server;
  private readonly now: () => number;
  private readonly closeController = new AbortController();
  private readonly waiters = new Set<Waiter>();
  private readonly users = new Map<number, SimUser>();
  private readonly groups = new Map<number, SimGroup>();
  private readonly webhookDeliverer: WebhookDeliverer;
  private seq = 0;
  private inFlight = 0;
  private lastActivityAt = 0;
  private callbackCounter = 0;

  constructor(private readonly opts: FakeTelegramOptions = {}) {
    this.token = opts.token ?? DEFAULT_TOKEN;
    this.now = opts.now ?? Date.now;
    const botId = opts.botId ?? (Number(this.token.split(':')[0]) || 123456);
    this.botInfo = {
      id: botId,
      is_bot: true,
      first_name: opts.botFirstName ?? 'Liaison Test Bot',
      username: opts.botUsername ?? 'liaison_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
    this.webhookDeliverer = new WebhookDeliverer(this, opts.webhookRetryMs ?? 100);
    const apiOpts: ConstructorParameters<typeof BotApi>[0] = {
      botUser: this.botInfo,
      now: this.now,
      stats: this.stats,
      kickWebhook: () => this.webhookDeliverer.kick(),
    };
    if (opts.limits) apiOpts.limits = opts.limits;
    if (opts.strictChats) apiOpts.strictChats = true;
    if (opts.retain) apiOpts.retain = opts.retain;
    if (opts.firstUpdateId !== undefined) apiOpts.firstUpdateId = opts.firstUpdateId;
    this.api = new BotApi(apiOpts);
    if (opts.random) this.injector.setRandom(opts.random);
    this.server = http.createServer((req, res) => void this.handleHttp(req, res));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
    return this;
  }

  nowSec(): number {
    return Math.floor(this.now() / 1000);
  }

  nextCallbackId(): string {
    return String(7_000_000_000_000_000 + ++this.callbackCounter);
  }

  // ================================================================ HTTP

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (file) return this.serveFile(file[1]!, decodeURIComponent(file[2]!), res);

      const m = /^\/bot([^/]+)\/([A-Za-z0-9_]*)\/?$/.exec(url.pathname);
      const body = await readBody(req);
      if (!m) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });

      let params: Params;
      try {
        params = { ...parseQuery(url.searchParams), ...parseBody(req.headers['content-type'], body) };
      } catch (e) {
        if (e instanceof BodyParseError)
          return sendJson(res, 400, { ok: false, error_code: 400, description: e.message });
        throw e;
      }
      const method = m[2]!;
      // telegraf repeats the method name inside multipart bodies.
      if (typeof params.method === 'string' && params.method.toLowerCase() === method.toLowerCase())
        delete params.method;

      const controller = new AbortController();
      const abort = () => controller.abort();
      res.on('close', () => {
        if (!res.writableFinished) abort();
      });
      this.closeController.signal.addEventListener('abort', abort, { once: true });
      try {
        const { status, response } = await this.execute(method, params, controller.signal, 'http', m[1] === this.token);
        if (!res.destroyed) sendJson(res, status, response);
      } finally {
        this.closeController.signal.removeEventListener('abort', abort);
      }
    } catch (e) {
      if (!res.headersSent && !res.destroyed) {
        sendJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(e)}` });
      }
    }
  }

  private serveFile(token: string, path: string, res: http.ServerResponse): void {
    const stored = token === this.token ? this.api.store.filesByPath.get(path) : undefined;
    if (!stored) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found: file not found' }));
      return;
    }
    res.writeHead(200, {
      'content-type': stored.mimeType ?? 'application/octet-stream',
      'content-length': stored.bytes.length,
    });
    res.end(stored.bytes);
  }

  /** Runs one Bot API call through injection, the handler and recording. */
  private async execute(
    requested: string,
    params: Params,
    signal: AbortSignal,
    via: CallRecord['via'],
    authorized = true,
  ): Promise<{ status: number; response: ApiResponse }> {
    const handler = this.api.lookup(requested);
    const method = handler?.name ?? requested;
    const chatId = numericChatId(params.chat_id);
    const call: CallRecord = { seq: this.seq++, method, params, at: this.now(), via };
    if (chatId !== undefined) call.chatId = chatId;
    this.record(call);
    const counted = method !== 'getUpdates';
    if (counted) this.inFlight++;
    this.lastActivityAt = Date.now();

    let response: ApiResponse;
    try {
      if (!authorized) throw errors.unauthorized();
      if (!handler) throw errors.notFound();
      const hang = this.injector.takeHang(method, chatId);
      if (hang?.mode === 'before') {
        await delay(hang.ms, signal);
        if (signal.aborted) throw new ApiError(499, 'fake-telegram: client went away during hang; call not processed');
      }
      const injected = this.injector.takeFailure(method, chatId);
      if (injected) {
        this.stats.injected++;
        throw injected;
      }
      const random = this.injector.randomFailure(method, this.stats);
      if (random) throw random;
      const result = await handler.fn(params, { signal });
      if (hang?.mode === 'after') await delay(hang.ms, signal);
      response =
        result instanceof Described
          ? { ok: true, result: result.result, description: result.description }
          : { ok: true, result };
    } catch (e) {
      const err =
        e instanceof ApiError ? e : new ApiError(500, `Internal Server Error: fake-telegram bug: ${String(e)}`);
      response = { ok: false, error_code: err.error_code, description: err.description };
      if (err.parameters) response.parameters = err.parameters;
    }

    this.stats.calls++;
    if (!counted) this.stats.pollCalls++;
    if (!response.ok) this.stats.errors++;
    call.response = response;
    call.status = response.ok ? 200 : response.error_code;
    call.doneAt = this.now();
    if (counted) this.inFlight--;
    this.lastActivityAt = Date.now();
    this.notify(call);
    return { status: call.status, response };
  }

  /** Used by the webhook deliverer for methods returned in a webhook response body. */
  async executeWebhookReply(method: string, params: Params): Promise<unknown> {
    return (await this.execute(method, params, this.closeController.signal, 'webhook-reply')).response;
  }

  private record(call: CallRecord): void {
    this.calls.push(call);
    const max = this.opts.maxRecordedCalls;
    if (max !== undefined && this.calls.length > max * 1.5) this.calls.splice(0, this.calls.length - max);
  }

  // ================================================================ recording & assertions

  /** Calls to `method` (case-insensitive), in order. */
  callsTo(method: string): CallRecord[] {
    const m = method.toLowerCase();
    return this.calls.filter((c) => c.method.toLowerCase() === m);
  }

  /** Sequence number the next call will get; pass as `since` to waitFor. */
  mark(): number {
    return this.seq;
  }

  /** Bot messages in a chat (current state after edits; deleted excluded). */
  sent(chatId: number): TgMessage[] {
    return this.api.store.botMessages(chatId);
  }

  lastSent(chatId: number): TgMessage | undefined {
    return this.sent(chatId).at(-1);
  }

  /** All messages of a chat (users' and bot's, including deleted), with edit history. */
  history(chatId: number): MessageRecord[] {
    return [...(this.api.store.chats.get(chatId)?.order ?? [])];
  }

  message(chatId: number, messageId: number): TgMessage | undefined {
    return this.api.store.getMessage(chatId, messageId)?.message;
  }

  /** What the bot answered to a callback query (undefined if not answered yet). */
  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    return this.api.callbackAnswer(callbackQueryId);
  }

  /** Commands set with setMyCommands for a scope (default scope) and language. */
  commands(scope: Record<string, unknown> = { type: 'default' }, languageCode?: string): unknown[] {
    const p: Params = { scope };
    if (languageCode) p.language_code = languageCode;
    return (this.api.lookup('getMyCommands')!.fn(p, { signal: this.closeController.signal }) as unknown[]) ?? [];
  }

  /** The menu button set with setChatMenuButton for a private chat (Telegram's default when none). */
  menuButton(chatId: number): Record<string, unknown> {
    return this.api
      .lookup('getChatMenuButton')!
      .fn({ chat_id: chatId }, { signal: this.closeController.signal }) as Record<string, unknown>;
  }

  /** A file known to the fake (uploaded by the bot or sent by a SimUser). */
  file(fileId: string): StoredFile | undefined {
    return this.api.store.files.get(fileId);
  }

  /**
   * Resolves with the first completed call (seq >= since) matching, checking
   * past calls first. Rejects after `timeoutMs` listing recent calls.
   */
  waitFor(match: CallMatcher | CallPredicate, timeoutMs = 5000, since = 0): Promise<CallRecord> {
    const from = typeof match === 'function' ? since : (match.since ?? since);
    const pred = typeof match === 'function' ? match : matcherToPredicate(match);
    const test = (c: CallRecord) => c.seq >= from && c.response !== undefined && pred(c);
    const past = this.calls.find(test);
    if (past) return Promise.resolve(past);
    if (this.closed) return Promise.reject(new Error('fake-telegram: waitFor on a closed fake'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
        resolve: (c) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(c);
        },
        reject: (err) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        const what = typeof match === 'function' ? match.toString().slice(0, 200) : describeMatcher(match);
        waiter.reject(
          new Error(
            `fake-telegram: waitFor timed out after ${timeoutMs} ms waiting for ${what}\n${this.describeRecent()}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /**
   * Resolves when every pushed update has been handed out and confirmed
   * (getUpdates offset / webhook 2xx), no non-getUpdates call is in flight and
   * nothing happened for `quietMs`.
   */
  async waitForIdle(opts: WaitForIdleOptions = {}): Promise<void> {
    const timeoutMs = opts.timeoutMs ?? 5000;
    const quietMs = opts.quietMs ?? 50;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = this.api.store.queue.length;
      const quietFor = Date.now() - this.lastActivityAt;
      if (pending === 0 && this.inFlight === 0 && quietFor >= quietMs) return;
      if (Date.now() > deadline) {
        throw new Error(
          `fake-telegram: waitForIdle timed out after ${timeoutMs} ms: ${pending} update(s) not confirmed` +
            ` (is the bot polling?), ${this.inFlight} call(s) in flight\n${this.describeRecent()}`,
        );
      }
      if (this.closed) throw new Error('fake-telegram: waitForIdle on a closed fake');
      await new Promise((r) => setTimeout(r, Math.max(5, Math.min(20, quietMs - quietFor))));
    }
  }

  /** Human-readable list of recent calls (getUpdates omitted). */
  describeRecent(n = 15): string {
    const recent = this.calls.filter((c) => c.method !== 'getUpdates').slice(-n);
    if (recent.length === 0) return 'No calls recorded (besides getUpdates).';
    return `Recent calls:\n${recent.map(describeCall).join('\n')}`;
  }

  private notify(call: CallRecord): void {
    for (const w of [...this.waiters]) if (w.test(call)) w.resolve(call);
  }

  // ================================================================ updates & simulated users

  /** Queue a raw update (update_id assigned if missing); returns it. */
  pushUpdate(update: Omit<TgUpdate, 'update_id'> & { update_id?: number }): TgUpdate {
    return this.api.pushUpdate(update);
  }

  /** Deliver a previously pushed update again with the same update_id (even if already confirmed). */
  redeliver(updateId: number): TgUpdate {
    return this.api.redeliver(updateId);
  }

  /** Updates not yet confirmed. */
  pendingUpdates(): TgUpdate[] {
    return this.api.store.queue.map((q) => q.update);
  }

  /** A simulated user (same object for the same id; chat id == user id). */
  user(id: number, opts?: SimUserOptions): SimUser {
    let u = this.users.get(id);
    if (!u) {
      u = new SimUser(this, id, opts);
      this.users.set(id, u);
    }
    return u;
  }

  /** A simulated group (negative id; -100… ids are supergroups). */
  group(chatId: number, title = `Group ${chatId}`, opts?: SimGroupOptions): SimGroup {
    let g = this.groups.get(chatId);
    if (!g) {
      g = new SimGroup(this, chatId, title, opts);
      this.groups.set(chatId, g);
    }
    return g;
  }

  // ================================================================ limits & injection

  setLimits(limits: FakeLimits): void {
    this.api.setLimits(limits);
  }

  /** Make the next matching call(s) fail (method '*' matches any; getUpdates is a method too). */
  failNext(method: string, error: ApiErrorSpec, target?: RuleTarget): void {
    this.injector.failNext(method, error, target);
  }

  /** Sends to this chat get 403 (user: "bot was blocked by the user"; group: "bot was kicked"). No update is pushed. */
  blockBy(chatId: number): void {
    (this.api.store.chats.get(chatId) ?? this.api.store.autoChat(chatId)).blocked = true;
  }

  unblock(chatId: number): void {
    const state = this.api.store.chats.get(chatId);
    if (state) state.blocked = false;
  }

  /**
   * Delay matching calls by `ms` (Infinity = until the client gives up or the fake closes).
   * mode 'before' (default): delay, then process; 'after': process, then delay the response.
   */
  hang(method: string, ms: number, opts?: RuleTarget & { mode?: 'before' | 'after' }): void {
    this.injector.hang(method, ms, opts);
  }

  /** Seeded random 429/5xx for benchmarks; undefined turns it off. */
  setRandomFailures(cfg: RandomFailureConfig | undefined): void {
    this.injector.setRandom(cfg);
  }

  /** Remove failNext/hang rules and random failures, reset rate-limit windows. */
  resetInjections(): void {
    this.injector.clear();
    this.api.rateLimiter.reset();
  }

  /** Add or override a Bot API method. Throw `new ApiError(code, description)` for errors. */
  onMethod(name: string, handler: MethodHandler): void {
    this.api.register(name, handler);
  }

  // ================================================================ webhook

  /** POST an update to the registered webhook now (bypassing the queue); returns the HTTP result. */
  async postToWebhook(update: Omit<TgUpdate, 'update_id'> & { update_id?: number }): Promise<WebhookPostResult> {
    const hook = this.api.webhook;
    if (!hook) throw new Error('fake-telegram: postToWebhook needs a webhook set with setWebhook');
    const full = this.api.store.enqueue(update);
    this.api.store.queue.splice(
      this.api.store.queue.findIndex((q) => q.update === full),
      1,
    );
    return this.webhookDeliverer.post(hook, full);
  }

  // ================================================================ lifecycle

  /** Stops the server; pending long polls are answered immediately, waiters rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closeController.abort();
    for (const w of [...this.waiters]) w.reject(new Error('fake-telegram: closed while waiting'));
    // Let aborted handlers write their responses before dropping connections.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Start a fake Bot API server on 127.0.0.1 (ephemeral port). */
export async function startFakeTelegram(opts?: FakeTelegramOptions): Promise<FakeTelegram> {
  return new FakeTelegram(opts).listen();
}

// ================================================================ helpers

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    signal.addEventListener('abort', done);
  });
}

function numericChatId(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return Number(raw);
  return undefined;
}

function callTexts(call: CallRecord): string[] {
  const out: string[] = [];
  for (const v of [call.params.text, call.params.caption]) if (typeof v === 'string') out.push(v);
  const result = call.response?.ok ? (call.response.result as { text?: unknown; caption?: unknown } | null) : null;
  if (result && typeof result === 'object') {
    if (typeof result.text === 'string') out.push(result.text);
    if (typeof result.caption === 'string') out.push(result.caption);
  }
  return out;
}

function matcherToPredicate(m: CallMatcher): CallPredicate {
  const method = m.method?.toLowerCase();
  return (c) =>
    (method === undefined || c.method.toLowerCase() === method) &&
    (m.chatId === undefined || c.chatId === m.chatId) &&
    (m.ok === undefined || c.response?.ok === m.ok) &&
    (m.textIncludes === undefined || callTexts(c).some((t) => t.includes(m.textIncludes!))) &&
    (m.textMatches === undefined || callTexts(c).some((t) => m.textMatches!.test(t)));
}

function describeMatcher(m: CallMatcher): string {
  const parts = Object.entries(m).map(([k, v]) => `${k}: ${v instanceof RegExp ? String(v) : JSON.stringify(v)}`);
  return `{ ${parts.join(', ')} }`;
}

function describeCall(c: CallRecord): string {
  const text = callTexts(c)[0];
  const shown = text === undefined ? '' : ` ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)}`;
  const chat = c.chatId !== undefined ? ` chat=${c.chatId}` : '';
  const outcome =
    c.response === undefined ? 'pending' : c.response.ok ? 'ok' : `${c.response.error_code} ${c.response.description}`;
  return `  #${c.seq} ${c.method}${chat}${shown} -> ${outcome}`;
}
