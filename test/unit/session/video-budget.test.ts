import { describe, expect, it } from 'vitest';
import { videoBudgetFor } from '../../../src/session/video-budget.js';

describe('videoBudgetFor', () => {
  it('leaves a one-to-one call uncapped and gives each stream less as the mesh grows', () => {
    expect(videoBudgetFor(1)).toBeNull();
    const budgets = [2, 3, 4, 5].map((peers) => videoBudgetFor(peers)!);
    for (const [i, budget] of budgets.entries()) {
      const next = budgets[i + 1];
      if (!next) continue;
      expect(next.maxBitrate).toBeLessThanOrEqual(budget.maxBitrate);
      expect(next.scaleResolutionDownBy).toBeGreaterThanOrEqual(budget.scaleResolutionDownBy);
    }
    // Five streams at the five-person cap upload less than one uncapped 720p stream (~2.5 Mb/s).
    expect(5 * budgets[3]!.maxBitrate).toBeLessThanOrEqual(2_500_000);
    // A 2×2 grid (four people) gets 360p from a 720p camera: no more pixels than its tiles show.
    expect(720 / videoBudgetFor(3)!.scaleResolutionDownBy).toBeLessThanOrEqual(360);
  });
});
