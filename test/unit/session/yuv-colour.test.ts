import { describe, expect, it } from 'vitest';
import { applyColourTables, colourTables } from '../../../src/session/yuv-colour';

// A 4×2 frame: luma 8 bytes (stride 4), then chroma for 2×1.
const frame = (format: 'I420' | 'NV12') =>
  format === 'I420'
    ? Uint8Array.from([10, 60, 128, 200, 250, 0, 90, 180, /* U */ 40, 200, /* V */ 220, 30])
    : Uint8Array.from([10, 60, 128, 200, 250, 0, 90, 180, /* UV UV */ 40, 220, 200, 30]);
const layout = (format: 'I420' | 'NV12') =>
  format === 'I420'
    ? [
        { offset: 0, stride: 4 },
        { offset: 8, stride: 2 },
        { offset: 10, stride: 2 },
      ]
    : [
        { offset: 0, stride: 4 },
        { offset: 8, stride: 4 },
      ];

describe('YUV colour tables', () => {
  it.each(['I420', 'NV12'] as const)('turns a %s frame black and white, keeping luma', (format) => {
    const bytes = frame(format);
    applyColourTables(
      bytes,
      format,
      layout(format),
      2,
      colourTables({ contrast: 1, saturation: 0, tintU: 0, tintV: 0 }),
    );
    expect([...bytes.subarray(0, 8)]).toEqual([...frame(format).subarray(0, 8)]);
    expect([...bytes.subarray(8)]).toEqual([128, 128, 128, 128]);
  });

  it('tints chroma toward red and away from blue, within 0–255', () => {
    const bytes = frame('I420');
    applyColourTables(
      bytes,
      'I420',
      layout('I420'),
      2,
      colourTables({ contrast: 1, saturation: 1, tintU: -50, tintV: 50 }),
    );
    expect([...bytes.subarray(8)]).toEqual([0, 150, 255, 80]);
  });

  it('stretches luma around mid-grey for contrast, clamped', () => {
    const bytes = frame('NV12');
    applyColourTables(
      bytes,
      'NV12',
      layout('NV12'),
      2,
      colourTables({ contrast: 2, saturation: 1, tintU: 0, tintV: 0 }),
    );
    expect([...bytes.subarray(0, 8)]).toEqual([0, 0, 128, 255, 255, 0, 52, 232]);
    expect([...bytes.subarray(8)]).toEqual([40, 220, 200, 30]);
  });
});
