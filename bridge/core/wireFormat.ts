// Byte framings that are the same for every connection, so a frame is built once per message and the
// same bytes are written to every socket (instead of each socket's library framing the message again).
// Pure functions over Uint8Array: runtime-neutral; a runtime adapter decides whether it can use them.

/**
 * One unmasked, unfragmented WebSocket text frame (RFC 6455 §5.2) around `payload`: FIN + opcode 1,
 * then a 7-bit, 16-bit or 64-bit payload length. Server-to-client frames are never masked, so this is
 * byte for byte what a server library would put on every client's socket.
 */
export function wsTextFrame(payload: Uint8Array): Uint8Array {
  const len = payload.byteLength;
  const head = len < 126 ? 2 : len < 65_536 ? 4 : 10;
  const out = new Uint8Array(head + len);
  out[0] = 0x81;
  if (head === 2) out[1] = len;
  else if (head === 4) {
    out[1] = 126;
    out[2] = len >>> 8;
    out[3] = len & 0xff;
  } else {
    out[1] = 127;
    // 64-bit big-endian length; a message is far below 2^53, so the top bytes come from a division
    const hi = Math.floor(len / 0x1_0000_0000);
    new DataView(out.buffer).setUint32(2, hi);
    new DataView(out.buffer).setUint32(6, len >>> 0);
  }
  out.set(payload, head);
  return out;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

/** One HTTP/1.1 chunk (RFC 9112 §7.1): hex size, CRLF, the bytes, CRLF. Never for an empty payload. */
export function httpChunk(bytes: Uint8Array): Uint8Array {
  const size = ascii(`${bytes.byteLength.toString(16)}\r\n`);
  const out = new Uint8Array(size.byteLength + bytes.byteLength + 2);
  out.set(size, 0);
  out.set(bytes, size.byteLength);
  out[out.byteLength - 2] = 13;
  out[out.byteLength - 1] = 10;
  return out;
}
