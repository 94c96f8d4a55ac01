import { describe, expect, it } from 'vitest';
import { initialsOf } from '../../../src/call/stage/tile-grid.js';

describe('a tile with its camera off', () => {
  it('shows the first letters of the first and last names', () => {
    expect(initialsOf('Ana Lima')).toBe('AL');
    expect(initialsOf('  bea ')).toBe('B');
    expect(initialsOf('José María de la Cruz')).toBe('JC');
    expect(initialsOf('Émile')).toBe('É');
  });
});
