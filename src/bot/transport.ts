import http from 'node:http';
import https from 'node:https';
import { TelegramError, type Telegram } from 'telegraf';

/**
 * The Bot API call of a JSON payload, made directly on node:http(s) instead of through telegraf's
 * node-fetch client: the same request (POST of the JSON payload, keep-alive), the same results and
 * errors (the method's result; telegraf's TelegramError for `ok: false` and for 5xx; a network
 * failure as a `FetchError` with the token redacted, as telegraf's polling and our error
 * classification expect), without node-fetch's Request, Headers, body stream, URL object and abort
 * signal per call: a form step makes about two calls, and they were a fifth of its CPU.
 * Uploads (multipart) and answers through a webhook's response stay with telegraf.
 */

type ApiOptions = { apiRoot: string; apiMode: string; testEnv: boolean; agent?: http.Agent; webhookReply: boolean };
type ApiClientLike = {
  token: string;
  options: ApiOptions;
  response?: { writableEnded: boolean };
};
export type CallApi = (method: string, payload: object, extra?: { signal?: AbortSignal }) => Promise<unknown>;

/** Node's global agent keeps connections alive (Node ≥ 19); telegraf's https agent is kept for https. */
const httpAgent = new http.Agent({ keepAlive: true, keepAliveMsecs: 10_000 });
/** As telegraf's client: a call may take this long (getUpdates long polls). */
const TIMEOUT_MS = 500_000;

/** A network failure, shaped as node-fetch's (name, type, code) so callers tell it from an API error. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly type = 'system';
  constructor(
    message: string,
    readonly code?: string,
    readonly errno?: string,
  ) {
    super(message);
  }
}

/** True when telegraf must make the call itself: files to upload, or a webhook response to answer in. */
function needsTelegraf(client: ApiClientLike, payload: object): boolean {
  if (!client.token) return true; // telegraf's own error
  if (client.options.webhookReply && client.response?.writableEnded === false) return true;
  return includesMedia(payload);
}

/** telegraf's test for a payload carrying files (`source`/`url` objects), so multipart. */
function includesMedia(payload: object): boolean {
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'link_preview_options' || !value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      if (value.some((v) => isFile((v as { media?: unknown })?.media))) return true;
    } else if (isFile(value) || isFile((value as { media?: unknown }).media)) return true;
  }
  return false;
}
const isFile = (v: unknown) =>
  !!v && typeof v === 'object' && (!!(v as { source?: unknown }).source || !!(v as { url?: unknown }).url);

/** telegraf's JSON replacer: null and undefined fields are left out. */
const replacer = (_: string, value: unknown) => (value == null ? undefined : value);

/** `telegram`'s calls without files go straight to node:http(s); the others through `fallback`. */
export function directCallApi(telegram: Telegram, fallback: CallApi): CallApi {
  const client = telegram as unknown as ApiClientLike;
  return (method, payload, extra) =>
    needsTelegraf(client, payload) ? fallback(method, payload, extra) : post(client, method, payload, extra?.signal);
}

function post(client: ApiClientLike, method: string, payload: object, signal?: AbortSignal): Promise<unknown> {
  const root = rootOf(client);
  const href = root.href + method;
  const body = Buffer.from(JSON.stringify(payload, replacer));
  return new Promise((resolve, reject) => {
    // As node-fetch: `code` and `errno` are the system error's code ('ECONNRESET').
    const fail = (err: Error & { code?: string }) =>
      reject(
        err.name === 'AbortError'
          ? err
          : new FetchError(`request to ${redact(href)} failed, reason: ${err.message}`, err.code, err.code),
      );
    const req = (root.secure ? https : http).request(
      {
        protocol: root.protocol,
        hostname: root.hostname,
        port: root.port,
        path: root.path + method,
        method: 'POST',
        agent: root.secure ? (client.options.agent ?? https.globalAgent) : httpAgent,
        headers: { 'content-type': 'application/json', 'content-length': body.length, connection: 'keep-alive' },
        signal,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 500) {
            reject(
              new TelegramError({ error_code: status, description: res.statusMessage ?? '' }, { method, payload }),
            );
            return;
          }
          let data: { ok: boolean; result?: unknown; error_code: number; description: string };
          try {
            data = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof data;
          } catch (err) {
            reject(
              new FetchError(
                `invalid json response body at ${redact(href)} reason: ${(err as Error).message}`,
                'invalid-json',
              ),
            );
            return;
          }
          if (data.ok) resolve(data.result);
          else reject(new TelegramError(data, { method, payload }));
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('network timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', fail);
    req.end(body);
  });
}

type Root = { href: string; protocol: string; secure: boolean; hostname: string; port: string; path: string };
/** Where a client's calls go, but for the method's name (parsed once per API root, token and mode). */
const roots = new Map<string, Root>();
function rootOf({ options, token }: ApiClientLike): Root {
  const key = `${options.apiRoot}\n${options.apiMode}\n${token}\n${options.testEnv}`;
  let root = roots.get(key);
  if (!root) {
    const url = new URL(`./${options.apiMode}${token}${options.testEnv ? '/test' : ''}/`, options.apiRoot);
    root = {
      href: url.href,
      protocol: url.protocol,
      secure: url.protocol === 'https:',
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      path: url.pathname,
    };
    roots.set(key, root);
  }
  return root;
}

/** The token out of an API URL (telegraf's own redaction, for our error messages). */
const redact = (href: string) => href.replace(/\/(bot|user)(\d+):[^/]+\//, '/$1$2:[REDACTED]/');
