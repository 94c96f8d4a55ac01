import { describe, expect, it } from 'vitest';
import { gridShape } from '../../../src/call/stage/grid-shape.js';

describe('the stage grid', () => {
  it.each([
    [1, 1280, 640, 1, 1],
    [2, 1280, 640, 2, 1],
    [2, 600, 900, 1, 2],
    [3, 1280, 640, 2, 2],
    [4, 1280, 640, 2, 2],
    [5, 1280, 640, 3, 2],
    [6, 1280, 640, 3, 2],
    [6, 1920, 900, 3, 2],
    [6, 700, 1000, 2, 3],
  ])('puts %i people in a %i×%i stage as %i columns × %i rows', (count, w, h, columns, rows) => {
    expect(gridShape(count, w, h)).toEqual({ columns, rows });
  });

  it('covers most of a landscape stage with four 16:9 tiles', () => {
    const { columns, rows } = gridShape(4, 1248, 600);
    const cellArea = ((1248 - 10 * (columns - 1)) / columns) * ((600 - 10 * (rows - 1)) / rows);
    expect((cellArea * 4) / (1248 * 600)).toBeGreaterThan(0.9);
  });
});
