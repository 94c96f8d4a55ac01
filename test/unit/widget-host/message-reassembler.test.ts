import { describe, expect, it } from 'vitest';
import { encodeMessage, parseFrame, type PeerFrame } from '../../../src/protocol/peer.js';
import {
  MessageReassembler,
  type Reassembly,
} from '../../../src/widget-host/message-reassembler.js';

function framesOf(widgetId: string, messageId: number, payload: Uint8Array): PeerFrame[] {
  return [...encodeMessage(widgetId, messageId, 'bytes', payload)].map((bytes) => {
    const parsed = parseFrame(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
  });
}

const bytes = (size: number, seed: number) => new Uint8Array(size).map((_, i) => (i * seed) % 256);

function completed(results: Reassembly[]): { widgetId: string; payload: Uint8Array }[] {
  return results.flatMap((r) =>
    r.status === 'complete' ? [{ widgetId: r.widgetId, payload: r.payload }] : [],
  );
}

describe('MessageReassembler', () => {
  it('puts a large message back together byte for byte', () => {
    const payload = bytes(200_000, 7);
    const reassembler = new MessageReassembler();
    const results = framesOf('files', 1, payload).map((frame) => reassembler.accept(frame));
    expect(results.slice(0, -1).every((r) => r.status === 'partial')).toBe(true);
    expect(completed(results)).toEqual([{ widgetId: 'files', payload }]);
  });

  it('keeps messages of different widgets apart when their chunks interleave', () => {
    const big = framesOf('files', 1, bytes(60_000, 3));
    const small = framesOf('chat', 1, bytes(20, 5));
    const interleaved = [big[0]!, small[0]!, ...big.slice(1)];
    const reassembler = new MessageReassembler();
    const done = completed(interleaved.map((frame) => reassembler.accept(frame)));
    expect(done.map((d) => d.widgetId)).toEqual(['chat', 'files']);
    expect(done[1]!.payload).toEqual(bytes(60_000, 3));
  });

  it('refuses a skipped chunk, drops that half-message only, and accepts the next message', () => {
    const broken = framesOf('files', 1, bytes(60_000, 3));
    const reassembler = new MessageReassembler();
    expect(reassembler.accept(broken[0]!).status).toBe('partial');
    expect(reassembler.accept(broken[2]!)).toEqual({
      status: 'rejected',
      widgetId: 'files',
      reason: 'expected chunk 1 of message 1',
    });
    const next = framesOf('files', 2, bytes(10, 1));
    expect(completed(next.map((frame) => reassembler.accept(frame)))).toHaveLength(1);
  });

  it('refuses a message that starts mid-way', () => {
    const frames = framesOf('chat', 3, bytes(40_000, 2));
    expect(new MessageReassembler().accept(frames[1]!)).toMatchObject({
      status: 'rejected',
      reason: 'chunk 1 arrived before chunk 0',
    });
  });

  it('refuses a flood of half-sent messages past 64 widgets', () => {
    const reassembler = new MessageReassembler();
    const firstChunks = Array.from(
      { length: 65 },
      (_, i) => framesOf(`w${i}`, 1, bytes(20_000, 1))[0]!,
    );
    const results = firstChunks.map((frame) => reassembler.accept(frame));
    expect(results.filter((r) => r.status === 'partial')).toHaveLength(64);
    expect(results[64]).toMatchObject({
      status: 'rejected',
      reason: 'too many messages in flight',
    });
  });

  it('refuses more than 32 MiB half-sent over all widgets, and counts finished messages out', () => {
    const reassembler = new MessageReassembler();
    const sixteen = new Uint8Array(16 * 1024 * 1024);
    // Whole messages come and go: far more than 32 MiB in all, never too much at once.
    for (let round = 0; round < 3; round++) {
      const done = completed(framesOf('files', round, sixteen).map((f) => reassembler.accept(f)));
      expect(done).toHaveLength(1);
    }
    const results = ['one', 'two', 'three'].flatMap((widgetId) =>
      framesOf(widgetId, 1, sixteen)
        .slice(0, -1)
        .map((frame) => reassembler.accept(frame)),
    );
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused[0]).toEqual({
      status: 'rejected',
      widgetId: 'three',
      reason: 'more than 32 MiB half-sent',
      flood: true,
    });
  });
});
