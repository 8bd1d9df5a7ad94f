/**
 * Calls made in one turn of the event loop, run together. On PostgreSQL every statement is a round
 * trip (a socket write, a wait, a parse, a commit): the updates of one getUpdates batch arrive at
 * once and each claims itself and saves its conversation, so those statements of a turn are made as
 * one statement for the lot (src/db/repos/processed-updates.ts, conversations.ts).
 *
 * `many` answers the items in their order. If it fails (a deadlock with another instance's batch,
 * say: a statement that fails changes nothing), each item is run again alone with `one`, one after
 * the other in the order made, so an item fails only for a reason of its own. A batch of one runs `one`. An item whose key is already in
 * the batch being gathered (the same update twice, the same conversation saved twice) runs alone
 * with `one` once that batch is answered, so it sees the first one's effect, as in sequence.
 */
export function turnBatcher<I, R>(opts: {
  key: (item: I) => string;
  one: (item: I) => Promise<R>;
  many: (items: I[]) => Promise<R[]>;
  /**
   * Whether a failed batch is followed by each item alone (the default); when not, every item fails
   * with the batch's error (the database too busy to start: trying each again would wait as long again).
   */
  alone?: (err: unknown) => boolean;
}): (item: I) => Promise<R> {
  type Waiting = { item: I; resolve: (r: R) => void; reject: (e: unknown) => void };
  let batch = new Map<string, Waiting>();
  /** Settles when the batch being gathered has its answers. */
  let answered: Promise<unknown> = Promise.resolve();
  const run = async (waiting: Waiting[]) => {
    if (waiting.length === 1) {
      const [{ item, resolve, reject }] = waiting as [Waiting];
      return opts.one(item).then(resolve, reject);
    }
    let results: R[];
    try {
      results = await opts.many(waiting.map((w) => w.item));
    } catch (err) {
      if (opts.alone && !opts.alone(err)) return waiting.forEach((w) => w.reject(err));
      // One after the other, in the order made: what they do keeps that order (registrations'
      // numbers), whichever of the pool's connections would have finished first.
      for (const w of waiting) await opts.one(w.item).then(w.resolve, w.reject);
      return;
    }
    waiting.forEach((w, i) => w.resolve(results[i]!));
  };
  return (item) => {
    const key = opts.key(item);
    if (batch.has(key)) return answered.then(() => opts.one(item));
    return new Promise<R>((resolve, reject) => {
      if (batch.size === 0) {
        let done!: () => void;
        answered = new Promise<void>((r) => (done = r));
        setImmediate(() => {
          const waiting = [...batch.values()];
          batch = new Map();
          void run(waiting).finally(done);
        });
      }
      batch.set(key, { item, resolve, reject });
    });
  };
}
