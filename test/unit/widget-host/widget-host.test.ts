import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/log.js';
import { MemoryRoom } from '../../../src/widget-host/memory-room.js';
import { RoomWidgetStorage, memoryArea } from '../../../src/widget-host/room-widget-storage.js';
import { CONTROL_CHANNEL_ID } from '../../../src/protocol/peer-control.js';
import { MAX_HELD_BYTES, WidgetHost } from '../../../src/widget-host/widget-host.js';

function hostFor(room: MemoryRoom, signal: AbortSignal): WidgetHost {
  return new WidgetHost({
    widgets: [{ id: 'chat', title: 'Chat', url: 'about:blank' }],
    network: room.join({ id: 'bea', name: 'Bea' }),
    storage: new RoomWidgetStorage(memoryArea(), 'room'),
    log: createLogger('test'),
    signal,
  });
}

describe('the call’s control messages', () => {
  it('are no widget’s: never held, and not mistaken for an unknown widget’s', async () => {
    const room = new MemoryRoom();
    const ana = room.join({ id: 'ana', name: 'Ana' });
    const controller = new AbortController();
    const warnings: string[] = [];
    const host = new WidgetHost({
      widgets: [{ id: 'chat', title: 'Chat', url: 'about:blank' }],
      network: room.join({ id: 'bea', name: 'Bea' }),
      storage: new RoomWidgetStorage(memoryArea(), 'room'),
      log: {
        info: () => undefined,
        warn: (line) => void warnings.push(line),
        error: () => undefined,
      },
      signal: controller.signal,
    });
    await ana.send(CONTROL_CHANNEL_ID, 'bytes', new Uint8Array(1024));
    await ana.send('not-installed', 'bytes', new Uint8Array(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(host.heldBytes).toBe(0);
    expect(warnings).toEqual(['Dropped a message for unknown widget "not-installed"']);
    controller.abort();
  });
});

describe('messages for a widget that is not open yet', () => {
  it(`are kept for when it opens, but never more than ${MAX_HELD_BYTES / 1024 / 1024} MiB`, async () => {
    const room = new MemoryRoom();
    const ana = room.join({ id: 'ana', name: 'Ana' });
    const controller = new AbortController();
    const host = hostFor(room, controller.signal);
    const mib = new Uint8Array(1024 * 1024);
    // 48 MiB for Chat, which Bea has not opened, and some for a widget she does not have.
    for (let n = 0; n < 48; n++) await ana.send('chat', 'bytes', mib);
    await ana.send('not-installed', 'bytes', mib);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(host.heldBytes).toBe(MAX_HELD_BYTES);
    controller.abort();
  });
});
