import { describe, expect, it } from 'vitest';
import {
  parseClientEvent,
  parseReply,
  parseServerEvent,
} from '../../../src/protocol/signalling.js';

const media = { audio: true, video: true };
const join = { v: 1, room: 'team-standup_01', name: 'Ana', media, instance: 'page-0001' };

describe('parseClientEvent', () => {
  const valid: [string, unknown][] = [
    ['room:join', join],
    ['room:join', { ...join, room: 'x'.repeat(64) }],
    ['room:join', { ...join, name: 'Zoë 李 🙂' }],
    ['room:join', { ...join, resume: 'r'.repeat(43) }],
    ['room:leave', { mayReturn: true }],
    ['room:leave', {}],
    ['signal:send', { to: 'peer_1', signal: { type: 'offer', sdp: 'v=0' } }],
    ['signal:send', { to: 'peer_1', signal: { type: 'answer', sdp: 'v=0' } }],
    [
      'signal:send',
      {
        to: 'peer_1',
        signal: {
          type: 'candidate',
          candidate: { candidate: 'candidate:1 1 udp', sdpMid: '0', sdpMLineIndex: 0 },
        },
      },
    ],
    ['signal:send', { to: 'p', signal: { type: 'candidate', candidate: { candidate: '' } } }],
    ['media:update', { media: { audio: false, video: true } }],
  ];
  it.each(valid)('accepts a valid %s', (name, raw) => {
    expect(parseClientEvent(name, raw).ok).toBe(true);
  });

  it('trims the display name', () => {
    const parsed = parseClientEvent('room:join', { ...join, name: '  Ana  ' });
    expect(parsed.ok && parsed.value.type === 'room:join' && parsed.value.payload.name).toBe('Ana');
  });

  const invalid: [string, string, unknown, string][] = [
    ['unknown event', 'room:destroy', {}, 'unknown event "room:destroy"'],
    ['missing payload', 'room:join', undefined, 'room:join: '],
    ['wrong protocol version', 'room:join', { ...join, v: 2 }, 'v: protocol version must be 1'],
    ['empty room', 'room:join', { ...join, room: '' }, 'room: room id must be'],
    ['room too long', 'room:join', { ...join, room: 'x'.repeat(65) }, 'room: room id must be'],
    ['room with a slash', 'room:join', { ...join, room: 'a/b' }, 'room: room id must be'],
    ['blank name', 'room:join', { ...join, name: '   ' }, 'name: name must not be empty'],
    [
      'name too long',
      'room:join',
      { ...join, name: 'n'.repeat(41) },
      'name: name must be at most 40',
    ],
    ['name with control char', 'room:join', { ...join, name: 'An\u0007a' }, 'control characters'],
    ['name with bidi override', 'room:join', { ...join, name: 'An\u202ea' }, 'control characters'],
    ['extra field', 'room:join', { ...join, admin: true }, 'admin'],
    ['no instance', 'room:join', { ...join, instance: undefined }, 'instance'],
    ['short resume token', 'room:join', { ...join, resume: 'abc' }, 'resume token must be'],
    ['mayReturn false', 'room:leave', { mayReturn: false }, 'mayReturn'],
    ['media not boolean', 'media:update', { media: { audio: 'yes', video: true } }, 'media.audio'],
    ['unknown signal type', 'signal:send', { to: 'p', signal: { type: 'bye' } }, 'signal.type'],
    [
      'oversized sdp',
      'signal:send',
      { to: 'p', signal: { type: 'offer', sdp: 'x'.repeat(49 * 1024) } },
      'sdp is too large',
    ],
    [
      'spoofed sender',
      'signal:send',
      { to: 'p', from: 'q', signal: { type: 'offer', sdp: 'v=0' } },
      'from',
    ],
    [
      'bad target',
      'signal:send',
      { to: '../p', signal: { type: 'offer', sdp: 'v=0' } },
      'to: peer id is malformed',
    ],
    ['array payload', 'room:leave', [], 'room:leave: '],
  ];
  it.each(invalid)('rejects %s with a reason', (_label, name, raw, reason) => {
    const parsed = parseClientEvent(name, raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toContain(reason);
    }
  });
});

describe('parseServerEvent', () => {
  const peer = { id: 'p1', instance: 'page-0001', name: 'Ana', media };
  it.each([
    ['peer:joined', { peer }],
    ['peer:left', { peerId: 'p1' }],
    ['peer:updated', { peer }],
    ['signal:received', { from: 'p1', signal: { type: 'answer', sdp: 'v=0' } }],
  ])('accepts %s', (name, raw) => {
    expect(parseServerEvent(name, raw).ok).toBe(true);
  });

  it.each([
    ['peer:joined', { peer: { ...peer, id: '' } }],
    ['peer:joined', { peer: { ...peer, instance: 'x' } }],
    ['peer:left', {}],
    ['signal:received', { signal: { type: 'answer', sdp: 'v=0' } }],
    ['room:hijack', {}],
  ])('rejects malformed %s', (name, raw) => {
    expect(parseServerEvent(name, raw).ok).toBe(false);
  });
});

describe('parseReply', () => {
  const accepted = {
    self: { id: 'a', instance: 'page-0001', name: 'A', media },
    resume: 'r'.repeat(43),
    peers: [],
    capacity: 6,
    room: { locked: false, passwordProtected: false },
    iceServers: [{ urls: ['turn:127.0.0.1:3478'], username: '1:a', credential: 'x' }],
  };

  it('accepts a join acceptance and a coded refusal', () => {
    expect(parseReply('room:join', { ok: true, data: accepted }).ok).toBe(true);
    const refused = parseReply('room:join', {
      ok: false,
      error: { code: 'ROOM_FULL', message: 'full' },
    });
    expect(refused).toEqual({ ok: false, error: { code: 'ROOM_FULL', message: 'full' } });
  });

  it('refuses ICE servers in a join reply that are not stun: or turn: URLs', () => {
    const reply = parseReply('room:join', {
      ok: true,
      data: { ...accepted, iceServers: [{ urls: ['https://evil.example.com'] }] },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } });
  });

  it('refuses a join reply whose resume token could not be a token', () => {
    const reply = parseReply('room:join', {
      ok: true,
      data: { ...accepted, resume: '../../etc' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } });
  });

  it('turns a malformed reply into INVALID_MESSAGE instead of trusting it', () => {
    const reply = parseReply('room:join', { ok: true, data: { self: null } });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('INVALID_MESSAGE');
    expect(parseReply('signal:send', { ok: false, error: { code: 'NOPE', message: '' } }).ok).toBe(
      false,
    );
  });
});
