import { describe, expect, it } from 'vitest';
import {
  chunkCapacity,
  encodeMessage,
  parseFrame,
  PEER_LIMITS,
} from '../../../src/protocol/peer.js';

function frames(widgetId: string, size: number, kind: 'json' | 'bytes' = 'bytes'): Uint8Array[] {
  const payload = new Uint8Array(size).map((_, i) => i % 251);
  return [...encodeMessage(widgetId, 7, kind, payload)];
}

function asBuffer(frame: Uint8Array): ArrayBuffer {
  return frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) as ArrayBuffer;
}

describe('peer frames', () => {
  it.each([0, 1, chunkCapacity(4), chunkCapacity(4) + 1, 1_000_000])(
    'splits a %i-byte message into frames of at most 16 KiB that parse back in order',
    (size) => {
      const encoded = frames('chat', size);
      expect(encoded.length).toBe(Math.max(1, Math.ceil(size / chunkCapacity(4))));
      let total = 0;
      for (const [index, frame] of encoded.entries()) {
        expect(frame.byteLength).toBeLessThanOrEqual(PEER_LIMITS.maxFrameBytes);
        const parsed = parseFrame(asBuffer(frame));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) continue;
        expect(parsed.value).toMatchObject({
          widgetId: 'chat',
          kind: 'bytes',
          messageId: 7,
          chunkIndex: index,
          chunkCount: encoded.length,
        });
        total += parsed.value.payload.byteLength;
      }
      expect(total).toBe(size);
    },
  );

  it('refuses to encode a message over 16 MiB or for a malformed widget id', () => {
    expect(() => frames('chat', PEER_LIMITS.maxMessageBytes + 1).length).toThrow(/exceeds/);
    expect(() => frames('../chat', 1).length).toThrow(/malformed/);
  });

  const valid = asBuffer(frames('chat', 10)[0]!);
  const patched = (offset: number, value: number, bytes = valid): ArrayBuffer => {
    const copy = bytes.slice(0);
    new DataView(copy).setUint8(offset, value);
    return copy;
  };
  const withCount = (count: number, index = 0): ArrayBuffer => {
    const copy = valid.slice(0);
    new DataView(copy).setUint32(12, count);
    new DataView(copy).setUint32(8, index);
    return copy;
  };
  it.each<[string, unknown, string]>([
    ['text instead of bytes', 'hello', 'frame is not binary'],
    ['a frame over 16 KiB', new ArrayBuffer(PEER_LIMITS.maxFrameBytes + 1), 'exceeds'],
    ['a truncated header', new ArrayBuffer(10), 'shorter than its header'],
    ['another protocol version', patched(0, 9), 'unknown protocol version 9'],
    ['an unknown payload kind', patched(1, 5), 'unknown payload kind 5'],
    ['a zero-length widget id', patched(2, 0), 'widget id length'],
    ['a widget id longer than the frame', patched(2, 60), 'widget id length'],
    ['a widget id with a slash', patched(16, '/'.charCodeAt(0)), 'widget id is malformed'],
    ['a zero chunk count', withCount(0), 'chunk count 0'],
    ['more chunks than 16 MiB needs', withCount(5000), 'chunk count 5000'],
    ['a chunk index past the count', withCount(2, 2), 'chunk 2 of 2'],
  ])('refuses %s with a reason', (_label, raw, reason) => {
    const parsed = parseFrame(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});
