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
});
