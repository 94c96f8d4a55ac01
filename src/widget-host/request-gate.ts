import { TokenBucket } from '../shared/token-bucket.js';

/**
 * Everything a widget's frame posts passes here first, well-formed or not, before any parsing:
 * a frame that posts faster than any widget needs is cut off cheaply, and one that keeps at it
 * is unloaded, so it cannot freeze the call page it runs in.
 */
export interface RequestGateLimits {
  /** Requests at once, and a second sustained: above the SDK's own send budget (1,000; 500/s). */
  burst: number;
  perSecond: number;
  /** Requests dropped before the widget is unloaded. */
  droppedBeforeUnload: number;
}

export const DEFAULT_REQUEST_GATE: RequestGateLimits = {
  burst: 2000,
  perSecond: 1000,
  droppedBeforeUnload: 5000,
};

export type GateVerdict = 'pass' | 'drop' | 'unload';

export class RequestGate {
  private readonly allowance: TokenBucket;
  private dropped = 0;

  constructor(
    private readonly limits: RequestGateLimits = DEFAULT_REQUEST_GATE,
    now: () => number = () => performance.now(),
  ) {
    this.allowance = new TokenBucket(limits.burst, limits.perSecond, now);
  }

  /** What to do with the next request: handle it, drop it, or unload the widget (once). */
  admit(): GateVerdict {
    if (this.allowance.take()) return 'pass';
    this.dropped += 1;
    return this.dropped === this.limits.droppedBeforeUnload ? 'unload' : 'drop';
  }
}
