import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../../../src/protocol/peer.js';
import { FrameScheduler, type FrameChannel } from '../../../src/widget-host/frame-scheduler.js';

/** A channel that buffers what is sent until the test drains it, like a slow network. */
class FakeChannel implements FrameChannel {
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  readyState: RTCDataChannelState = 'open';
  readonly sent: { widgetId: string; messageId: number; bytes: number }[] = [];
  peakBuffered = 0;
  private readonly listeners = new Map<string, (() => void)[]>();

  send(data: Uint8Array<ArrayBuffer>): void {
    const idLength = data[2]!;
    this.sent.push({
      widgetId: new TextDecoder().decode(data.subarray(16, 16 + idLength)),
      messageId: new DataView(data.buffer, data.byteOffset).getUint32(4),
      bytes: data.byteLength,
    });
    this.bufferedAmount += data.byteLength;
    this.peakBuffered = Math.max(this.peakBuffered, this.bufferedAmount);
  }

  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  /** The network takes `bytes` off the buffer; fires bufferedamountlow as Chrome does. */
  drain(bytes: number): void {
    const before = this.bufferedAmount;
    this.bufferedAmount = Math.max(0, before - bytes);
    if (
      before > this.bufferedAmountLowThreshold &&
      this.bufferedAmount <= this.bufferedAmountLowThreshold
    ) {
      for (const listener of this.listeners.get('bufferedamountlow') ?? []) listener();
    }
  }

  close(): void {
    this.readyState = 'closed';
    for (const listener of this.listeners.get('close') ?? []) listener();
  }
}

const limits = { maxBuffered: 64 * 1024, minBuffered: 64 * 1024, targetQueueMs: 25 };
const unlimited = { maxBuffered: Infinity, minBuffered: Infinity, targetQueueMs: 25 };
const message = (widgetId: string, size: number, id = 1) =>
  encodeMessage(widgetId, id, 'bytes', new Uint8Array(size));

describe('FrameScheduler', () => {
  it('never lets the channel buffer grow past the high watermark plus one frame', async () => {
    const channel = new FakeChannel();
    const scheduler = new FrameScheduler(channel, limits);
    const transfer = scheduler.send('files', message('files', 2 * 1024 * 1024));
    while (channel.sent.reduce((sum, frame) => sum + frame.bytes, 0) < 2 * 1024 * 1024)
      channel.drain(8 * 1024);
    channel.drain(Infinity);
    await transfer;
    expect(channel.peakBuffered).toBeLessThanOrEqual(limits.maxBuffered + 16 * 1024);
    expect(channel.bufferedAmountLowThreshold).toBe(limits.maxBuffered / 4);
  });

  it('sends a small chat message within two frames even while a large transfer is queued', async () => {
    const channel = new FakeChannel();
    const scheduler = new FrameScheduler(channel, limits);
    const transfer = scheduler.send('files', message('files', 4 * 1024 * 1024));
    const sentBeforeChat = channel.sent.length;
    const chat = scheduler.send('chat', message('chat', 200));
    while (!channel.sent.some((frame) => frame.widgetId === 'chat')) channel.drain(16 * 1024);
    const chatPosition = channel.sent.findIndex((frame) => frame.widgetId === 'chat');
    expect(chatPosition - sentBeforeChat).toBeLessThanOrEqual(2);
    while (channel.sent.filter((f) => f.widgetId === 'files').length < 257)
      channel.drain(16 * 1024);
    channel.drain(Infinity);
    await Promise.all([chat, transfer]);
  });

  it.each([
    ['a slow channel gets the floor', 200, 16 * 1024],
    ['a medium channel gets rate × target', 8_000, 200_000],
    ['a fast channel gets the ceiling', 200_000, 1024 * 1024],
  ])('sizes the buffer from the measured drain rate: %s', async (_, bytesPerMs, expected) => {
    let now = 0;
    const channel = new FakeChannel();
    const adaptive = { maxBuffered: 1024 * 1024, minBuffered: 16 * 1024, targetQueueMs: 25 };
    const scheduler = new FrameScheduler(channel, adaptive, () => now);
    const transfer = scheduler.send('files', message('files', 8 * 1024 * 1024));
    while (channel.sent.reduce((sum, frame) => sum + frame.bytes, 0) < 8 * 1024 * 1024) {
      now += 5;
      channel.drain(bytesPerMs * 5);
    }
    channel.drain(Infinity);
    await transfer;
    expect(scheduler.bufferLimit).toBeGreaterThanOrEqual(expected * 0.8);
    expect(scheduler.bufferLimit).toBeLessThanOrEqual(expected * 1.2);
  });

  it('sends one widget’s messages one after another, never interleaved', async () => {
    const channel = new FakeChannel();
    const scheduler = new FrameScheduler(channel, unlimited);
    await Promise.all([
      scheduler.send('files', message('files', 40_000, 1)),
      scheduler.send('files', message('files', 40_000, 2)),
    ]);
    expect(channel.sent.map((frame) => frame.messageId)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(scheduler.pending('files')).toBe(0);
  });

  it('fails a message that cannot be framed without stopping the widget’s next one', async () => {
    const channel = new FakeChannel();
    const scheduler = new FrameScheduler(channel, unlimited);
    const bad = scheduler.send('files', encodeMessage('../bad', 1, 'bytes', new Uint8Array(1)));
    const good = scheduler.send('files', message('files', 10, 2));
    await expect(bad).rejects.toThrow(/malformed/);
    await expect(good).resolves.toBeUndefined();
  });

  it('rejects everything still queued when the channel closes, and new sends after', async () => {
    const channel = new FakeChannel();
    const scheduler = new FrameScheduler(channel, limits);
    const transfer = scheduler.send('files', message('files', 1024 * 1024));
    channel.close();
    await expect(transfer).rejects.toThrow('the channel closed');
    await expect(scheduler.send('chat', message('chat', 1))).rejects.toThrow(
      'the channel is not open',
    );
  });
});
