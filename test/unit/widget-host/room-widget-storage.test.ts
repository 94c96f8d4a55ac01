import { describe, expect, it } from 'vitest';
import { RoomWidgetStorage, memoryArea } from '../../../src/widget-host/room-widget-storage.js';

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

  it('refuses with STORAGE_FULL past 1 MiB per widget and room, keeping what was there', async () => {
    const storage = new RoomWidgetStorage(memoryArea(), 'room');
    await storage.set('chat', 'a', 'x'.repeat(600_000));
    await expect(storage.set('chat', 'b', 'y'.repeat(600_000))).rejects.toMatchObject({
      code: 'STORAGE_FULL',
    });
    expect((await storage.get('chat', 'a'))?.length).toBe(600_000);
    expect(await storage.get('chat', 'b')).toBeUndefined();
  });

  it('reads a corrupted record as empty instead of failing', async () => {
    const area = memoryArea();
    await area.set('tfx-widget:room:chat', { a: 42 });
    expect(await new RoomWidgetStorage(area, 'room').get('chat', 'a')).toBeUndefined();
  });
});
