import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/server/config.js';
import { iceServersFor } from '../../../src/server/ice-credentials.js';

describe('iceServersFor', () => {
  const config = {
    ...DEFAULT_CONFIG,
    stunUrls: ['stun:127.0.0.1:3478'],
    turnUrls: ['turn:127.0.0.1:3478?transport=udp'],
    turnSecret: 'tfx-test-shared-secret',
    turnTtlSeconds: 600,
  };

  it('hands out coturn REST credentials: expiry:peer, signed with the shared secret', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0, 0);
    const [stun, turn] = iceServersFor(config, 'peer-1', now);
    expect(stun).toEqual({ urls: ['stun:127.0.0.1:3478'] });
    const expiry = now / 1000 + 600;
    expect(turn?.username).toBe(`${expiry}:peer-1`);
    // Another peer, or the same one later, gets a different credential.
    expect(iceServersFor(config, 'peer-2', now)[1]?.credential).not.toBe(turn?.credential);
    expect(iceServersFor(config, 'peer-1', now + 1000)[1]?.credential).not.toBe(turn?.credential);
    // What coturn computes from the same secret (its use-auth-secret check).
    expect(turn?.credential).toBe(
      createHmac('sha1', 'tfx-test-shared-secret').update(`${expiry}:peer-1`).digest('base64'),
    );
  });

  it('hands out nothing when the server has no ICE servers configured', () => {
    expect(iceServersFor(DEFAULT_CONFIG, 'peer-1')).toEqual([]);
  });
});
