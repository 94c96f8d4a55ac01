import { describe, expect, it } from 'vitest';
import {
  buildServers,
  DEVELOPMENT_SERVER_URL,
  externallyConnectableMatches,
} from '../../../scripts/build-servers.js';

const loopback = /^https?:\/\/(127\.|localhost|\[::1\])/;

describe('the servers an extension build may use', () => {
  it('lets a build for a real server talk to that server only, with no loopback page at all', () => {
    const servers = buildServers({
      TFX_SERVER_URL: 'https://calls.example.com/ignored/path',
      TFX_INVITE_ORIGINS: 'https://meet.example.org, https://calls.example.com',
    });
    expect(servers).toEqual(['https://calls.example.com', 'https://meet.example.org']);
    const matches = externallyConnectableMatches(servers);
    expect(matches).toEqual(['https://calls.example.com/*', 'https://meet.example.org/*']);
    expect(matches.filter((pattern) => loopback.test(pattern))).toEqual([]);
  });

  it('lets a development build talk to its own local server on its port, not to every local page', () => {
    const matches = externallyConnectableMatches(buildServers({}));
    expect(matches).toEqual([`${DEVELOPMENT_SERVER_URL}/*`]);
    // A pattern without a port matches every port on that host.
    for (const pattern of matches) expect(new URL(pattern.replace('/*', '/')).port).not.toBe('');
  });

  it('refuses a build whose server is not an http(s) address, naming the variable', () => {
    expect(() => buildServers({ TFX_SERVER_URL: 'ftp://calls.example.com' })).toThrow(
      /TFX_SERVER_URL/,
    );
    expect(() => buildServers({ TFX_INVITE_ORIGINS: 'not a url' })).toThrow(/TFX_INVITE_ORIGINS/);
  });
});
