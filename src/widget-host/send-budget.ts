import { errors, type AppError } from '../shared/app-error.js';

export interface SendBudgetLimits {
  /** Messages per second a widget may send, sustained. */
  messagesPerSecond: number;
  /** Messages a widget may send in one burst before the rate applies. */
  burst: number;
  /** Bytes of a widget's messages that may wait for the channel at once. */
  maxQueuedBytes: number;
}

export const DEFAULT_SEND_BUDGET: SendBudgetLimits = {
  messagesPerSecond: 500,
  burst: 1000,
  // Room for two full-size messages, so a widget streaming 16 MiB messages never stalls on this.
  maxQueuedBytes: 32 * 1024 * 1024,
};

/**
 * One widget's allowance for sending: a token bucket for the message rate and a cap on bytes
 * queued but not yet sent. A widget that floods is refused with RATE_LIMITED; the call and the
 * other widgets never notice.
 */
export class SendBudget {
  private tokens: number;
  private lastRefill: number;
  private queuedBytes = 0;

  constructor(
    private readonly limits: SendBudgetLimits = DEFAULT_SEND_BUDGET,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limits.burst;
    this.lastRefill = now();
  }

  /** Takes one message of this size, or says why not. Call `release` once it has been sent. */
  take(bytes: number): AppError | undefined {
    this.refill();
    if (this.tokens < 1) {
      return errors.rateLimited(
        `More than ${this.limits.messagesPerSecond} messages per second; slow down.`,
      );
    }
    if (this.queuedBytes + bytes > this.limits.maxQueuedBytes) {
      return errors.rateLimited(
        `${this.queuedBytes} bytes are still waiting to be sent; await earlier sendMessage calls.`,
      );
    }
    this.tokens -= 1;
    this.queuedBytes += bytes;
    return undefined;
  }

  release(bytes: number): void {
    this.queuedBytes = Math.max(0, this.queuedBytes - bytes);
  }

  private refill(): void {
    const now = this.now();
    const earned = ((now - this.lastRefill) / 1000) * this.limits.messagesPerSecond;
    this.tokens = Math.min(this.limits.burst, this.tokens + earned);
    this.lastRefill = now;
  }
}
