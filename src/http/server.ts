import http from 'node:http';
import type { Logger } from '../logger.js';
import { errorText } from '../security/scrub.js';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  logger: Logger;
  checks: HealthCheck[];
  /** Prometheus text for GET /metrics. */
  metrics?: () => Promise<string>;
  /** Webhook mode: the path Telegram posts to and the handler for it. */
  webhook?: { path: string; handler: (req: http.IncomingMessage, res: http.ServerResponse) => void };
  /** More handlers (the plan board): each answers and returns true when the request is its own. */
  routes?: ((req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>)[];
}

async function runChecks(checks: HealthCheck[]) {
  const results: Record<string, string> = {};
  let ok = true;
  await Promise.all(
    checks.map(async (c) => {
      try {
        await Promise.race([
          c.check(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
        ]);
        results[c.name] = 'ok';
      } catch (err) {
        ok = false;
        results[c.name] = `error: ${errorText(err, 200)}`;
      }
    }),
  );
  return { ok, results };
}

export function startHttpServer(opts: HttpServerOptions): Promise<http.Server> {
  // A failing check, metrics or route answers 500 and is logged; it never becomes an unhandled rejection.
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.logger.error({ msg: 'http-request-failed', path: req.url?.split('?')[0], err: errorText(err) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      const { ok, results } = await runChecks(opts.checks);
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...results }));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/metrics' && opts.metrics) {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(await opts.metrics());
      return;
    }
    if (opts.webhook && url.pathname === opts.webhook.path) {
      opts.webhook.handler(req, res);
      return;
    }
    for (const route of opts.routes ?? []) if (await route(req, res, url)) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, () => {
      opts.logger.info({ msg: 'http-listening', port: opts.port });
      resolve(server);
    });
  });
}
