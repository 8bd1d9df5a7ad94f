/**
 * The plan board over HTTP, mounted by the bot's own server at the path of WEBAPP_URL:
 *
 *   GET  <path>/                      the page (and its app.js, app.css, telegram-web-app.js)
 *   POST <path>/api/session           {initData} → {token, expiresAt}: Telegram's signature checked
 *   GET  <path>/api/me                who is signed in, the page's texts
 *   GET  <path>/api/activities?…      rows of the scope (filtered by the query), names, counts
 *   GET  <path>/api/counts?…          counts only
 *   GET  <path>/api/chart?…&w=        the summary chart of the filtered rows: its data and a PNG
 *   GET  <path>/api/activities/<ref>  one card with history and follow-ups
 *   POST <path>/api/report?…&format=  a short-lived link to the filtered report (.xlsx / .docx)
 *   GET  <path>/api/report/file?t=…   the file (Telegram's downloadFile fetches it without our header)
 *
 * Every /api answer but the session exchange needs `Authorization: Bearer <token>`; anything not
 * signed by this bot, expired, or of a user who is no longer active gets 401 and nothing else.
 */
import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Logger } from '../../logger.js';
import { parseFilter, filterQuery } from '../../domain/board.js';
import { validateInitData } from './init-data.js';
import { DOWNLOAD_TTL_SEC, SESSION_TTL_SEC, signToken, verifyToken } from './session.js';
import type { BoardService, BoardUser } from './board-service.js';
import type { BoardAssets } from './assets.js';

export interface BoardHttpOptions {
  /** Path of WEBAPP_URL, ending in "/". */
  basePath: string;
  botToken: string;
  service: BoardService;
  assets: () => Promise<BoardAssets>;
  logger: Logger;
  nowSec?: () => number;
}

const MAX_BODY = 16_384;
const REF = /^\d{4}-\d{1,6}$/;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Telegram Web shows Mini Apps in an iframe; other clients in a web view.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self' https://web.telegram.org https://*.telegram.org",
};

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

