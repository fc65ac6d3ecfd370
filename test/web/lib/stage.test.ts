import { afterEach, describe, expect, it, vi } from 'vitest';
import { stage, whenStaged, yieldToMain } from '../../../web/src/stage.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('stage', () => {
  it('runs nothing in the task that queues, then every job in the order queued', async () => {
    const ran: string[] = [];
    stage(() => ran.push('a'));
    stage(() => ran.push('b'));
    stage(() => {
      ran.push('c');
      stage(() => ran.push('d (queued by c)'));
    });
    expect(ran).toEqual([]);
    await whenStaged();
    expect(ran).toEqual(['a', 'b', 'c', 'd (queued by c)']);
  });

  /** Fake frames whose rendering takes `renderMs` on a fake clock; jobs take no time. */
  function fakeFrames(log: string[]) {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const frame = async (renderMs: number) => {
      log.push('|');
      for (const cb of frames.splice(0)) cb(clock);
      clock += renderMs; // style, layout, paint
      // the task after the frame, and those after it
      for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
    };
    return Object.assign(frame, { work: (ms: number) => (clock += ms) });
  }

  it('runs nothing before a frame, then one job per frame while a job costs a frame of rendering', async () => {
    const log: string[] = [];
    const frame = fakeFrames(log);
    for (const name of ['a', 'b', 'c']) stage(() => log.push(name));
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual([]);
    // each job's frame takes 6 ms to render: two jobs' rendering would not fit the 8 ms budget
    for (let i = 0; i < 3; i++) await frame(6);
    expect(log.join('')).toBe('|a|b|c');
    await whenStaged();
  });

  it('puts more jobs in a slice once the frames show they render cheaply', async () => {
    const log: string[] = [];
    const frame = fakeFrames(log);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) stage(() => log.push(name));
    await frame(1); // the first slice: one job, its rendering not measured yet
    await frame(1); // 1 ms for one job: 7 jobs fit (8 would reach the 8 ms budget)
    await frame(1);
    expect(log.join('')).toBe('|a|bcdefgh|ij');
    await whenStaged();
  });

  it('stops a slice once its jobs have used the time budget', async () => {
    const log: string[] = [];
    const frame = fakeFrames(log);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f'])
      stage(() => {
        log.push(name);
        frame.work(3); // building takes 3 ms
      });
    // rendering is cheap here: the 8 ms budget of building ends a slice after three jobs (9 ms)
    for (let i = 0; i < 3; i++) await frame(1.5);
    expect(log.join('')).toBe('|a|bcd|ef');
    await whenStaged();
  });

  it('stops waiting for frames that render nothing, and measures again every fourth slice', async () => {
    const log: string[] = [];
    const frame = fakeFrames(log);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
      stage(() => {
        log.push(name);
        frame.work(9); // one job fills a slice
      });
    await frame(5); // the first job, after a frame
    await frame(0); // one that rendered nothing: the next three slices follow without frames
    await frame(0);
    expect(log.join('')).toBe('|a|bcde|fg');
    await whenStaged();
  });

  it('does not wait for frames in a hidden tab, which renders none', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c']) stage(() => ran.push(name));
    await whenStaged();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(frames).toEqual([]);
  });

  it('gives up waiting for a frame that does not come', async () => {
    vi.stubGlobal('requestAnimationFrame', () => 0); // frames never fire (a stalled compositor)
    const ran: string[] = [];
    stage(() => ran.push('a'));
    stage(() => ran.push('b'));
    await whenStaged();
    expect(ran).toEqual(['a', 'b']);
  });

  it('skips a cancelled job and keeps going after one that throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const ran: string[] = [];
    const cancel = stage(() => ran.push('cancelled'));
    stage(() => {
      throw new Error('broken view');
    });
    stage(() => ran.push('after'));
    cancel();
    await whenStaged();
    expect(ran).toEqual(['after']);
    expect(String(error.mock.calls[0]?.[0])).toContain('broken view');
  });

  it('yields past every pending microtask, to a later task', async () => {
    let chain = 0;
    const more = (): Promise<void> | undefined => (++chain < 50 ? Promise.resolve().then(more) : undefined);
    void Promise.resolve().then(more);
    await yieldToMain();
    expect(chain).toBe(50);
  });
});
