/** What Draw instances send each other, and the checks every received message passes. */
import type { Parsed } from '@tfx/sdk';

export const COLOURS = ['#0f172a', '#dc2626', '#2563eb', '#16a34a', '#d97706', '#9333ea'] as const;
export const SIZES = [2, 6, 14] as const;
export const MAX_POINTS_PER_STROKE = 5000;
export const MAX_STROKES = 2000;

/** A point in board units: 0–1 across the board's width and height, whatever its pixel size. */
export type Point = [number, number];

export type Stroke = {
  /** Unique per stroke: `<peer id>:<sequence>`, so a board from several peers merges. */
  id: string;
  /** The peer that drew it: only it may undo it. Set from the sender, never trusted from data. */
  author: string;
  tool: 'pen' | 'eraser';
  colour: string;
  size: number;
  /** When it was started (author's clock): strokes are painted in this order on every screen. */
  at: number;
  points: Point[];
};

export type DrawMessage =
  | { type: 'draw:begin'; stroke: Omit<Stroke, 'author'> }
  | { type: 'draw:points'; id: string; points: Point[] }
  | { type: 'draw:undo'; id: string }
  | { type: 'draw:clear' }
  | { type: 'draw:board'; strokes: Stroke[] };

const isPoint = (value: unknown): value is Point =>
  Array.isArray(value) &&
  value.length === 2 &&
  value.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= -0.5 && n <= 1.5);

const isPoints = (value: unknown): value is Point[] =>
  Array.isArray(value) && value.length <= MAX_POINTS_PER_STROKE && value.every(isPoint);

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 120;

function isStrokeBody(value: unknown): value is Omit<Stroke, 'author'> {
  const stroke = value as Partial<Stroke> | null;
  return (
    typeof stroke === 'object' &&
    stroke !== null &&
    isId(stroke.id) &&
    (stroke.tool === 'pen' || stroke.tool === 'eraser') &&
    (COLOURS as readonly unknown[]).includes(stroke.colour) &&
    (SIZES as readonly unknown[]).includes(stroke.size) &&
    typeof stroke.at === 'number' &&
    Number.isFinite(stroke.at) &&
    isPoints(stroke.points)
  );
}

const isStroke = (value: unknown): value is Stroke =>
  isStrokeBody(value) && isId((value as Partial<Stroke>).author);

/** Another peer's Draw may be a different version, or hostile: read it from `unknown`. */
export function parseDrawMessage(value: unknown): Parsed<DrawMessage> {
  const message = value as Record<string, unknown> | null;
  const ok = (value: DrawMessage): Parsed<DrawMessage> => ({ ok: true, value });
  const no = (reason: string): Parsed<DrawMessage> => ({ ok: false, reason });
  switch (message?.type) {
    case 'draw:begin':
      return isStrokeBody(message.stroke)
        ? ok({ type: 'draw:begin', stroke: message.stroke })
        : no('stroke is malformed');
    case 'draw:points':
      return isId(message.id) && isPoints(message.points)
        ? ok({ type: 'draw:points', id: message.id, points: message.points })
        : no('id or points are malformed');
    case 'draw:undo':
      return isId(message.id) ? ok({ type: 'draw:undo', id: message.id }) : no('id is malformed');
    case 'draw:clear':
      return ok({ type: 'draw:clear' });
    case 'draw:board':
      return Array.isArray(message.strokes) &&
        message.strokes.length <= MAX_STROKES &&
        message.strokes.every(isStroke)
        ? ok({ type: 'draw:board', strokes: message.strokes })
        : no(`strokes must be at most ${MAX_STROKES} well-formed strokes`);
    default:
      return no('unknown message type');
  }
}
