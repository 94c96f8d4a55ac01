import { describe, expect, it } from 'vitest';
import {
  MAX_WIDGET_STORAGE_BYTES,
  RoomWidgetStorage,
  memoryArea,
} from '../../../src/widget-host/room-widget-storage.js';

describe('RoomWidgetStorage', () => {
  it('keeps values per widget and per room', async () => {
    const area = memoryArea();
    const roomA = new RoomWidgetStorage(area, 'room-a');
    const roomB = new RoomWidgetStorage(area, 'room-b');
    await roomA.set('chat', 'draft', '"hi"');
    await roomA.set('draw', 'draft', '"board"');
    expect(await roomA.get('chat', 'draft')).toBe('"hi"');
    expect(await roomA.get('draw', 'draft')).toBe('"board"');
    expect(await roomB.get('chat', 'draft')).toBeUndefined();
    await roomA.set('chat', 'draft', null);
    expect(await roomA.get('chat', 'draft')).toBeUndefined();
  });

  it('loses no key when two writes race', async () => {
    const storage = new RoomWidgetStorage(memoryArea(), 'room');
    await Promise.all([storage.set('chat', 'a', '1'), storage.set('chat', 'b', '2')]);
    expect([await storage.get('chat', 'a'), await storage.get('chat', 'b')]).toEqual(['1', '2']);
  });

  it('counts UTF-8 bytes, as its limit says: 600,000 "é" (1.2 MB) do not fit in 1 MiB', async () => {
    const storage = new RoomWidgetStorage(memoryArea(), 'room');
    const accented = JSON.stringify('é'.repeat(600_000));
    expect(accented.length).toBeLessThan(1024 * 1024);
    await expect(storage.set('chat', 'a', accented)).rejects.toMatchObject({
      code: 'STORAGE_FULL',
      message: expect.stringContaining('bytes') as string,
    });
    await storage.set('chat', 'a', JSON.stringify('e'.repeat(600_000)));
    expect(await storage.get('chat', 'a')).toHaveLength(600_002);
  });

  it('refuses with STORAGE_FULL past 1 MiB per widget and room, keeping what was there', async () => {
    const storage = new RoomWidgetStorage(memoryArea(), 'room');
    await storage.set('chat', 'a', JSON.stringify('x'.repeat(600_000)));
    await expect(
      storage.set('chat', 'b', JSON.stringify('y'.repeat(600_000))),
    ).rejects.toMatchObject({ code: 'STORAGE_FULL' });
    expect((await storage.get('chat', 'a'))?.length).toBe(600_002);
    expect(await storage.get('chat', 'b')).toBeUndefined();
  });

  it('reads a corrupted record as empty instead of failing', async () => {
    const area = memoryArea();
    await area.set('tfx-widget:room:chat', { a: 42 });
    expect(await new RoomWidgetStorage(area, 'room').get('chat', 'a')).toBeUndefined();
  });

  it('counts bytes as the store keeps them: control characters cost six each', async () => {
    const storage = new RoomWidgetStorage(memoryArea(), 'room');
    // 200,000 characters, but 1.2 MB once stored as JSON text.
    const sneaky = JSON.stringify('\u0001'.repeat(200_000));
    await expect(storage.set('chat', 'a', sneaky)).rejects.toMatchObject({ code: 'STORAGE_FULL' });
  });

  it('refuses a value that is not JSON', async () => {
    const storage = new RoomWidgetStorage(memoryArea(), 'room');
    await expect(storage.set('chat', 'a', '{not json')).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
  });

  it(`keeps all rooms together under ${MAX_WIDGET_STORAGE_BYTES / 1024 / 1024} MiB, forgetting the rooms used longest ago`, async () => {
    const area = memoryArea();
    let clock = 0;
    const value = JSON.stringify('x'.repeat(900_000));
    for (const room of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']) {
      await new RoomWidgetStorage(area, room, () => ++clock).set('chat', 'draft', value);
    }
    const kept = [];
    for (const room of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'])
      if (await new RoomWidgetStorage(area, room).get('chat', 'draft')) kept.push(room);
    expect(kept).toEqual(['r3', 'r4', 'r5', 'r6']);
  });
});
