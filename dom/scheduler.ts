/**
 * A work queue with a per-frame time budget.
 *
 * Tasks run in order in "frames": in each frame the scheduler runs tasks until `budgetMs` has been
 * spent (measured with `now`), then waits for the next frame (see defaultRequestFrame: the next
 * macrotask in a visible page, the next animation frame in a hidden one). At least one
 * task runs per frame, so a task longer than the budget still makes progress; keeping each task
 * short is the caller's job (the scanner sizes its slices for that).
 *
 * A task may return a function: that continuation goes to the front of the queue and runs next
 * (in this frame if budget remains), which lets long work be cut into resumable steps.
 *
 * Clock and frame source are injected so tests drive time by hand. Without MessageChannel and
 * requestAnimationFrame (workers, some test environments) frames fall back to setTimeout(16).
 */

export type Task = () => void | Task;

export interface SchedulerStats {
  /** Frames in which at least one task ran. */
  frames: number;
  /** Tasks run (continuations count as tasks). */
  tasks: number;
  /** Tasks that threw (the error is reported to onError and the queue goes on). */
  errors: number;
  /** Tasks waiting. */
  pending: number;
  /** Time spent in the last frame, by the injected clock. */
  lastFrameMs: number;
  /** Longest frame so far, by the injected clock. */
  maxFrameMs: number;
}

export interface SchedulerOptions {
  budgetMs?: number;
  now?: () => number;
  requestFrame?: (cb: () => void) => unknown;
  onError?: (error: unknown) => void;
}

export interface Scheduler {
  push(task: Task): void;
  pushFront(task: Task): void;
  /** Drop every queued task (a running task finishes). Pending idle() promises resolve. */
  clear(): void;
  /** Resolves when the queue is empty (immediately when it already is). */
  idle(): Promise<void>;
  /** Called after each frame in which tasks ran; returns an unsubscribe function. */
  onFrameEnd(listener: () => void): () => void;
  readonly stats: Readonly<SchedulerStats>;
}

/**
 * The default frame source. In a visible page, the next "frame" is the next macrotask (a
 * MessageChannel message: no 4 ms timer clamp), so budgeted slices run back to back with the page's
 * own tasks, input and rendering in between: waiting for animation frames capped the scanner at one
 * 8 ms slice per 16.7 ms frame while the main thread sat idle (about 0.7 s of work took 4.5 s on a
 * 1 MB page). In a hidden page it is requestAnimationFrame, which browsers do not run in background
 * tabs: work pauses there and resumes when the tab shows. Without either, setTimeout(16).
 */
export function defaultRequestFrame(env: {
  requestAnimationFrame?: (cb: FrameRequestCallback) => number;
  MessageChannel?: typeof MessageChannel;
  document?: { visibilityState?: string };
} = globalThis as never): (cb: () => void) => unknown {
  const raf = env.requestAnimationFrame;
  const Channel = env.MessageChannel;
  let port: MessagePort | null = null;
  const waiting: Array<() => void> = [];
  if (typeof Channel === 'function') {
    try {
      const ch = new Channel();
      ch.port1.onmessage = () => {
        const cb = waiting.shift();
        if (cb) cb();
      };
      port = ch.port2;
    } catch {
      port = null;
    }
  }
  const visible = (): boolean => env.document?.visibilityState === 'visible';
  return (cb) => {
    if (port && visible()) {
      waiting.push(cb);
      port.postMessage(null);
      return;
    }
    if (typeof raf === 'function') return raf.call(globalThis, () => cb());
    return setTimeout(cb, 16);
  };
}

function defaultNow(): () => number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  if (perf && typeof perf.now === 'function') return () => perf.now();
  return () => Date.now();
}

export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const budgetMs = Math.max(0, Number.isFinite(options.budgetMs) ? (options.budgetMs as number) : 8);
  const now = options.now ?? defaultNow();
  const requestFrame = options.requestFrame ?? defaultRequestFrame();
  const onError = options.onError ?? ((e: unknown) => console.error('[claim-lens] task failed', e));

  // A deque as an array with a head index: push/pushFront/shift are O(1) amortised.
  let queue: Task[] = [];
  let head = 0;
  let frameRequested = false;
  let running = false;
  let idleWaiters: Array<() => void> = [];
  const frameEndListeners = new Set<() => void>();
  const stats: SchedulerStats = { frames: 0, tasks: 0, errors: 0, pending: 0, lastFrameMs: 0, maxFrameMs: 0 };

  const size = (): number => queue.length - head;

  function compact(): void {
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  }

  function resolveIdle(): void {
    if (size() > 0 || running) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function schedule(): void {
    if (frameRequested || size() === 0) return;
    frameRequested = true;
    try {
      requestFrame(runFrame);
    } catch (e) {
      frameRequested = false;
      onError(e);
    }
  }

  function runFrame(): void {
    frameRequested = false;
    if (size() === 0) {
      resolveIdle();
      return;
    }
    running = true;
    const startedAt = now();
    let ran = 0;
    try {
      while (size() > 0) {
        if (ran > 0 && now() - startedAt >= budgetMs) break;
        const task = queue[head]!;
        queue[head] = undefined as unknown as Task;
        head += 1;
        ran += 1;
        stats.tasks += 1;
        try {
          const next = task();
          if (typeof next === 'function') {
            if (head > 0) {
              head -= 1;
              queue[head] = next;
            } else queue.unshift(next);
          }
        } catch (e) {
          stats.errors += 1;
          onError(e);
        }
      }
    } finally {
      running = false;
      compact();
      const spent = now() - startedAt;
      stats.frames += 1;
      stats.lastFrameMs = spent;
      if (spent > stats.maxFrameMs) stats.maxFrameMs = spent;
      stats.pending = size();
      for (const l of [...frameEndListeners]) {
        try {
          l();
        } catch (e) {
          onError(e);
        }
      }
      schedule();
      resolveIdle();
    }
  }

  return {
    push(task) {
      if (typeof task !== 'function') return;
      queue.push(task);
      stats.pending = size();
      schedule();
    },
    pushFront(task) {
      if (typeof task !== 'function') return;
      if (head > 0) {
        head -= 1;
        queue[head] = task;
      } else queue.unshift(task);
      stats.pending = size();
      schedule();
    },
    clear() {
      queue = [];
      head = 0;
      stats.pending = 0;
      resolveIdle();
    },
    idle() {
      if (size() === 0 && !running) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    onFrameEnd(listener) {
      frameEndListeners.add(listener);
      return () => frameEndListeners.delete(listener);
    },
    get stats() {
      return stats;
    },
  };
}

/**
 * A hand-driven frame source and clock for tests: `frame()` runs the callbacks requested so far,
 * `advance(ms)` moves the clock.
 */
export function createManualFrames(): {
  now: () => number;
  requestFrame: (cb: () => void) => void;
  advance: (ms: number) => void;
  frame: () => number;
  readonly waiting: number;
} {
  let t = 0;
  let callbacks: Array<() => void> = [];
  return {
    now: () => t,
    requestFrame: (cb) => {
      callbacks.push(cb);
    },
    advance: (ms) => {
      t += ms;
    },
    frame: () => {
      const cbs = callbacks;
      callbacks = [];
      for (const cb of cbs) cb();
      return cbs.length;
    },
    get waiting() {
      return callbacks.length;
    },
  };
}
