import { afterEach, describe, expect, it, vi } from 'vitest';
import { stage, whenStaged, yieldToMain } from '../../../web/src/stage.ts';

afterEach(() => vi.restoreAllMocks());

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

  it('starts a new task once a slice has used its time budget', async () => {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 5)); // every job looks 5 ms long
    // a job's microtask runs after the rest of its slice, and before the next slice
    const log: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      stage(() => {
        log.push(name);
        queueMicrotask(() => log.push('|'));
      });
    await whenStaged();
    // budget 8 ms: a slice fits two 5 ms jobs, then yields
    expect(log.join('')).toBe('ab||cd||e|');
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
