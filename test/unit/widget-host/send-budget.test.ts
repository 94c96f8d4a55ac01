import { describe, expect, it } from 'vitest';
import { SendBudget } from '../../../src/widget-host/send-budget.js';

describe('SendBudget', () => {
  const limits = { messagesPerSecond: 10, burst: 5, maxQueuedBytes: 1000 };

  it('allows a burst, then refuses with RATE_LIMITED until time refills it', () => {
    let now = 0;
    const budget = new SendBudget(limits, () => now);
    for (let i = 0; i < 5; i++) expect(budget.take(1)).toBeUndefined();
    expect(budget.take(1)?.code).toBe('RATE_LIMITED');
    now += 100; // one message's worth at 10/s
    expect(budget.take(1)).toBeUndefined();
    expect(budget.take(1)?.code).toBe('RATE_LIMITED');
  });

  it('refuses when too many bytes wait to be sent, and allows again once they are released', () => {
    const budget = new SendBudget(limits, () => 0);
    expect(budget.take(800)).toBeUndefined();
    const refusal = budget.take(300);
    expect(refusal?.code).toBe('RATE_LIMITED');
    expect(refusal?.message).toContain('800 bytes are still waiting');
    budget.release(800);
    expect(budget.take(300)).toBeUndefined();
  });
});
