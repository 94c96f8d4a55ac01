import { describe, expect, it } from 'vitest';
import { RequestGate } from '../../../src/widget-host/request-gate.js';

describe('the gate every frame request passes', () => {
  it('lets a burst through, drops what comes faster than the rate, and unloads a flooder once', () => {
    let now = 0;
    const gate = new RequestGate({ burst: 5, perSecond: 10, droppedBeforeUnload: 3 }, () => now);
    const verdicts = Array.from({ length: 9 }, () => gate.admit());
    expect(verdicts).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
      'drop',
      'drop',
      'unload',
      'drop',
    ]);
    now += 100; // one more request's worth of time
    expect(gate.admit()).toBe('pass');
  });
});
