/**
 * Colour changes on raw YUV video planes, by lookup table: one table for luma, one for each
 * chroma component. Works on the 4:2:0 layouts cameras deliver: I420 (three planes) and NV12
 * (luma, then U and V interleaved).
 */

export interface ColourTables {
  y: Uint8Array | undefined; // undefined: luma unchanged (the common case, and the cheap one)
  u: Uint8Array;
  v: Uint8Array;
}

/**
 * contrast: luma gain around mid-grey (1 leaves it); saturation: chroma gain around neutral
 * (0 is black and white); tintU / tintV: added to the blue- and red-difference chroma.
 */
export interface ColourChange {
  contrast: number;
  saturation: number;
  tintU: number;
  tintV: number;
}

const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));

export function colourTables(change: ColourChange): ColourTables {
  const y = new Uint8Array(256);
  const u = new Uint8Array(256);
  const v = new Uint8Array(256);
  for (let value = 0; value < 256; value++) {
    y[value] = clamp((value - 128) * change.contrast + 128);
    u[value] = clamp((value - 128) * change.saturation + 128 + change.tintU);
    v[value] = clamp((value - 128) * change.saturation + 128 + change.tintV);
  }
  return { y: change.contrast === 1 ? undefined : y, u, v };
}

export interface Plane {
  offset: number;
  stride: number;
}

function mapRange(bytes: Uint8Array, from: number, to: number, table: Uint8Array): void {
  for (let at = from; at < to; at++) bytes[at] = table[bytes[at]!]!;
}

/** Applies the tables in place to a frame copied out as `format` with these plane layouts. */
export function applyColourTables(
  bytes: Uint8Array,
  format: 'I420' | 'NV12',
  layout: Plane[],
  height: number,
  tables: ColourTables,
): void {
  const [luma, first, second] = layout;
  if (!luma || !first) throw new Error(`a ${format} frame needs its planes`);
  const chromaRows = Math.ceil(height / 2);
  if (tables.y) mapRange(bytes, luma.offset, luma.offset + luma.stride * height, tables.y);
  if (format === 'I420') {
    if (!second) throw new Error('an I420 frame has three planes');
    mapRange(bytes, first.offset, first.offset + first.stride * chromaRows, tables.u);
    mapRange(bytes, second.offset, second.offset + second.stride * chromaRows, tables.v);
    return;
  }
  const end = first.offset + first.stride * chromaRows;
  for (let at = first.offset; at + 1 < end; at += 2) {
    bytes[at] = tables.u[bytes[at]!]!;
    bytes[at + 1] = tables.v[bytes[at + 1]!]!;
  }
}
