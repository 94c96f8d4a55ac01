import { describe, expect, it } from 'vitest';
import { describePeek, refusalOf } from '../../../src/call/prejoin/room-peek.js';

const peek = (extra: object) => ({
  people: 0,
  capacity: 6,
  locked: false,
  passwordProtected: false,
  ...extra,
});

describe('what the pre-join step says about the room', () => {
  it.each([
    [{ names: [] }, 'No one is here yet.'],
    [{ people: 1, names: ['Ana'] }, 'Ana is in this call.'],
    [{ people: 2, names: ['Ana', 'Bea'] }, 'Ana and Bea are in this call.'],
    [{ people: 4, names: ['Ana', 'Bea', 'Cai', 'Dan'] }, 'Ana, Bea and 2 more are in this call.'],
    [{ people: 3, passwordProtected: true }, '3 people are in this call.'],
  ])('%j → %s', (extra, words) => {
    expect(describePeek(peek(extra))).toBe(words);
  });

  it('refuses a locked or full room before joining, and nothing else', () => {
    expect(refusalOf(peek({ people: 2, names: ['A', 'B'] }))).toBeUndefined();
    expect(refusalOf(peek({ locked: true }))).toMatch(/^This room is locked/);
    expect(refusalOf(peek({ people: 6 }))).toBe('This room is full (6 people).');
  });
});
