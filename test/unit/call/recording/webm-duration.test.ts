import { describe, expect, it } from 'vitest';
import { withWebmDuration } from '../../../../src/call/recording/webm-duration.js';

const bytes = (...parts: (number[] | Uint8Array)[]) =>
  Uint8Array.from(parts.flatMap((part) => [...part]));
const text = (value: string) => [...new TextEncoder().encode(value)];

// The layout Chromium's MediaRecorder writes: EBML header, a Segment of unknown size, Info
// without Duration, Tracks, then Clusters.
const EBML = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x87], [0x42, 0x82, 0x84], text('webm'));
const UNKNOWN_SEGMENT = [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const INFO_BODY = bytes(
  [0x2a, 0xd7, 0xb1, 0x83, 0x0f, 0x42, 0x40],
  [0x4d, 0x80, 0x84],
  text('test'),
);
const INFO = bytes([0x15, 0x49, 0xa9, 0x66, 0x80 | INFO_BODY.length], INFO_BODY);
const TRACKS = bytes([0x16, 0x54, 0xae, 0x6b, 0x82, 0xae, 0x80]);
const CLUSTER = bytes(
  [0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
  [1, 2, 3, 4, 5],
);

/** Reads the Info element back: its Duration, and where it ends. */
function readInfo(file: Uint8Array, infoAt: number): { duration?: number; end: number } {
  const sizeLength = Math.clz32(file[infoAt + 4]!) - 23;
  let size = file[infoAt + 4]! & (0xff >> sizeLength);
  for (let index = 1; index < sizeLength; index++) size = size * 256 + file[infoAt + 4 + index]!;
  const start = infoAt + 4 + sizeLength;
  const end = start + size;
  for (let at = start; at < end - 2; at++) {
    if (file[at] === 0x44 && file[at + 1] === 0x89 && file[at + 2] === 0x88)
      return { duration: new DataView(file.buffer, file.byteOffset).getFloat64(at + 3), end };
  }
  return { end };
}

describe('withWebmDuration', () => {
  it("writes the duration into a live recording's Info and keeps every other byte", async () => {
    const original = bytes(EBML, UNKNOWN_SEGMENT, INFO, TRACKS, CLUSTER);
    const fixed = new Uint8Array(
      await (await withWebmDuration(new Blob([original]), 6543.5)).arrayBuffer(),
    );
    const infoAt = EBML.length + UNKNOWN_SEGMENT.length;
    expect(fixed.subarray(0, infoAt)).toEqual(original.subarray(0, infoAt));
    const info = readInfo(fixed, infoAt);
    expect(info.duration).toBe(6543.5);
    expect(fixed.subarray(info.end)).toEqual(bytes(TRACKS, CLUSTER));
  });

  it('grows a Segment of known size by what it adds', async () => {
    const body = bytes(INFO, TRACKS);
    const segment = [0x18, 0x53, 0x80, 0x67, 0x80 | body.length];
    const fixed = new Uint8Array(
      await (await withWebmDuration(new Blob([bytes(EBML, segment, body)]), 10)).arrayBuffer(),
    );
    const sizeAt = EBML.length + 4;
    expect(fixed[sizeAt]).toBe(0x01); // rewritten as an 8-byte size
    const size = new DataView(fixed.buffer).getUint32(sizeAt + 4);
    expect(size).toBe(fixed.length - (sizeAt + 8));
    expect(readInfo(fixed, sizeAt + 8).duration).toBe(10);
  });

  it('leaves a file alone when it already has a duration or is not WebM', async () => {
    const once = await withWebmDuration(new Blob([bytes(EBML, UNKNOWN_SEGMENT, INFO, CLUSTER)]), 5);
    expect(await withWebmDuration(once, 99)).toBe(once);
    const notWebm = new Blob([bytes(text('RIFF....WAVE'))]);
    expect(await withWebmDuration(notWebm, 5)).toBe(notWebm);
  });
});
