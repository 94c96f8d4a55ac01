import type { Stroke } from './draw-protocol';

/** Paints strokes on a canvas; board units are scaled to its pixel size. */
export function paintStroke(context: CanvasRenderingContext2D, stroke: Stroke, from = 0): void {
  const { width, height } = context.canvas;
  const points = stroke.points;
  if (points.length === 0) return;
  const scale = Math.min(width, height) / 600;
  context.save();
  context.globalCompositeOperation = stroke.tool === 'eraser' ? 'destination-out' : 'source-over';
  context.strokeStyle = stroke.colour;
  context.fillStyle = stroke.colour;
  context.lineWidth = (stroke.tool === 'eraser' ? stroke.size * 3 : stroke.size) * scale;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  const start = Math.max(0, from - 1);
  context.beginPath();
  const [x0, y0] = points[start]!;
  context.moveTo(x0 * width, y0 * height);
  if (points.length - start === 1) context.lineTo(x0 * width + 0.01, y0 * height);
  for (const [x, y] of points.slice(start + 1)) context.lineTo(x * width, y * height);
  context.stroke();
  context.restore();
}

export function paintAll(context: CanvasRenderingContext2D, strokes: Stroke[]): void {
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  for (const stroke of strokes) paintStroke(context, stroke);
}
