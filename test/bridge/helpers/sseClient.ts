// A Server-Sent Events test client over fetch: parses the stream into events the way EventSource does
// (id, event, data, retry, comments), without reconnecting by itself.
import { waitFor } from './wait.ts';

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface TestSse {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
  retry: number | null;
  /** Parsed `data` of the events (envelopes). */
  envelopes(): { type: string; seq: number; data: Record<string, unknown> }[];
  next(match: (e: SseEvent) => boolean, from?: number, timeoutMs?: number): Promise<SseEvent>;
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<TestSse> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const client: TestSse = {
    status: res.status,
    headers: res.headers,
    events,
    comments,
    retry: null,
    envelopes: () => events.map((e) => JSON.parse(e.data)),
    next: (match, from = 0, timeoutMs = 5_000) =>
      waitFor('a matching SSE event', () => events.slice(from).find(match), timeoutMs),
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  if (!res.body) return client;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  client.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: string | null = null;
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
            else if (line.startsWith('retry: ')) client.retry = Number(line.slice(7));
          }
          if (data.length > 0) events.push({ id, event, data: data.join('\n') });
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return client;
}
