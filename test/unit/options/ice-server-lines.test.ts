import { describe, expect, it } from 'vitest';
import {
  formatIceServerLines,
  parseIceServerLines,
} from '../../../src/options/ice-server-lines.js';

describe('parseIceServerLines', () => {
  it('reads STUN and TURN lines, skipping blanks and comments', () => {
    const parsed = parseIceServerLines(
      '# office\nstun:stun.example.com:3478\n\n  turns:turn.example.com:443?transport=tcp ana s3cret  \n',
    );
    expect(parsed).toEqual({
      ok: true,
      value: [
        { urls: 'stun:stun.example.com:3478' },
        { urls: 'turns:turn.example.com:443?transport=tcp', username: 'ana', credential: 's3cret' },
      ],
    });
  });

  it.each([
    [
      'http://example.com',
      'Line 1: "http://example.com" is not a stun:, stuns:, turn: or turns: URL.',
    ],
    ['stun:a\nturn:b:3478', 'Line 2: a TURN server needs a username and a credential.'],
    ['stun:a user', 'Line 1: a STUN server takes no username.'],
    ['turn:a u c extra', 'Line 1: expected "url [username credential]".'],
  ])('refuses %j with the line named', (text, error) => {
    expect(parseIceServerLines(text)).toEqual({ ok: false, reason: error });
  });

  it('round-trips through the text form', () => {
    const servers = [{ urls: 'stun:s:1' }, { urls: 'turn:t:2', username: 'u', credential: 'c' }];
    expect(parseIceServerLines(formatIceServerLines(servers))).toEqual({
      ok: true,
      value: servers,
    });
  });
});
