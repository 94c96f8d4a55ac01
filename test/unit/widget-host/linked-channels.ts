import type { BusChannel } from '../../../src/widget-host/widget-bus.js';

type Listener = (event: { data: unknown }) => void;

/**
 * One end of an in-memory DataChannel pair: what is sent arrives at the other end on a later
 * task, as an ArrayBuffer, in order; the sender's bufferedAmount drops as frames are delivered.
 */
export class LinkedChannel implements BusChannel {
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  readyState: RTCDataChannelState = 'open';
  other!: LinkedChannel;
  private readonly listeners = new Map<string, Listener[]>();

  send(data: Uint8Array<ArrayBuffer>): void {
    if (this.readyState !== 'open') throw new Error('InvalidStateError: not open');
    const copy = data.slice().buffer;
    this.bufferedAmount += copy.byteLength;
    setTimeout(() => {
      const before = this.bufferedAmount;
      this.bufferedAmount -= copy.byteLength;
      if (this.other.readyState === 'open') this.other.fire('message', { data: copy });
      if (
        before > this.bufferedAmountLowThreshold &&
        this.bufferedAmount <= this.bufferedAmountLowThreshold
      ) {
        this.fire('bufferedamountlow', { data: undefined });
      }
    }, 0);
  }

  /** Delivers raw data to this end as if the other peer had sent it. */
  inject(data: unknown): void {
    this.fire('message', { data });
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    for (const end of [this, this.other]) {
      if (end.readyState === 'closed') continue;
      end.readyState = 'closed';
      end.fire('close', { data: undefined });
    }
  }

  private fire(type: string, event: { data: unknown }): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

export function linkedPair(): [LinkedChannel, LinkedChannel] {
  const a = new LinkedChannel();
  const b = new LinkedChannel();
  a.other = b;
  b.other = a;
  return [a, b];
}
