import { MAX_POINTS_PER_STROKE, MAX_STROKES, type Point, type Stroke } from './draw-protocol';

/**
 * The strokes on the board, the same on every peer: painted in (start time, id) order, so an
 * eraser stroke hides what was drawn before it and nothing drawn after, wherever it arrived first.
 */
export class Board {
  private readonly strokes = new Map<string, Stroke>();
  /** Strokes removed by undo or clear; a late copy of one (history from a slow peer) stays out. */
  private readonly gone = new Set<string>();

  ordered(): Stroke[] {
    return [...this.strokes.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  }

  get size(): number {
    return this.strokes.size;
  }

  get(id: string): Stroke | undefined {
    return this.strokes.get(id);
  }

  /** Adds a stroke unless it is known or was removed; says whether it did. */
  add(stroke: Stroke): boolean {
    if (this.strokes.has(stroke.id) || this.gone.has(stroke.id)) return false;
    if (this.strokes.size >= MAX_STROKES) return false;
    this.strokes.set(stroke.id, { ...stroke, points: [...stroke.points] });
    return true;
  }

  /** Points drawn since the stroke began; only its author's points count. */
  extend(id: string, author: string, points: Point[]): Stroke | undefined {
    const stroke = this.strokes.get(id);
    if (stroke?.author !== author) return undefined;
    const room = MAX_POINTS_PER_STROKE - stroke.points.length;
    stroke.points.push(...points.slice(0, Math.max(0, room)));
    return stroke;
  }

  /** Removes a stroke if `author` drew it: nobody undoes someone else's drawing. */
  undo(id: string, author: string): boolean {
    if (this.strokes.get(id)?.author !== author) return false;
    this.strokes.delete(id);
    this.gone.add(id);
    return true;
  }

  /** The newest stroke `author` drew, for the Undo button. */
  lastBy(author: string): Stroke | undefined {
    return this.ordered()
      .filter((stroke) => stroke.author === author)
      .at(-1);
  }

  clear(): void {
    for (const id of this.strokes.keys()) this.gone.add(id);
    this.strokes.clear();
  }
}
