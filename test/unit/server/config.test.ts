import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../../../src/server/config.js';

describe('loadConfig', () => {
  it('uses the embedded defaults with no flags or environment', () => {
    expect(loadConfig([], {})).toEqual(DEFAULT_CONFIG);
  });

  it('lets flags win over the environment', () => {
    const config = loadConfig(['--port', '9001', '--capacity', '4'], {
      PORT: '7000',
      HOST: '0.0.0.0',
    });
    expect(config).toMatchObject({ port: 9001, host: '0.0.0.0', roomCapacity: 4 });
  });

  it('refuses bad values with a message naming each field', () => {
    expect(() =>
      loadConfig(['--port', 'http'], { ROOM_CAPACITY: '1', EXTENSION_ID: 'xyz' }),
    ).toThrow(
      /port: .*\n.*roomCapacity: .*\n.*extensionId: must be a 32-letter Chrome extension id/,
    );
    expect(() => loadConfig(['--colour'], {})).toThrow(/Unknown option '--colour'/);
  });

  it('reads the web origins that may connect, and refuses one with a path', () => {
    expect(
      loadConfig([], { WEB_ORIGINS: 'https://calls.example.com, http://127.0.0.1:9000' })
        .webOrigins,
    ).toEqual(['https://calls.example.com', 'http://127.0.0.1:9000']);
    expect(() => loadConfig(['--web-origins', 'https://calls.example.com/app'], {})).toThrow(
      /webOrigins.*must be an origin/,
    );
  });

  it('reads TURN and STUN settings, and refuses a TURN half-configuration', () => {
    const config = loadConfig(
      ['--turn-urls', 'turn:turn.example.com:3478?transport=udp, turns:turn.example.com:5349'],
      {
        TURN_SECRET: 'a-long-shared-secret',
        STUN_URLS: 'stun:stun.example.com:3478',
        TURN_TTL: '600',
      },
    );
    expect(config).toMatchObject({
      turnUrls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349'],
      stunUrls: ['stun:stun.example.com:3478'],
      turnSecret: 'a-long-shared-secret',
      turnTtlSeconds: 600,
    });
    expect(() => loadConfig(['--turn-urls', 'turn:t.example.com'], {})).toThrow(
      /turnSecret: TURN URLs need the shared secret/,
    );
    expect(() => loadConfig([], { TURN_SECRET: 'a-long-shared-secret' })).toThrow(
      /turnUrls: a TURN secret needs TURN URLs/,
    );
    expect(() =>
      loadConfig(['--turn-urls', 'http://t.example.com', '--turn-secret', 'short'], {}),
    ).toThrow(
      /turnUrls.0: must be a turn: or turns: URL[\s\S]*turnSecret: must be at least 16 characters/,
    );
  });
});
