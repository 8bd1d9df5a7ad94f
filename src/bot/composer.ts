import { Composer, type Context, type Middleware, type MiddlewareFn } from 'telegraf';

/**
 * A telegraf Composer whose handlers run as one flat chain, in the order they were added. Telegraf's
 * own `use` (and so `command`, `action`, `on`, …) wraps the chain so far in a new level each time,
 * and an update pays for every level it passes (async frames and promises): the features in front
 * of the form engine cost more CPU than a form step's own work. Every Composer of the bot is one of these.
 */
export class FlatComposer<C extends Context> extends Composer<C> {
  private readonly chain: Middleware<C>[] = [];
  private composed: MiddlewareFn<C> | undefined;
  // One function for good, composed when first run: a chain composed before this one got its last
  // handler (telegraf unwraps a lone middleware at once) still runs them all.
  private readonly run: MiddlewareFn<C> = (ctx, next) => (this.composed ??= Composer.compose(this.chain))(ctx, next);

  constructor(...fns: ReadonlyArray<Middleware<C>>) {
    super();
    this.chain.push(...fns);
  }

  override use(...fns: ReadonlyArray<Middleware<C>>): this {
    this.chain.push(...fns);
    this.composed = undefined;
    return this;
  }

  override middleware(): MiddlewareFn<C> {
    return this.run;
  }
}
