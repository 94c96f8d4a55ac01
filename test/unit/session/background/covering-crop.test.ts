import { describe, expect, it } from 'vitest';
import { coveringCrop } from '../../../../src/session/background/backdrop.js';

describe('a background picture fills the frame', () => {
  it('uses the whole picture when it has the frame’s shape', () => {
    expect(coveringCrop({ width: 1280, height: 720 }, 640, 360)).toEqual({
      x: 0,
      y: 0,
      width: 1280,
      height: 720,
    });
  });

  it('crops a wider picture at both sides, keeping its centre', () => {
    // A 4:3 camera frame from a 16:9 picture: the middle 960 of its 1280 columns.
    expect(coveringCrop({ width: 1280, height: 720 }, 640, 480)).toEqual({
      x: 160,
      y: 0,
      width: 960,
      height: 720,
    });
  });

  it('crops a taller picture at top and bottom, never letterboxing it', () => {
    // A portrait photo behind a 16:9 frame: its full width, a 16:9 band from its middle.
    const crop = coveringCrop({ width: 1080, height: 1920 }, 1280, 720);
    expect(crop.width).toBe(1080);
    expect(crop.height).toBeCloseTo(607.5);
    expect(crop.x).toBe(0);
    expect(crop.y).toBeCloseTo((1920 - 607.5) / 2);
  });
});
