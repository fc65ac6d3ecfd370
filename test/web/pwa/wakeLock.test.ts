import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import {
  createWakeLock,
  makeWakeLock,
  type VisibilitySource,
  type WakeLockApi,
  type WakeLockSentinelLike,
} from '../../../web/src/pwa/wakeLock.ts';

/** A fake navigator.wakeLock: the browser drops the lock when the page is hidden, like Chromium. */
class FakeSentinel extends EventTarget implements WakeLockSentinelLike {
  released = false;
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.dispatchEvent(new Event('release'));
  }
}

class FakeWakeLock implements WakeLockApi {
  requests = 0;
  refuse = false;
  held: FakeSentinel | null = null;
  constructor(private readonly doc: FakeDocument) {}
  async request(type: 'screen'): Promise<WakeLockSentinelLike> {
    this.requests++;
    if (type !== 'screen') throw new TypeError('type');
    if (this.refuse || this.doc.visibilityState !== 'visible')
      throw new DOMException('not allowed', 'NotAllowedError');
    this.held = new FakeSentinel();
    return this.held;
  }
}

class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
  async setVisibility(state: DocumentVisibilityState, lock?: FakeWakeLock): Promise<void> {
    this.visibilityState = state;
    if (state === 'hidden') await lock?.held?.release();
    this.dispatchEvent(new Event('visibilitychange'));
    await flush();
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const doc = new FakeDocument();
  const api = new FakeWakeLock(doc);
  const states: string[] = [];
  const lock = makeWakeLock({
    wakeLock: api,
    document: doc as unknown as VisibilitySource,
    onChange: (s) => states.push(s),
  });
  return { doc, api, lock, states };
}

describe('screen wake lock', () => {
  it('is active once acquired on a visible page', async () => {
    const { lock, api } = setup();
    expect(await lock.acquire()).toBe('active');
    expect(lock.state()).toBe('active');
    expect(api.requests).toBe(1);
  });

  it('is re-acquired when the page becomes visible again after the browser dropped it', async () => {
    const { lock, api, doc, states } = setup();
    await lock.acquire();
    await doc.setVisibility('hidden', api);
    expect(lock.state()).toBe('released');
    await doc.setVisibility('visible', api);
    expect(lock.state()).toBe('active');
    expect(api.requests).toBe(2);
    expect(states).toEqual(['active', 'released', 'active']);
  });

  it('waits for visibility instead of asking while hidden', async () => {
    const { lock, api, doc } = setup();
    doc.visibilityState = 'hidden';
    expect(await lock.acquire()).toBe('released');
    expect(api.requests).toBe(0);
    await doc.setVisibility('visible', api);
    expect(lock.state()).toBe('active');
  });

  it('shows a refusal as denied and tries again on the next visibility change', async () => {
    const { lock, api, doc } = setup();
    api.refuse = true;
    expect(await lock.acquire()).toBe('denied');
    api.refuse = false;
    await doc.setVisibility('hidden', api);
    await doc.setVisibility('visible', api);
    expect(lock.state()).toBe('active');
  });

  it('is not re-acquired after it was released on purpose', async () => {
    const { lock, api, doc } = setup();
    await lock.acquire();
    await lock.release();
    expect(lock.state()).toBe('released');
    await doc.setVisibility('hidden', api);
    await doc.setVisibility('visible', api);
    expect(lock.state()).toBe('released');
    expect(api.requests).toBe(1);
  });

  it('asks once when acquire is called twice at the same time', async () => {
    const { lock, api } = setup();
    await Promise.all([lock.acquire(), lock.acquire()]);
    expect(api.requests).toBe(1);
  });

  it('says unsupported where the browser has no wake lock', async () => {
    const lock = makeWakeLock({
      wakeLock: undefined,
      document: new FakeDocument() as unknown as VisibilitySource,
    });
    expect(await lock.acquire()).toBe('unsupported');
  });

  it('stops listening and lets go of the lock when disposed', async () => {
    const { lock, api, doc } = setup();
    await lock.acquire();
    lock.dispose();
    await flush();
    expect(api.held?.released).toBe(true);
    await doc.setVisibility('visible', api);
    expect(api.requests).toBe(1);
  });

  it('exposes the state as a signal and lets go with its owner', async () => {
    const doc = new FakeDocument();
    const api = new FakeWakeLock(doc);
    let state: () => string = () => '';
    const dispose = createRoot((d) => {
      const lock = createWakeLock({ wakeLock: api, document: doc as unknown as VisibilitySource });
      state = lock.state;
      void lock.acquire();
      return d;
    });
    expect(state()).toBe('released');
    await flush();
    expect(state()).toBe('active');
    dispose();
    await flush();
    expect(api.held?.released).toBe(true);
  });
});
