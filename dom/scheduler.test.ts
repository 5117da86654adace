// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createManualFrames, createScheduler, defaultRequestFrame, type Task } from './scheduler';

function setup(budgetMs = 8) {
  const frames = createManualFrames();
  const errors: unknown[] = [];
  const s = createScheduler({ budgetMs, now: frames.now, requestFrame: frames.requestFrame, onError: (e) => errors.push(e) });
  return { frames, s, errors };
}

/** A task that records its name and "takes" `ms` on the fake clock. */
function work(log: string[], name: string, ms: number, frames: ReturnType<typeof createManualFrames>): Task {
  return () => {
    log.push(name);
    frames.advance(ms);
  };
}

describe('scheduler', () => {
  it('runs nothing until a frame comes', () => {
    const { frames, s } = setup();
    const log: string[] = [];
    s.push(work(log, 'a', 1, frames));
    expect(log).toEqual([]);
    expect(frames.waiting).toBe(1);
    frames.frame();
    expect(log).toEqual(['a']);
  });

  const budgetCases = [
    { budget: 8, cost: 3, perFrame: [3, 3, 3, 1] }, // 0,3,6 -> 9 >= 8 stops after the third
    { budget: 8, cost: 8, perFrame: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
    { budget: 8, cost: 20, perFrame: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }, // over budget still progresses
    { budget: 10, cost: 1, perFrame: [10] },
    { budget: 0, cost: 0, perFrame: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
  ];
  it.each(budgetCases)('budget $budget ms, tasks of $cost ms: $perFrame tasks per frame', ({ budget, cost, perFrame }) => {
    const { frames, s } = setup(budget);
    const log: string[] = [];
    for (let i = 0; i < 10; i++) s.push(work(log, String(i), cost, frames));
    const counts: number[] = [];
    while (frames.waiting > 0) {
      const before = log.length;
      frames.frame();
      if (log.length > before) counts.push(log.length - before);
    }
    expect(counts).toEqual(perFrame);
    expect(log).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(s.stats.tasks).toBe(10);
    expect(s.stats.pending).toBe(0);
  });

  it('pushFront jumps the queue; continuations run next', () => {
    const { frames, s } = setup(100);
    const log: string[] = [];
    s.push(() => void log.push('a'));
    s.push(() => {
      log.push('b1');
      return () => {
        log.push('b2');
      };
    });
    s.push(() => void log.push('c'));
    s.pushFront(() => void log.push('first'));
    frames.frame();
    expect(log).toEqual(['first', 'a', 'b1', 'b2', 'c']);
  });

  it('a long job cut into continuations spreads over frames', () => {
    const { frames, s } = setup(8);
    let done = 0;
    const step = (): Task | void => {
      done += 1;
      frames.advance(4);
      return done < 10 ? step : undefined;
    };
    s.push(step);
    frames.frame();
    expect(done).toBe(2);
    frames.frame();
    expect(done).toBe(4);
    while (frames.waiting) frames.frame();
    expect(done).toBe(10);
  });

  it('a throwing task is reported and the queue goes on', () => {
    const { frames, s, errors } = setup();
    const log: string[] = [];
    s.push(() => {
      throw new Error('boom');
    });
    s.push(() => void log.push('after'));
    frames.frame();
    expect(log).toEqual(['after']);
    expect(errors).toHaveLength(1);
    expect(s.stats.errors).toBe(1);
  });

  it('idle() resolves once the queue drains, clear() drops work and releases waiters', async () => {
    const { frames, s } = setup(1);
    await expect(s.idle()).resolves.toBeUndefined();
    const log: string[] = [];
    for (let i = 0; i < 3; i++) s.push(work(log, String(i), 5, frames));
    let resolved = false;
    const p = s.idle().then(() => {
      resolved = true;
    });
    frames.frame();
    await Promise.resolve();
    expect(resolved).toBe(false);
    frames.frame();
    frames.frame();
    await p;
    expect(resolved).toBe(true);

    for (let i = 0; i < 3; i++) s.push(work(log, 'x' + i, 5, frames));
    const q = s.idle();
    s.clear();
    await q;
    while (frames.waiting) frames.frame();
    expect(log.filter((l) => l.startsWith('x'))).toEqual([]);
  });

  it('onFrameEnd fires once per frame that ran tasks', () => {
    const { frames, s } = setup(100);
    const listener = vi.fn();
    const off = s.onFrameEnd(listener);
    s.push(() => undefined);
    s.push(() => undefined);
    frames.frame();
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    s.push(() => undefined);
    frames.frame();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('tasks pushed while running are picked up without an extra request storm', () => {
    const { frames, s } = setup(100);
    const log: string[] = [];
    s.push(() => {
      log.push('a');
      s.push(() => void log.push('b'));
    });
    frames.frame();
    expect(log).toEqual(['a', 'b']);
    expect(frames.waiting).toBeLessThanOrEqual(1);
    frames.frame();
    expect(frames.waiting).toBe(0);
  });

  it('ignores non-function tasks', () => {
    const { frames, s } = setup();
    s.push(null as unknown as Task);
    s.pushFront(42 as unknown as Task);
    expect(frames.waiting).toBe(0);
    expect(s.stats.pending).toBe(0);
  });
});

describe('defaultRequestFrame', () => {
  type Env = Parameters<typeof defaultRequestFrame>[0];
  const tick = () => new Promise((r) => setTimeout(r, 20));
  const cases: [string, string | undefined, boolean, 'message' | 'raf' | 'timeout'][] = [
    ['visible page with MessageChannel: the next macrotask', 'visible', true, 'message'],
    ['hidden page: animation frames (paused in background tabs)', 'hidden', true, 'raf'],
    ['prerendered page: animation frames', 'prerender', true, 'raf'],
    ['no document (worker-like): animation frames when present', undefined, true, 'raf'],
    ['no requestAnimationFrame, hidden: setTimeout', 'hidden', false, 'timeout'],
  ];
  it.each(cases)('%s', async (_, visibility, withRaf, want) => {
    const used: string[] = [];
    const env: Env = {
      MessageChannel,
      document: visibility === undefined ? undefined : { visibilityState: visibility },
      requestAnimationFrame: withRaf
        ? (cb: FrameRequestCallback) => {
            used.push('raf');
            return setTimeout(() => cb(0), 0) as unknown as number;
          }
        : undefined,
    };
    const request = defaultRequestFrame(env);
    const ran: number[] = [];
    request(() => ran.push(1));
    request(() => ran.push(2));
    await tick();
    expect(ran).toEqual([1, 2]); // in order, each once
    if (want === 'raf') expect(used).toEqual(['raf', 'raf']);
    else expect(used).toEqual([]);
  });
});
