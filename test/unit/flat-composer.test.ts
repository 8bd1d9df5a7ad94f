import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Context } from 'telegraf';
import type { Update } from 'telegraf/types';
import { FlatComposer } from '../../src/bot/composer';

const textUpdate = (text: string): Update => ({
  update_id: 1,
  message: {
    ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] } : {}),
    message_id: 1,
    date: 0,
    text,
    chat: { id: 1, type: 'private', first_name: 'A' },
    from: { id: 1, is_bot: false, first_name: 'A' },
  },
});

const run = (c: FlatComposer<Context>, text: string) =>
  c.middleware()(new Context(textUpdate(text), {} as never, {} as never), async () => undefined);

describe('FlatComposer', () => {
  it('runs its handlers in the order they were added, each passing on with next, as a Composer does', async () => {
    const seen: string[] = [];
    const c = new FlatComposer<Context>((_, next) => (seen.push('first'), next()));
    c.command('help', () => void seen.push('help'));
    c.on('message', (_, next) => (seen.push('message'), next()));
    c.hears('hi', () => void seen.push('hears'));
    await run(c, 'hi');
    await run(c, '/help');
    expect(seen).toEqual(['first', 'message', 'hears', 'first', 'help']);
  });

  it('takes in handlers added after its middleware was first asked for', async () => {
    const seen: string[] = [];
    const c = new FlatComposer<Context>();
    const inner = new FlatComposer<Context>();
    c.use(inner);
    await run(c, 'x');
    inner.on('message', () => void seen.push('inner'));
    await run(c, 'x');
    expect(seen).toEqual(['inner']);
  });

  it('refuses next() called twice, as a Composer does', async () => {
    const c = new FlatComposer<Context>(
      async (_, next) => {
        await next();
        await next();
      },
      () => undefined,
    );
    await expect(run(c, 'x')).rejects.toThrow('next() called multiple times');
  });

  it("turns a handler's synchronous throw into a rejection, and passes a changed context on", async () => {
    const boom = new FlatComposer<Context>(
      (_, next) => next(),
      () => {
        throw new Error('boom');
      },
    );
    await expect(run(boom, 'x')).rejects.toThrow('boom');
    const seen: string[] = [];
    const c = new FlatComposer<Context>(
      (ctx, next) => {
        const other = new Context(textUpdate('changed'), ctx.telegram, ctx.botInfo);
        return (next as (c: Context) => Promise<void>)(other);
      },
      (ctx) => void seen.push(ctx.text ?? ''),
    );
    await run(c, 'x');
    expect(seen).toEqual(['changed']);
  });

  it('is the only Composer the bot builds', () => {
    const dir = path.resolve(import.meta.dirname, '../../src/bot');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const nested = files.filter((f) => /new Composer\b/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(nested).toEqual([]);
  });
});
