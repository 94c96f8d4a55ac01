import { describe, expect, it } from 'vitest';
import { newRoomId, roomFromInput } from '../../../src/shared/room-id.js';

describe('room ids', () => {
  it('makes 22-character url-safe ids that do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newRoomId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it.each([
    ['team-42', 'team-42'],
    ['  team-42 ', 'team-42'],
    ['http://127.0.0.1:8084/r/team-42', 'team-42'],
    ['https://calls.example.com/r/abc_DEF/?utm=x', 'abc_DEF'],
    ['bad room', undefined],
    ['https://example.com/r/', undefined],
    ['x'.repeat(65), undefined],
  ])('reads %j as %j', (input, room) => {
    expect(roomFromInput(input)).toBe(room);
  });
});
