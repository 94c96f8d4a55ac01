/** Columns and rows for `count` tiles in a `width` × `height` stage. */
export interface GridShape {
  columns: number;
  rows: number;
}

/**
 * The grid that shows `count` tiles of `aspect` (16:9 cameras) largest in the stage: every
 * column count is tried, and the one whose tiles, fitted to their aspect, are biggest wins. So
 * a wide window puts two people side by side and a tall one stacks them; four make 2×2 and six
 * 3×2 in a landscape window. The cells then stretch to fill the stage (video is cropped a
 * little rather than letterboxed in small strips).
 */
export function gridShape(
  count: number,
  width: number,
  height: number,
  gap = 10,
  aspect = 16 / 9,
): GridShape {
  if (count <= 1 || width <= 0 || height <= 0) return { columns: 1, rows: 1 };
  let best: GridShape & { area: number } = { columns: 1, rows: count, area: -1 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    const tileWidth = Math.min(cellWidth, cellHeight * aspect);
    const area = tileWidth * (tileWidth / aspect);
    // Ties go to fewer empty cells.
    if (area > best.area + 0.5) best = { columns, rows, area };
  }
  return { columns: best.columns, rows: best.rows };
}
