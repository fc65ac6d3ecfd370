// The socket worker: frames are decoded off the page's main thread and handed over in batches, one
// in flight per socket; a worker that fails takes its sockets down cleanly and the page's own
// WebSocket takes over.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Incoming } from '../../../web/src/live/envelope.ts';
import { makeSocketPump } from '../../../web/src/live/transports/socketPump.ts';
import { makeSocketWorkerHost, type WorkerLike } from '../../../web/src/live/transports/socketWorkerHost.ts';
import type { TransportEnd } from '../../../web/src/live/transports/types.ts';
import { websocketTransport } from '../../../web/src/live/transports/websocket.ts';
import type { FromWorker } from '../../../web/src/live/transports/workerProtocol.ts';
import { workerWebsocketTransport } from '../../../web/src/live/transports/workerWebsocket.ts';
import {
  campaign,
  FakeWebSocket,
  FakeWebSocketCtor,
  makeInProcessWorker,
  metricsEnv,
  snapshotEnv,
} from './fakes.ts';

const URL = 'ws://127.0.0.1:1/ws';

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.reset();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function pump() {
  const posted: FromWorker[] = [];
  const p = makeSocketPump((m) => posted.push(m), FakeWebSocketCtor);
  const batches = () => posted.filter((m) => m.kind === 'batch');
  const seqs = (m: FromWorker) => (m.kind === 'batch' ? m.msgs.map((e) => ('seq' in e ? e.seq : null)) : []);
  return { p, posted, batches, seqs };
}

describe('socket pump (inside the worker)', () => {
  test('posts the first message at once and holds the rest until the page acks, then sends them as one batch', () => {
    const { p, batches, seqs } = pump();
    p.handle({ op: 'open', id: 7, url: URL, pingIntervalMs: 15_000 });
    const ws = FakeWebSocket.last();
    ws.accept(snapshotEnv(1, [campaign('a')]));
    for (let seq = 2; seq <= 5; seq++) ws.serverSend(metricsEnv(seq, campaign('a', { activeCalls: seq })));
    expect(batches().map(seqs)).toEqual([[1]]);
    p.handle({ op: 'ack', id: 7 });
    expect(batches().map(seqs)).toEqual([[1], [2, 3, 4, 5]]);
    // nothing waiting: the next message goes out by itself again once acked
    p.handle({ op: 'ack', id: 7 });
    ws.serverSend(metricsEnv(6, campaign('a')));
    expect(batches().map(seqs)).toEqual([[1], [2, 3, 4, 5], [6]]);
  });

  test('hands over decoded, checked envelopes and the problems of frames that fail the check', () => {
    const { p, batches } = pump();
    p.handle({ op: 'open', id: 1, url: URL, pingIntervalMs: 15_000 });
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    ws.serverSendText('not json');
    ws.serverSendText('{"type":"metrics_update","data":{"campaignId":"a"},"seq":2}');
    p.handle({ op: 'ack', id: 1 }); // the second garbage frame goes out
    ws.serverSend(metricsEnv(3, campaign('a', { activeCalls: 9 })));
    p.handle({ op: 'ack', id: 1 });
    const all = batches();
    expect(all[0]).toMatchObject({ msgs: [], invalid: ['message is not valid JSON'] });
    expect(all[1]?.kind === 'batch' && all[1].invalid[0]).toMatch(/activeCalls|data/);
    const third = all[2];
    expect(
      third?.kind === 'batch' && third.msgs[0]?.type === 'metrics_update' && third.msgs[0].data.activeCalls,
    ).toBe(9);
  });

  test('subscribes on open, pings at its interval, and sends what the page asks only while open', async () => {
    const { p } = pump();
    p.handle({ op: 'open', id: 1, url: URL, pingIntervalMs: 1_000 });
    const ws = FakeWebSocket.last();
    p.handle({ op: 'send', id: 1, text: '{"action":"subscribe"}' }); // still connecting: dropped
    ws.serverOpen();
    await vi.advanceTimersByTimeAsync(2_000);
    p.handle({ op: 'send', id: 1, text: '{"action":"subscribe"}' });
    expect(ws.actions()).toEqual(['subscribe', 'ping', 'ping', 'subscribe']);
  });

  test('when the server closes, what arrived first still goes to the page, even with a batch in flight, then the end', () => {
    const { p, posted, seqs } = pump();
    p.handle({ op: 'open', id: 1, url: URL, pingIntervalMs: 15_000 });
    const ws = FakeWebSocket.last();
    ws.accept(snapshotEnv(1, [campaign('a')]));
    ws.serverSend(metricsEnv(2, campaign('a')));
    ws.serverClose(1012, 'restart');
    expect(posted.map((m) => (m.kind === 'end' ? m : seqs(m)))).toEqual([
      [1],
      [2],
      { kind: 'end', id: 1, code: 1012, reason: 'restart' },
    ]);
    expect(p.size()).toBe(0);
  });

  test('a close from the page closes the socket with 1000 and posts nothing more for it', () => {
    const { p, posted } = pump();
    p.handle({ op: 'open', id: 1, url: URL, pingIntervalMs: 15_000 });
    const ws = FakeWebSocket.last();
    ws.accept(snapshotEnv(1, [campaign('a')]));
    p.handle({ op: 'close', id: 1 });
    expect(ws.closedByClient).toBe(1000);
    const before = posted.length;
    p.handle({ op: 'ack', id: 1 }); // late ack for a closed id
    expect(posted.length).toBe(before);
    expect(p.size()).toBe(0);
  });

  test('keeps sockets apart by id (the primary and the background probe)', () => {
    const { p, batches } = pump();
    p.handle({ op: 'open', id: 1, url: URL, pingIntervalMs: 15_000 });
    const first = FakeWebSocket.last();
    p.handle({ op: 'open', id: 2, url: URL, pingIntervalMs: 15_000 });
    const second = FakeWebSocket.last();
    first.accept(snapshotEnv(10, [campaign('a')]));
    second.accept(snapshotEnv(20, [campaign('b')]));
    expect(batches().map((b) => b.id)).toEqual([1, 2]);
    expect(p.size()).toBe(2);
  });

  test('a socket that cannot be created ends at once with the reason', () => {
    const posted: FromWorker[] = [];
    const Throwing = class {
      constructor() {
        throw new SyntaxError("The URL 'nope' is invalid.");
      }
    } as unknown as typeof FakeWebSocketCtor;
    makeSocketPump((m) => posted.push(m), Throwing).handle({
      op: 'open',
      id: 3,
      url: 'nope',
      pingIntervalMs: 15_000,
    });
    expect(posted).toEqual([{ kind: 'end', id: 3, reason: "The URL 'nope' is invalid." }]);
  });

  test('ignores malformed requests with a warning and keeps serving', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { p, batches } = pump();
    p.handle(null);
    p.handle({ op: 'open', url: URL });
    p.handle({ op: 'open', id: 1, url: URL, pingIntervalMs: -1 });
    p.handle({ op: 'explode', id: 1 });
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      'socket worker: message is not an object',
      'socket worker: message has no numeric id (op open)',
      'socket worker: open needs a url and a positive pingIntervalMs',
      'socket worker: unknown op explode',
    ]);
    p.handle({ op: 'open', id: 1, url: URL, pingIntervalMs: 15_000 });
    FakeWebSocket.last().accept(snapshotEnv(1, [campaign('a')]));
    expect(batches()).toHaveLength(1);
  });
});

