import http from 'node:http';
import https from 'node:https';
import type { BotApi, WebhookState } from './methods.js';
import { compact } from './store.js';
import type { FakeStats, Params, TgUpdate } from './types.js';

/**
 * Webhook mode: pending updates are POSTed one at a time (like
 * max_connections=1) to the URL registered with setWebhook, with the
 * X-Telegram-Bot-Api-Secret-Token header. A method in the response body
 * (telegraf's "webhook reply") is executed like Telegram does.
 */

export interface WebhookHost {
  readonly api: BotApi;
  readonly stats: FakeStats;
  readonly closed: boolean;
  nowSec(): number;
  executeWebhookReply(method: string, params: Params): Promise<unknown>;
}

export interface WebhookPostResult {
  status: number;
  body: string;
}

export function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<WebhookPostResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export class WebhookDeliverer {
  private running = false;

  constructor(
    private readonly host: WebhookHost,
    private readonly retryMs: number,
  ) {}

  /** Start delivering if a webhook is set and updates are pending. */
  kick(): void {
    if (!this.running) void this.loop();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const hook = this.host.api.webhook;
        if (!hook || this.host.closed) return;
        const queue = this.host.api.store.queue;
        compact(queue, (q) => this.host.api.isAllowed(q.update));
        const item = [...queue].sort((a, b) => a.update.update_id - b.update.update_id)[0];
        if (!item) return;
        item.deliveries++;
        item.forced = false;
        let result: WebhookPostResult;
        try {
          result = await this.post(hook, item.update);
        } catch (e) {
          result = { status: 0, body: e instanceof Error ? e.message : String(e) };
        }
        if (result.status >= 200 && result.status < 300) {
          const idx = queue.indexOf(item);
          if (idx !== -1) queue.splice(idx, 1);
          this.host.stats.webhookDeliveries++;
        } else {
          this.host.stats.webhookFailures++;
          hook.lastErrorDate = this.host.nowSec();
          hook.lastErrorMessage = result.status
            ? `Wrong response from the webhook: ${result.status} ${http.STATUS_CODES[result.status] ?? ''}`.trim()
            : `Connection failed: ${result.body}`;
          await new Promise((r) => setTimeout(r, this.retryMs).unref());
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** POST one update to the webhook and execute a method found in the response body. */
  async post(hook: WebhookState, update: TgUpdate): Promise<WebhookPostResult> {
    const headers: Record<string, string> = {};
    if (hook.secretToken) headers['X-Telegram-Bot-Api-Secret-Token'] = hook.secretToken;
    const result = await postJson(hook.url, JSON.stringify(update), headers);
    if (result.status >= 200 && result.status < 300 && result.body.trim().startsWith('{')) {
      let reply: unknown;
      try {
        reply = JSON.parse(result.body);
      } catch {
        reply = undefined;
      }
      if (reply && typeof reply === 'object' && typeof (reply as { method?: unknown }).method === 'string') {
        const { method, ...params } = reply as { method: string } & Params;
        await this.host.executeWebhookReply(method, params);
      }
    }
    return result;
  }
}
