import { describe, expect, it } from 'vitest';
import { jsonDepth } from '../../../src/protocol/json-depth.js';

describe('the depth of JSON text', () => {
  it.each([
    ['1', 0],
    ['"[[[{"', 0],
    ['[1,[2,{"a":[3]}]]', 4],
    ['{"a":"\\\\"}', 1],
    ['{"a":"\\"[[["}', 1],
    ['[[],[],[[]]]', 3],
  ])('of %s is %i', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it('stops counting just past the limit, without parsing', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(jsonDepth(text, 64)).toBe(65);
  });
});
