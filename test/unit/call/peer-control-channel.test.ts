import { describe, expect, it } from 'vitest';
import { PeerControlChannel } from '../../../src/call/peer-control-channel.js';
import { CONTROL_CHANNEL_ID } from '../../../src/protocol/peer-control.js';
import { createLogger } from '../../../src/shared/log.js';
import { MemoryRoom } from '../../../src/widget-host/memory-room.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function call() {
  const room = new MemoryRoom();
  const ana = room.join({ id: 'ana', name: 'Ana' });
  const controller = new AbortController();
  const bea = new PeerControlChannel(
    room.join({ id: 'bea', name: 'Bea' }),
    createLogger('test'),
    controller.signal,
  );
  return { room, ana, bea, controller };
}

describe('the peer control channel', () => {
  it('hands each kind only to its own subscribers, with the sender the transport names', async () => {
    const { room, bea, controller } = call();
    const anaChannel = new PeerControlChannel(
      room.join({ id: 'cai', name: 'Cai' }),
      createLogger('test'),
      controller.signal,
    );
    const opened: string[] = [];
    const recording: string[] = [];
    bea.on('widget:opened', ({ control, from }) => opened.push(`${from.id}:${control.widget}`));
    bea.on('recording:changed', ({ control, from }) =>
      recording.push(`${from.id}:${String(control.active)}`),
    );
    await anaChannel.send({ type: 'widget:opened', widget: 'chat' });
    await anaChannel.send({ type: 'recording:changed', active: true, elapsedMs: 0 });
    await settle();
    expect(opened).toEqual(['cai:chat']);
    expect(recording).toEqual(['cai:true']);
    controller.abort();
  });

  it('refuses what does not parse, and the next message still arrives', async () => {
    const { ana, bea, controller } = call();
    const opened: string[] = [];
    bea.on('widget:opened', ({ control }) => opened.push(control.widget));
    await ana.send(CONTROL_CHANNEL_ID, 'json', new TextEncoder().encode('{not json'));
    await ana.send(CONTROL_CHANNEL_ID, 'json', json({ type: 'recording', active: true }));
    await ana.send(CONTROL_CHANNEL_ID, 'json', json({ type: 'widget:opened', widget: 'Chat!' }));
    await ana.send(CONTROL_CHANNEL_ID, 'json', json({ type: 'widget:opened', widget: 'draw' }));
    await settle();
    expect(opened).toEqual(['draw']);
    controller.abort();
  });

  it('takes a peer’s messages at a person’s pace: a flood gets through 20 at most', async () => {
    const { ana, bea, controller } = call();
    let received = 0;
    bea.on('widget:opened', () => received++);
    const opened = json({ type: 'widget:opened', widget: 'chat' });
    await Promise.all(
      Array.from({ length: 200 }, () => ana.send(CONTROL_CHANNEL_ID, 'json', opened)),
    );
    await settle();
    expect(received).toBeGreaterThanOrEqual(20);
    expect(received).toBeLessThan(25);
    controller.abort();
  });

  it('ignores widget traffic, and stops listening when the call ends', async () => {
    const { ana, bea, controller } = call();
    let received = 0;
    bea.on('widget:opened', () => received++);
    await ana.send('chat', 'json', json({ type: 'widget:opened', widget: 'chat' }));
    controller.abort();
    await ana.send(CONTROL_CHANNEL_ID, 'json', json({ type: 'widget:opened', widget: 'chat' }));
    await settle();
    expect(received).toBe(0);
  });
});
