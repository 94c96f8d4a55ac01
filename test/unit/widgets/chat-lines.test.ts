import { describe, expect, it } from 'vitest';
import { MAX_LOG, shownLines } from '../../../widgets/chat/chat-lines';
import { chatTextSchema } from '../../../widgets/chat/chat-protocol';

const ana = { id: 'ana', name: 'Ana' };
const bea = { id: 'bea', name: 'Bea' };
const eve = { id: 'eve', name: 'Eve' };
const entry = (key: string, author: typeof ana, text: string, at: number, via?: typeof ana) => ({
  key,
  author,
  value: { text, at },
  ...(via ? { via } : {}),
});

describe('the chat conversation', () => {
  it('shows each line under the author the host vouches for, oldest first, and says whose word history is', () => {
    const lines = shownLines(
      [
        entry('2', bea, 'hi Ana', 20),
        entry('1', ana, 'hello', 10),
        entry('1', eve, 'said before Ana came', 5, bea),
      ],
      'ana',
    );
    expect(lines.map((line) => [line.author, line.text, line.provenance])).toEqual([
      ['Eve', 'said before Ana came', { kind: 'history', via: 'Bea' }],
      ['Ana', 'hello', { kind: 'mine' }],
      ['Bea', 'hi Ana', { kind: 'live' }],
    ]);
    // Two authors' line 1 are two lines.
    expect(new Set(lines.map((line) => line.id)).size).toBe(3);
  });

  it(`keeps the latest ${MAX_LOG} lines`, () => {
    const many = Array.from({ length: MAX_LOG + 5 }, (_, at) => entry(String(at), bea, 'x', at));
    const lines = shownLines(many, 'ana');
    expect(lines).toHaveLength(MAX_LOG);
    expect(lines[0]?.at).toBe(5);
  });

  it('takes only a chat line from a peer: text and time, nothing else', () => {
    const check = (value: unknown) => chatTextSchema['~standard'].validate(value);
    expect(check({ text: 'hi', at: 1 })).toEqual({ value: { text: 'hi', at: 1 } });
    for (const bad of [
      null,
      { text: 'hi' },
      { text: 1, at: 1 },
      { text: 'hi', at: 1, author: 'Ana' },
    ])
      expect(check(bad)).toMatchObject({ issues: [{ message: 'not a chat line' }] });
    expect(check({ text: 'x'.repeat(2001), at: 1 })).toMatchObject({ issues: [{}] });
  });
});
