import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpChunk, wsTextFrame } from '../../bridge/core/wireFormat.ts';

// ws's own framing, loaded by path like bridge/node/ws.ts (vitest's browser condition would give a stub)
const require = createRequire(import.meta.url);
const Sender = require(join(dirname(require.resolve('ws/package.json')), 'lib/sender.js')) as {
  frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean }): Buffer[];
};

const wsFrame = (payload: Buffer): Buffer =>
  Buffer.concat(Sender.frame(payload, { fin: true, opcode: 1, mask: false, readOnly: true }));

describe('wire formats', () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 200_000])(
    'frames a %i-byte text message exactly as ws frames it for a client',
    (length) => {
      const payload = Buffer.alloc(length, 'a');
      expect(Buffer.from(wsTextFrame(payload)).equals(wsFrame(payload))).toBe(true);
    },
  );

  it('writes an HTTP/1.1 chunk as hex size, CRLF, the bytes, CRLF', () => {
    const bytes = new TextEncoder().encode('x'.repeat(300));
    expect(Buffer.from(httpChunk(bytes)).toString('latin1')).toBe(`12c\r\n${'x'.repeat(300)}\r\n`);
  });
});
