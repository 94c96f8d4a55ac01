/** The part of an RTCDataChannel the scheduler uses, so tests can drive it with a fake. */
export interface FrameChannel {
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  readonly readyState: RTCDataChannelState;
  send(data: Uint8Array<ArrayBuffer>): void;
  addEventListener(type: 'bufferedamountlow' | 'close', listener: () => void): void;
}

interface Outgoing {
  frames: Iterator<Uint8Array<ArrayBuffer>>;
  done: () => void;
  failed: (error: Error) => void;
}

export interface SchedulerLimits {
  /** The channel's buffer never holds more than this (plus one frame). */
  maxBuffered: number;
  /** Nor is it refilled below this, however slow the channel: enough to keep it busy. */
  minBuffered: number;
  /**
   * Between the two, the buffer is sized to drain in this long at the rate the channel is
   * measured to drain: a small message queued behind a transfer waits about this long.
   */
  targetQueueMs: number;
}

// Measured with npm run bench (docs/benchmarks.md): a ceiling of 1 MiB let a chat message wait
// a second behind a transfer on this 2-core machine, because the browser's own SCTP queue sits
// below bufferedAmount; 256 KiB still drains in under 3 ms on a 100 MB/s channel.
export const DEFAULT_SCHEDULER_LIMITS: SchedulerLimits = {
  maxBuffered: 256 * 1024,
  minBuffered: 32 * 1024,
  targetQueueMs: 10,
};

/**
 * Sends the frames of many widgets over one channel. Widgets take turns frame by frame, so a
 * 16 MiB transfer in one widget delays another widget's chat message by one frame, not by the
 * whole transfer. Each widget's messages go out one after another (what the receiving
 * reassembler expects). The channel's buffer is refilled when it falls to a quarter of its
 * limit, and the limit follows the measured drain rate (see SchedulerLimits).
 */
export class FrameScheduler {
  private readonly queues = new Map<string, Outgoing[]>();
  private turn: string[] = [];
  private waitingForDrain = false;
  private closed = false;
  private highWatermark: number;
  /** Bytes per millisecond the channel drained, smoothed; unknown until the first wait. */
  private drainRate: number | undefined;
  private waitStarted = { at: 0, buffered: 0 };

  constructor(
    private readonly channel: FrameChannel,
    private readonly limits: SchedulerLimits = DEFAULT_SCHEDULER_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
    // Start small and grow with the measured rate: a chat message sent in the first second of a
    // transfer must not wait behind a buffer sized for a channel faster than this one.
    this.highWatermark = limits.minBuffered;
    channel.bufferedAmountLowThreshold = this.lowWatermark;
    channel.addEventListener('bufferedamountlow', () => {
      if (!this.waitingForDrain) return;
      this.waitingForDrain = false;
      this.adapt();
      this.pump();
    });
    channel.addEventListener('close', () => this.failAll(new Error('the channel closed')));
  }

  /** Resolves once every frame of the message has been handed to the channel. */
  send(widgetId: string, frames: Iterable<Uint8Array<ArrayBuffer>>): Promise<void> {
    if (this.closed || this.channel.readyState !== 'open') {
      return Promise.reject(new Error('the channel is not open'));
    }
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(widgetId) ?? [];
      queue.push({ frames: frames[Symbol.iterator](), done: resolve, failed: reject });
      if (!this.queues.has(widgetId)) {
        this.queues.set(widgetId, queue);
        this.turn.push(widgetId);
      }
      this.pump();
    });
  }

  /** Messages still waiting, per widget: what a widget that floods is told about. */
  pending(widgetId: string): number {
    return this.queues.get(widgetId)?.length ?? 0;
  }

  private pump(): void {
    while (!this.waitingForDrain && !this.closed && this.turn.length > 0) {
      if (this.channel.bufferedAmount >= this.highWatermark) {
        this.waitingForDrain = true;
        this.waitStarted = { at: this.now(), buffered: this.channel.bufferedAmount };
        return;
      }
      const widgetId = this.turn.shift()!;
      const queue = this.queues.get(widgetId)!;
      const head = queue[0]!;
      let next: IteratorResult<Uint8Array<ArrayBuffer>>;
      try {
        next = head.frames.next();
      } catch (error) {
        // A message that cannot be framed fails alone; the widget's next message goes on.
        queue.shift();
        head.failed(error instanceof Error ? error : new Error(String(error)));
        if (queue.length > 0) this.turn.push(widgetId);
        else this.queues.delete(widgetId);
        continue;
      }
      if (next.done) {
        queue.shift();
        head.done();
      } else {
        try {
          this.channel.send(next.value);
        } catch (error) {
          this.failAll(error instanceof Error ? error : new Error(String(error)));
          return;
        }
      }
      if (queue.length > 0) this.turn.push(widgetId);
      else this.queues.delete(widgetId);
    }
  }

  /** How full the buffer is allowed to get now; for tests and diagnostics. */
  get bufferLimit(): number {
    return this.highWatermark;
  }

  private get lowWatermark(): number {
    return Math.floor(this.highWatermark / 4);
  }

  // Sizes the buffer from how fast it just drained: big enough to keep a fast channel busy,
  // small enough that a chat message behind a transfer is not stuck behind seconds of data.
  private adapt(): void {
    const elapsed = this.now() - this.waitStarted.at;
    const drained = this.waitStarted.buffered - this.channel.bufferedAmount;
    if (elapsed <= 0 || drained <= 0) return;
    const rate = drained / elapsed;
    this.drainRate = this.drainRate === undefined ? rate : 0.5 * this.drainRate + 0.5 * rate;
    const { minBuffered, maxBuffered, targetQueueMs } = this.limits;
    this.highWatermark = Math.round(
      Math.min(maxBuffered, Math.max(minBuffered, this.drainRate * targetQueueMs)),
    );
    this.channel.bufferedAmountLowThreshold = this.lowWatermark;
  }

  private failAll(error: Error): void {
    this.closed = true;
    for (const queue of this.queues.values()) for (const message of queue) message.failed(error);
    this.queues.clear();
    this.turn = [];
  }
}
