import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../../../src/protocol/peer.js';
import { AppError } from '../../../src/shared/app-error.js';
import { WidgetBus, type BusMessage } from '../../../src/widget-host/widget-bus.js';
import { linkedPair } from './linked-channels.js';

function connectedBuses() {
  const [toBea, toAna] = linkedPair();
  const ana = new WidgetBus();
  const bea = new WidgetBus();
  const received: BusMessage[] = [];
  const rejected: string[] = [];
  bea.on('messageReceived', (message) => received.push(message));
  bea.on('frameRejected', ({ reason }) => rejected.push(reason));
  ana.connect('bea', toBea);
  bea.connect('ana', toAna);
  return { ana, bea, received, rejected, toBea, toAna };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
}

const text = (message: BusMessage) => new TextDecoder().decode(message.payload);

describe('WidgetBus', () => {
  it('delivers a 5 MiB message in 16 KiB frames, byte for byte, attributed to the channel peer', async () => {
    const { ana, received } = connectedBuses();
    const payload = new Uint8Array(5 * 1024 * 1024).map((_, index) => (index * 7) % 251);
    await ana.send('files', 'bytes', payload);
    await until(() => received.length === 1);
    expect(received[0]).toMatchObject({ widgetId: 'files', from: 'ana', kind: 'bytes' });
    expect(Buffer.from(received[0]!.payload).equals(Buffer.from(payload))).toBe(true);
  });

  it("keeps each widget's messages in order while another widget's large message is in flight", async () => {
    const { ana, received } = connectedBuses();
    const big = ana.send('files', 'bytes', new Uint8Array(2 * 1024 * 1024));
    const small = Array.from({ length: 20 }, (_, index) =>
      ana.send('chat', 'json', new TextEncoder().encode(JSON.stringify(index))),
    );
    await Promise.all([big, ...small]);
    await until(() => received.length === 21);
    const chat = received.filter((message) => message.widgetId === 'chat').map(text);
    expect(chat).toEqual(Array.from({ length: 20 }, (_, index) => String(index)));
    // Round-robin: every chat message overtook the end of the 2 MiB transfer.
    expect(received.at(-1)!.widgetId).toBe('files');
  });

  it('rejects a malformed frame with a reason and still delivers the next message', async () => {
    const { ana, received, rejected, toAna } = connectedBuses();
    toAna.inject('not binary');
    toAna.inject(new ArrayBuffer(4));
    const second = [...encodeMessage('chat', 9, 'json', new Uint8Array(40_000))][1]!;
    toAna.inject(second.buffer);
    await ana.send('chat', 'json', new TextEncoder().encode('"ok"'));
    await until(() => received.length === 1);
    expect(text(received[0]!)).toBe('"ok"');
    expect(rejected).toEqual([
      'frame is not binary',
      'frame is shorter than its header',
      'chunk 1 arrived before chunk 0',
    ]);
  });

  it('answers NOT_CONNECTED for a peer without an open channel, and when the channel closes mid-send', async () => {
    const { ana, toBea } = connectedBuses();
    await expect(ana.send('chat', 'json', new Uint8Array(1), 'cal')).rejects.toMatchObject({
      code: 'NOT_CONNECTED',
    });
    const transfer = ana.send('files', 'bytes', new Uint8Array(8 * 1024 * 1024));
    toBea.close();
    const error = await transfer.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_CONNECTED' });
    expect(ana.connectedPeers()).toEqual([]);
  });

  it('sends to one peer only when asked to', async () => {
    const [toBea, toAna] = linkedPair();
    const [toCal, calFromAna] = linkedPair();
    const ana = new WidgetBus();
    const bea = new WidgetBus();
    const cal = new WidgetBus();
    const got: string[] = [];
    bea.on('messageReceived', () => got.push('bea'));
    cal.on('messageReceived', () => got.push('cal'));
    ana.connect('bea', toBea);
    ana.connect('cal', toCal);
    bea.connect('ana', toAna);
    cal.connect('ana', calFromAna);
    await ana.send('chat', 'json', new TextEncoder().encode('1'), 'cal');
    await ana.send('chat', 'json', new TextEncoder().encode('2'));
    await until(() => got.length === 3);
    expect(got.sort()).toEqual(['bea', 'cal', 'cal']);
  });

  it('hangs up on a peer that leaves more than 32 MiB half-sent', async () => {
    const { bea, rejected, toAna } = connectedBuses();
    let closed = false;
    bea.on('peerDisconnected', () => (closed = true));
    // Three 16 MiB messages, each started and never finished.
    for (const widgetId of ['one', 'two', 'three']) {
      const frames = [...encodeMessage(widgetId, 1, 'bytes', new Uint8Array(16 * 1024 * 1024))];
      for (const frame of frames.slice(0, -1)) toAna.inject(frame.buffer);
    }
    await until(() => closed);
    expect(rejected[0]).toBe('more than 32 MiB half-sent');
  });
});