function record() {
  const messages: Incoming[] = [];
  const ends: TransportEnd[] = [];
  return {
    messages,
    ends,
    cb: {
      message: (m: Incoming) => messages.push(m),
      invalid: () => {},
      end: (e: TransportEnd) => ends.push(e),
    },
  };
}
const settle = async () => {
  for (let i = 0; i < 3; i++) await vi.advanceTimersByTimeAsync(1);
};

/** The worker WebSocket transport over a host on `create`, with the page's own WebSocket behind it. */
const transportOn = (create: () => WorkerLike) =>
  workerWebsocketTransport({
    url: URL,
    pingIntervalMs: 15_000,
    host: makeSocketWorkerHost(create),
    fallback: websocketTransport({ url: URL, pingIntervalMs: 15_000, WebSocket: FakeWebSocketCtor }),
  });

describe('worker WebSocket transport (the page side)', () => {
  test('one worker serves every socket the page opens', async () => {
    const inProcess = makeInProcessWorker();
    const create = vi.fn(() => inProcess.worker);
    const t = transportOn(create);
    t.open(record().cb);
    t.open(record().cb);
    await settle();
    expect(create).toHaveBeenCalledTimes(1);
    expect(inProcess.pump.size()).toBe(2);
  });

  test('stops delivering a batch once a message in it closed the channel', async () => {
    const inProcess = makeInProcessWorker();
    const t = transportOn(() => inProcess.worker);
    const seen: Incoming[] = [];
    const handle = t.open({
      message: (m) => {
        seen.push(m);
        handle.close();
      },
      invalid: () => {},
      end: () => {},
    });
    await settle();
    const ws = FakeWebSocket.last();
    ws.accept(snapshotEnv(1, [campaign('a')])); // posted alone
    ws.serverSend(metricsEnv(2, campaign('a')));
    ws.serverSend(metricsEnv(3, campaign('a')));
    await settle();
    expect(seen).toHaveLength(1);
    expect(ws.closedByClient).toBe(1000);
  });

  test('a worker that crashes ends its open channels; the next one uses the page’s own WebSocket', async () => {
    const inProcess = makeInProcessWorker();
    const t = transportOn(() => inProcess.worker);
    const first = record();
    t.open(first.cb);
    await settle();
    const inWorker = FakeWebSocket.instances.length;
    inProcess.crash('Uncaught SyntaxError');
    expect(first.ends).toEqual([{ reason: 'socket worker failed: Uncaught SyntaxError' }]);
    expect(inProcess.terminated()).toBe(true);
    expect(t.supported()).toBe(true);
    const second = record();
    t.open(second.cb);
    // opened synchronously in the page, not posted to a worker
    expect(FakeWebSocket.instances.length).toBe(inWorker + 1);
    FakeWebSocket.last().accept(snapshotEnv(5, [campaign('a')]));
    expect(second.messages.map((m) => m.type)).toEqual(['snapshot']);
  });

  test('a worker that cannot be created at all (e.g. a Content-Security-Policy) falls back to the page’s WebSocket', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const t = transportOn(() => {
      throw new Error('Refused to create a worker');
    });
    const r = record();
    t.open(r.cb);
    FakeWebSocket.last().accept(snapshotEnv(1, [campaign('a')]));
    expect(r.messages).toHaveLength(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('socket worker failed: Refused to create a worker');
  });
});
