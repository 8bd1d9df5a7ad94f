import { Composer, Context, type Middleware, type MiddlewareFn } from 'telegraf';

/**
 * A telegraf Composer whose handlers run as one flat chain, in the order they were added. Telegraf's
 * own `use` (and so `command`, `action`, `on`, …) wraps the chain so far in a new level each time,
 * and its chain runs every step in two async functions: an update pays for every level and step it
 * passes, in frames and promises that stay alive while its handler waits on I/O (about 40% of the
 * CPU per update at saturation: docs/architecture.md). Here a step is a plain call: a handler's
 * `next()` returns the rest of the chain's promise. Every Composer of the bot is one of these.
 */
export class FlatComposer<C extends Context> extends Composer<C> {
  private readonly chain: Middleware<C>[] = [];
  // One function for good, reading the chain when it runs: a chain that took this one in before it
  // got its last handler (telegraf unwraps a lone middleware at once) still runs them all.
  private readonly run: MiddlewareFn<C> = (ctx, next) => runChain(this.chain, ctx, next);

  constructor(...fns: ReadonlyArray<Middleware<C>>) {
    super();
    this.chain.push(...fns);
  }

  override use(...fns: ReadonlyArray<Middleware<C>>): this {
    this.chain.push(...fns);
    return this;
  }

  override middleware(): MiddlewareFn<C> {
    return this.run;
  }
}

/**
 * Telegraf builds `on`, `command`, `action`, `hears`, `drop` and `filter` on `Composer.branch`,
 * which decides through `Composer.lazy`: two promises and several microtask turns per handler an
 * update passes, matching or not (a form step passes about fifty). A FlatComposer's are built with
 * a branch that decides at once when the predicate does (they are telegraf's own predicates, all
 * synchronous; a promise is still awaited). `Composer.branch` is swapped only while telegraf builds
 * the middleware, synchronously: nothing else sees it.
 */
const SYNC_BRANCH_METHODS = ['on', 'hears', 'command', 'action', 'drop', 'filter'] as const;

function syncBranch<C extends Context>(
  predicate: boolean | ((ctx: C) => boolean | Promise<boolean>),
  whenTrue: Middleware<C>,
  whenFalse: Middleware<C>,
): MiddlewareFn<C> {
  if (typeof predicate !== 'function') return Composer.unwrap(predicate ? whenTrue : whenFalse);
  return (ctx, next) => {
    const value = predicate(ctx);
    if (typeof value === 'boolean') return Composer.unwrap(value ? whenTrue : whenFalse)(ctx, next);
    return Promise.resolve(value).then((v) => Composer.unwrap(v ? whenTrue : whenFalse)(ctx, next));
  };
}

const statics = Composer as unknown as { branch: unknown };
const inheritedMethods = Composer.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const name of SYNC_BRANCH_METHODS) {
  const inherited = inheritedMethods[name]!;
  Object.defineProperty(FlatComposer.prototype, name, {
    configurable: true,
    writable: true,
    value(this: FlatComposer<Context>, ...args: unknown[]) {
      const telegrafs = statics.branch;
      statics.branch = syncBranch;
      try {
        return inherited.apply(this, args);
      } finally {
        statics.branch = telegrafs;
      }
    },
  });
}

/** A handler's synchronous throw, as the rejection an async function would have returned. */
async function rejected(err: unknown): Promise<never> {
  throw err;
}

/** Telegraf's chain contract (`Composer.compose`): each step once, in order; always a promise. */
function runChain<C extends Context>(
  chain: readonly Middleware<C>[],
  ctx: C,
  next: () => Promise<void>,
): Promise<void> {
  let reached = -1;
  const step = (i: number, context: C): Promise<void> => {
    try {
      if (!(context instanceof Context)) throw new Error('next(ctx) called with invalid context');
      if (i <= reached) throw new Error('next() called multiple times');
      reached = i;
      const handler = i < chain.length ? Composer.unwrap(chain[i]!) : next;
      return Promise.resolve(handler(context, (c: C = context) => step(i + 1, c))) as Promise<void>;
    } catch (err) {
      return rejected(err);
    }
  };
  return step(0, ctx);
}
