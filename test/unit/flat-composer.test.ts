import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Composer, Context } from 'telegraf';
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

/** As Telegram sends it: the command entity covers the command only, not its arguments. */
const commandUpdate = (text: string): Update => {
  const u = textUpdate(text) as Update.MessageUpdate & { message: { entities?: { length: number }[] } };
  if (u.message.entities) u.message.entities[0]!.length = text.split(' ')[0]!.length;
  return u;
};

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

  it('gives command, action, on and hears what telegraf’s own give (command, payload, args, match)', async () => {
    const got: unknown[] = [];
    const ours = new FlatComposer<Context>();
    const theirs = new Composer<Context>();
    for (const c of [ours, theirs] as Composer<Context>[]) {
      c.command('find', (ctx) => void got.push([ctx.command, ctx.payload, ctx.args]));
      c.hears(/^xin (\S+)/, (ctx) => void got.push(ctx.match[1]));
      c.on('message', () => void got.push('message'));
    }
    const me = { username: 'liaison_bot' } as never;
    for (const c of [ours, theirs] as Composer<Context>[])
      for (const text of ['/find Lào 2026', '/find@liaison_bot Lào', '/find@other_bot x', 'xin chào', 'khác'])
        await c.middleware()(new Context(commandUpdate(text), {} as never, me), async () => undefined);
    expect(got.slice(0, got.length / 2)).toEqual(got.slice(got.length / 2));
    expect(got.slice(0, 5)).toEqual([
      ['find', 'Lào 2026', ['Lào', '2026']],
      ['find', 'Lào', ['Lào']],
      'message',
      'chào',
      'message',
    ]);
  });

  it('decides at once: an update passes fifty handlers that are not its own without waiting a turn', async () => {
    const c = new FlatComposer<Context>();
    for (let i = 0; i < 25; i++) c.command(`c${i}`, () => undefined).action(`a${i}`, () => undefined);
    let reached = false;
    c.use(() => void (reached = true));
    const done = run(c, 'hello');
    expect(reached).toBe(true);
    await done;
    // telegraf's own branch (Composer.lazy) is untouched, for every other Composer.
    const plain = new Composer<Context>();
    plain.command('x', () => undefined);
    let reachedPlain = false;
    plain.use(() => void (reachedPlain = true));
    const p = plain.middleware()(new Context(textUpdate('hello'), {} as never, {} as never), async () => undefined);
    expect(reachedPlain).toBe(false);
    await p;
    expect(reachedPlain).toBe(true);
  });

  it('is the only Composer the bot builds', () => {
    const dir = path.resolve(import.meta.dirname, '../../src/bot');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const nested = files.filter((f) => /new Composer\b/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(nested).toEqual([]);
  });
});
