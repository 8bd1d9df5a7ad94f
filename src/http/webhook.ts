import type http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'telegraf/types';
import type { Logger } from '../logger.js';

export const MAX_WEBHOOK_BODY = 1_048_576;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Telegram's webhook POSTs: the secret header must match (401 otherwise), bodies are capped
 * (413), and the update is answered 200 once handled — a non-2xx makes Telegram post it again,
 * which the update de-duplication absorbs.
 */
export function createWebhookHandler(opts: {
  secret: string;
  logger: Logger;
  handleUpdate: (u: Update) => Promise<void>;
}) {
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const reply = (status: number, body = '') => {
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    };
    if (req.method !== 'POST') return reply(405, 'Method not allowed');
    if (!sameSecret(req.headers[SECRET_HEADER], opts.secret)) {
      opts.logger.warn({ msg: 'webhook-bad-secret' });
      return reply(401, 'Unauthorized');
    }
    const body = await readBody(req, MAX_WEBHOOK_BODY).catch(() => null);
    if (!body) return reply(413, 'Payload too large');
    let update: Update;
    try {
      update = JSON.parse(body.toString('utf8')) as Update;
      if (typeof update?.update_id !== 'number') throw new Error('no update_id');
    } catch {
      return reply(400, 'Bad request');
    }
    try {
      await opts.handleUpdate(update);
      reply(200, 'ok');
    } catch (err) {
      opts.logger.error({ msg: 'webhook-update-failed', update_id: update.update_id, err: String(err) });
      reply(500, 'error');
    }
  };
}
