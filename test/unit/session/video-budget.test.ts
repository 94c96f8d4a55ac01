import { describe, expect, it } from 'vitest';
import { videoBudgetFor } from '../../../src/session/video-budget.js';

describe('videoBudgetFor', () => {
  it('gives each stream less as the mesh grows, and never more upload than a one-to-one call', () => {
    const budgets = [1, 2, 3, 4, 5].map(videoBudgetFor);
    for (const [i, budget] of budgets.entries()) {
      const next = budgets[i + 1];
      if (next) expect(next.maxBitrate).toBeLessThanOrEqual(budget.maxBitrate);
    }
    expect(videoBudgetFor(1).scaleResolutionDownBy).toBe(1);
    expect(5 * videoBudgetFor(5).maxBitrate).toBeLessThanOrEqual(videoBudgetFor(1).maxBitrate);
  });
});
