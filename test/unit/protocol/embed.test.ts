import { describe, expect, it } from 'vitest';
import {
  embedCommand,
  embedEvent,
  isRoomId,
  parseEmbedCommand,
  parseEmbedEvent,
} from '../../../src/protocol/embed.js';

describe('the embed wire', () => {
  it('reads back every event the call writes', () => {
    for (const event of [
      embedEvent('joined', { room: 'team-42', name: 'Ana' }),
      embedEvent('left', {}),
      embedEvent('peerJoined', { peer: { id: 'p1', name: 'Bea' } }),
      embedEvent('peerLeft', { peer: { id: 'p1', name: 'Bea' } }),
      embedEvent('error', { code: 'ROOM_FULL', message: 'This room is full (6 people).' }),
    ])
      expect(parseEmbedEvent(event)).toEqual({ ok: true, value: event });
  });

  it('reads back both commands embed.js writes', () => {
    for (const command of [
      embedCommand({ command: 'mute', muted: true }),
      embedCommand({ command: 'mute', muted: false }),
      embedCommand({ command: 'leave' }),
    ])
      expect(parseEmbedCommand(command)).toEqual({ ok: true, value: command });
  });

  it('refuses what is not its wire, naming the field', () => {
    const leave = embedCommand({ command: 'leave' });
    expect(parseEmbedCommand({ ...leave, v: 2 })).toMatchObject({ ok: false, reason: /^v:/ });
    expect(parseEmbedCommand({ ...leave, wire: 'other' })).toMatchObject({
      ok: false,
      reason: /^wire:/,
    });
    expect(parseEmbedCommand({ ...leave, command: 'eval' })).toMatchObject({ ok: false });
    expect(parseEmbedCommand({ ...leave, extra: 1 })).toMatchObject({ ok: false });
    expect(
      parseEmbedCommand({ ...embedCommand({ command: 'mute', muted: true }), muted: 'yes' }),
    ).toMatchObject({ ok: false, reason: /^muted:/ });
    for (const junk of [null, 'leave', 42, [], { command: 'leave' }])
      expect(parseEmbedCommand(junk)).toMatchObject({ ok: false });
  });

  it('refuses events with a bad peer or an oversized error', () => {
    expect(
      parseEmbedEvent(embedEvent('peerJoined', { peer: { id: '../x', name: 'Bea' } })),
    ).toMatchObject({ ok: false, reason: /^peer\.id:/ });
    expect(
      parseEmbedEvent(embedEvent('error', { code: 'X', message: 'm'.repeat(501) })),
    ).toMatchObject({ ok: false, reason: /^message:/ });
  });

  it('checks room ids as every wire does', () => {
    expect(isRoomId('team-42')).toBe(true);
    for (const bad of ['', 'a b', '../r', 'x'.repeat(65), 42, undefined])
      expect(isRoomId(bad)).toBe(false);
  });
});
