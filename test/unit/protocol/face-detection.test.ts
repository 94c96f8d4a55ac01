import { describe, expect, it } from 'vitest';
import { MAX_FACES, parseWorkerReply } from '../../../src/protocol/face-detection.js';

const box = { x: 0.1, y: 0.2, width: 0.3, height: 0.3 };

describe('the face-detection worker’s replies', () => {
  it.each([
    ['ready', { type: 'ready', backend: 'webgl' }],
    ['faces', { type: 'faces', id: 3, boxes: [box], ms: 120 }],
    ['no faces', { type: 'faces', id: 4, boxes: [], ms: 90 }],
    ['a missed frame', { type: 'missed', id: 5, reason: 'out of memory' }],
    ['a failure', { type: 'failed', reason: 'no WebGL' }],
  ])('accepts %s', (_, raw) => {
    expect(parseWorkerReply(raw)).toEqual({ ok: true, value: raw });
  });

  it.each([
    ['an unknown type', { type: 'eval', code: '1' }, 'type'],
    [
      'a box that is not a number',
      { type: 'faces', id: 1, boxes: [{ ...box, x: 'a' }], ms: 1 },
      'boxes.0.x',
    ],
    [
      'a box of infinite size',
      { type: 'faces', id: 1, boxes: [{ ...box, width: Infinity }], ms: 1 },
      'boxes.0.width',
    ],
    [
      'more faces than are ever drawn',
      { type: 'faces', id: 1, boxes: Array.from({ length: MAX_FACES + 1 }, () => box), ms: 1 },
      'boxes',
    ],
    ['an extra field', { type: 'ready', backend: 'cpu', script: 'x' }, 'message'],
  ])('refuses %s, naming the field', (_, raw, field) => {
    const parsed = parseWorkerReply(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.startsWith(field)).toBe(true);
  });
});
