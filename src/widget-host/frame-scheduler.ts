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
  /** Stop handing frames to the channel while this much is still buffered. */
  highWatermark: number;
  /** Start again once the buffer has drained to this. */
  lowWatermark: number;
}

export const DEFAULT_SCHEDULER_LIMITS: SchedulerLimits = {
  highWatermark: 1024 * 1024,
  lowWatermark: 256 * 1024,
};

/**
 * Sends the frames of many widgets over one channel. Widgets take turns frame by frame, so a
 * 16 MiB transfer in one widget delays another widget's chat message by one frame, not by the
 * whole transfer. Each widget's messages go out one after another (what the receiving
 * reassembler expects). The channel's buffer is kept between the two watermarks.
 */
export class FrameScheduler {
  private readonly queues = new Map<string, Outgoing[]>();
  private turn: string[] = [];
  private waitingForDrain = false;
  private closed = false;

  constructor(
    private readonly channel: FrameChannel,
    private readonly limits: SchedulerLimits = DEFAULT_SCHEDULER_LIMITS,
  ) {
    channel.bufferedAmountLowThreshold = limits.lowWatermark;
    channel.addEventListener('bufferedamountlow', () => {
      this.waitingForDrain = false;
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
      if (this.channel.bufferedAmount >= this.limits.highWatermark) {
        this.waitingForDrain = true;
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

  private failAll(error: Error): void {
    this.closed = true;
    for (const queue of this.queues.values()) for (const message of queue) message.failed(error);
    this.queues.clear();
    this.turn = [];
  }
}
