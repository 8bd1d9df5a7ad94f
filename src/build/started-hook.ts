/**
 * How the start-up bundle tells its loader (src/build/start-loader.ts) that the bot has started:
 * a function the loader leaves on globalThis under this symbol (absent when run otherwise).
 */
export const STARTED_HOOK = Symbol.for('liaison.started');

/** Called by main.ts once the bot has started. */
export function startedHook(): void {
  const hook = (globalThis as Record<symbol, (() => void) | undefined>)[STARTED_HOOK];
  hook?.();
}
