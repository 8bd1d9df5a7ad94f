import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';

describe('HTTP server', () => {
  it('a route that throws answers 500 and is logged; the server keeps serving', async () => {
    const lines: string[] = [];
    const sink = new PassThrough();
    sink.on('data', (d: Buffer) => lines.push(d.toString()));
    const server = await startHttpServer({
      port: 0,
      logger: createLogger('info', sink),
      checks: [],
      routes: [
        async (_req, _res, url) => {
          if (url.pathname === '/boom') throw new Error('board query failed');
          return false;
        },
      ],
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/boom`)).status).toBe(500);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
      expect(lines.join('')).toMatch(/"msg":"http-request-failed".*board query failed/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
