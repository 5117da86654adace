/**
 * Work cut into bounded steps: a generator whose every next() does a bounded piece (compiling a
 * pattern, decoding a thousand states…). Run it in one go (Node, tests) or in slices of about
 * `budgetMs`, awaiting `yieldFn` between slices so a page's main thread is never held long.
 */

/** Runs `steps` to the end in one go and returns its result. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface SliceOptions {
  /** Work between two yields, in ms. Default 8. */
  budgetMs?: number;
  /** Awaited between slices. Default: a setTimeout(0) macrotask. */
  yieldFn?: () => Promise<void>;
  now?: () => number;
}

/**
 * A slicer: run() takes generators one after another, the time budget carrying over from one to the
 * next; pause() yields at once and starts a fresh slice.
 */
export function slicer({ budgetMs = 8, yieldFn = () => new Promise<void>((r) => setTimeout(r, 0)), now = () => performance.now() }: SliceOptions = {}) {
  let t0 = now();
  const pause = async (): Promise<void> => {
    await yieldFn();
    t0 = now();
  };
  /** `stop`, asked after each yield: true abandons the generator and resolves to undefined. */
  const run = async <T>(steps: Generator<void, T>, stop?: () => boolean): Promise<T | undefined> => {
    let r: IteratorResult<void, T>;
    while (!(r = steps.next()).done) {
      if (now() - t0 > budgetMs) {
        await pause();
        if (stop?.()) return undefined;
      }
    }
    return r.value;
  };
  return { run, pause };
}
