/** Counts updates being handled, so shutdown can wait for them to finish. */
export function createInflightTracker() {
  let count = 0;
  let waiters: (() => void)[] = [];
  return {
    get count() {
      return count;
    },
    async track<T>(work: () => Promise<T>): Promise<T> {
      count++;
      try {
        return await work();
      } finally {
        count--;
        if (count === 0) {
          for (const w of waiters) w();
          waiters = [];
        }
      }
    },
    /** Resolves when nothing is in flight, or after `timeoutMs` (then false). */
    drain(timeoutMs: number): Promise<boolean> {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
export type InflightTracker = ReturnType<typeof createInflightTracker>;
