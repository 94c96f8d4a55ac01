import { describe, expect, it } from 'vitest';
import { Board } from '../../../widgets/draw/board';
import { parseDrawMessage, type Stroke } from '../../../widgets/draw/draw-protocol';

const stroke = (id: string, author: string, at: number): Stroke => ({
  id,
  author,
  tool: 'pen',
  colour: '#dc2626',
  size: 6,
  at,
  points: [[0.1, 0.2]],
});

describe('Draw board', () => {
  it('paints strokes in start order whatever order they arrived in', () => {
    const board = new Board();
    board.add(stroke('b:2', 'b', 200));
    board.add(stroke('a:1', 'a', 100));
    expect(board.ordered().map((s) => s.id)).toEqual(['a:1', 'b:2']);
  });

  it("lets only a stroke's author undo or extend it", () => {
    const board = new Board();
    board.add(stroke('a:1', 'a', 100));
    expect(board.extend('a:1', 'b', [[0.5, 0.5]])).toBeUndefined();
    expect(board.undo('a:1', 'b')).toBe(false);
    expect(board.extend('a:1', 'a', [[0.5, 0.5]])?.points).toHaveLength(2);
    expect(board.undo('a:1', 'a')).toBe(true);
    expect(board.size).toBe(0);
  });

  it('keeps an undone or cleared stroke out when a late copy arrives', () => {
    const board = new Board();
    board.add(stroke('a:1', 'a', 100));
    board.undo('a:1', 'a');
    board.add(stroke('b:1', 'b', 150));
    board.clear();
    expect(board.add(stroke('a:1', 'a', 100))).toBe(false);
    expect(board.add(stroke('b:1', 'b', 150))).toBe(false);
    expect(board.add(stroke('c:1', 'c', 300))).toBe(true);
  });
});

describe('Draw wire', () => {
  it.each([
    ['not an object', 'draw'],
    ['an unknown type', { type: 'draw:explode' }],
    [
      'a colour outside the palette',
      { type: 'draw:begin', stroke: { ...stroke('x', 'a', 1), colour: 'url(evil)' } },
    ],
    [
      'a size outside the choices',
      { type: 'draw:begin', stroke: { ...stroke('x', 'a', 1), size: 5000 } },
    ],
    ['a point that is not two numbers', { type: 'draw:points', id: 'x', points: [[1, 'a']] }],
    [
      'a board with a stroke missing its author',
      { type: 'draw:board', strokes: [{ ...stroke('x', 'a', 1), author: undefined }] },
    ],
  ])('refuses %s', (_what, message) => {
    expect(parseDrawMessage(message)).toMatchObject({
      ok: false,
      reason: expect.any(String) as string,
    });
  });

  it('reads a well-formed stroke', () => {
    const body = {
      id: 'x',
      tool: 'eraser',
      colour: '#0f172a',
      size: 14,
      at: 1,
      points: [[0, 1]],
    };
    expect(parseDrawMessage({ type: 'draw:begin', stroke: body })).toEqual({
      ok: true,
      value: { type: 'draw:begin', stroke: body },
    });
  });
});
