import { describe, expect, it } from 'vitest';
import { MAX_PICTURE_BYTES, parsePictureFile } from '../../../src/protocol/picture-file.js';

describe('a picture file chosen for the background', () => {
  it('is taken when it is a raster picture of at most 20 MB', () => {
    expect(parsePictureFile({ type: 'image/jpeg', size: 250_000 })).toEqual({
      ok: true,
      value: { type: 'image/jpeg', size: 250_000 },
    });
    expect(parsePictureFile({ type: 'image/png', size: MAX_PICTURE_BYTES }).ok).toBe(true);
  });

  it('is refused as not a picture when its type is anything else, an SVG included', () => {
    for (const type of ['text/plain', 'image/svg+xml', '', 'application/pdf'])
      expect(parsePictureFile({ type, size: 1000 })).toEqual({
        ok: false,
        reason: 'NOT_A_PICTURE',
      });
  });

  it('is refused as too large above 20 MB, and as not a picture when empty', () => {
    expect(parsePictureFile({ type: 'image/webp', size: MAX_PICTURE_BYTES + 1 })).toEqual({
      ok: false,
      reason: 'PICTURE_TOO_LARGE',
    });
    expect(parsePictureFile({ type: 'image/png', size: 0 })).toEqual({
      ok: false,
      reason: 'NOT_A_PICTURE',
    });
  });

  it('names the type first when both are wrong', () => {
    expect(parsePictureFile({ type: 'video/mp4', size: MAX_PICTURE_BYTES * 5 })).toEqual({
      ok: false,
      reason: 'NOT_A_PICTURE',
    });
  });
});