export function createBoardHttp(opts: BoardHttpOptions) {
  const { basePath, botToken, service, logger } = opts;
  const nowSec = opts.nowSec ?? (() => Math.floor(Date.now() / 1000));
  const api = `${basePath}api/`;

  function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown) {
    const json = Buffer.from(JSON.stringify(body));
    const gzip = json.length > 2048 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    res.end(gzip ? gzipSync(json, { level: 4 }) : json);
  }
  const unauthorized = (req: http.IncomingMessage, res: http.ServerResponse) =>
    send(req, res, 401, { error: 'unauthorized' });

  /** The active user a bearer token names, or null. */
  async function sessionUser(req: http.IncomingMessage): Promise<BoardUser | null> {
    const m = /^Bearer ([\w.-]+)$/.exec(String(req.headers.authorization ?? ''));
    const claims = m ? verifyToken(m[1], botToken, nowSec(), 'api') : null;
    return claims ? service.userOf(claims.uid, claims.lc) : null;
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, route: string, url: URL) {
    if (route === 'session') {
      if (req.method !== 'POST') return send(req, res, 405, { error: 'method' });
      const body = await readBody(req);
      let initData: unknown;
      try {
        initData = body ? (JSON.parse(body) as { initData?: unknown }).initData : undefined;
      } catch {
        initData = undefined;
      }
      const valid = validateInitData(initData, botToken, nowSec());
      const user = valid
        ? await service.userOf(
            valid.user.id,
            valid.user.languageCode,
            [valid.user.firstName, valid.user.lastName].filter(Boolean).join(' '),
          )
        : null;
      if (!valid || !user) {
        logger.warn({ msg: 'board-signin-refused', reason: valid ? 'not-a-user' : 'bad-init-data' });
        return unauthorized(req, res);
      }
      const exp = nowSec() + SESSION_TTL_SEC;
      logger.info({ msg: 'board-signin', userId: user.id, role: user.role });
      return send(req, res, 200, {
        token: signToken({ uid: valid.user.id, exp, kind: 'api', lc: valid.user.languageCode }, botToken),
        expiresAt: exp,
        startParam: valid.startParam ?? null,
      });
    }

    if (route === 'report/file') {
      const claims = verifyToken(url.searchParams.get('t'), botToken, nowSec(), 'dl');
      const user = claims ? await service.userOf(claims.uid, claims.lc) : null;
      if (!claims || !user) return unauthorized(req, res);
      const params = new URLSearchParams(claims.q ?? '');
      const format = params.get('format') === 'docx' ? 'docx' : 'xlsx';
      const started = performance.now();
      const file = await service.report(user, parseFilter(params), format);
      if (file.tooMany) return send(req, res, 413, { error: 'too-many', count: file.count });
      logger.info({
        msg: 'board-report',
        userId: user.id,
        format,
        rows: file.count,
        ms: Math.round(performance.now() - started),
      });
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type':
          format === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'cache-control': 'no-store',
      });
      return res.end(file.bytes);
    }

    const user = await sessionUser(req);
    if (!user) return unauthorized(req, res);
    const filter = parseFilter(url.searchParams);

    if (req.method === 'GET' && route === 'me') return send(req, res, 200, service.me(user));
    if (req.method === 'GET' && route === 'activities')
      return send(req, res, 200, await service.activities(user, filter));
    if (req.method === 'GET' && route === 'counts') return send(req, res, 200, await service.counts(user, filter));
    if (req.method === 'GET' && route === 'chart') {
      // The page asks for a width that suits the screen (a phone: narrower, so the text stays legible).
      const w = url.searchParams.has('w') ? Number(url.searchParams.get('w')) : NaN;
      return send(
        req,
        res,
        200,
        await service.chart(user, filter, Number.isInteger(w) ? Math.min(1200, Math.max(480, w)) : undefined),
      );
    }
    if (req.method === 'GET' && route.startsWith('activities/')) {
      const ref = decodeURIComponent(route.slice('activities/'.length));
      const card = REF.test(ref) ? await service.card(user, ref) : null;
      return card ? send(req, res, 200, card) : send(req, res, 404, { error: 'not-found' });
    }
    if (req.method === 'POST' && route === 'report') {
      const format = url.searchParams.get('format') === 'docx' ? 'docx' : 'xlsx';
      const q = `${filterQuery(filter)}&format=${format}`;
      const t = signToken(
        { uid: Number(user.telegramId), exp: nowSec() + DOWNLOAD_TTL_SEC, kind: 'dl', q, lc: user.locale },
        botToken,
      );
      return send(req, res, 200, {
        url: `${api}report/file?t=${t}`,
        format,
        filename: service.reportName(user, filter, format),
      });
    }
    return send(req, res, 404, { error: 'not-found' });
  }

  /** Handles the request when it is the board's; returns false otherwise. */
  return async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (`${path}/` === basePath) {
      res.writeHead(308, { location: `${basePath}${url.search}` });
      res.end();
      return true;
    }
    if (!path.startsWith(basePath)) return false;
    const rest = path.slice(basePath.length);
    try {
      if (path.startsWith(api)) {
        await handleApi(req, res, rest.slice('api/'.length), url);
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, SECURITY_HEADERS).end();
        return true;
      }
      const file = (await opts.assets()).files.get(rest === '' ? 'index.html' : rest);
      if (!file) {
        res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('Not found');
        return true;
      }
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': file.type,
        'cache-control': rest === '' ? 'no-cache' : 'public, max-age=300',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    } catch (err) {
      logger.error({ msg: 'board-request-failed', path: rest.slice(0, 40), err: String(err) });
      if (!res.headersSent) send(req, res, 500, { error: 'internal' });
      else res.end();
    }
    return true;
  };
}
export type BoardHttp = ReturnType<typeof createBoardHttp>;
